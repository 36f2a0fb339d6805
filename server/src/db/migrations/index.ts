import { Initial1764163200000 } from './1764163200000-initial';
import { Payments1764180000000 } from './1764180000000-payments';
import { Qa1764190000000 } from './1764190000000-qa';
import { Notifications1764195000000 } from './1764195000000-notifications';
import { LearningSignals1764198000000 } from './1764198000000-learning-signals';
import { Recommendations1764200000000 } from './1764200000000-recommendations';
import { Analytics1764210000000 } from './1764210000000-analytics';
import { ContentReview1764220000000 } from './1764220000000-content-review';
import { Quizzes1764230000000 } from './1764230000000-quizzes';
import { Drip1764231000000 } from './1764231000000-drip';
import { Certificates1764232000000 } from './1764232000000-certificates';
import { Live1764233000000 } from './1764233000000-live';
import { LearnerWorks1764235000000 } from './1764235000000-learner-works';
import { Memberships1764240000000 } from './1764240000000-memberships';
import { MembershipOrders1764240100000 } from './1764240100000-membership-orders';
import { RedemptionCodes1764240200000 } from './1764240200000-redemption-codes';
import { GiftOrders1764240300000 } from './1764240300000-gift-orders';
import { LiveStreamSettings1764241500000 } from './1764241500000-live-stream-settings';
import { QuizAttemptKeys1764241600000 } from './1764241600000-quiz-attempt-keys';
import { PaidQuestions1764250000000 } from './1764250000000-paid-questions';
import { Referrals1764260000000 } from './1764260000000-referrals';
import { CreatorDailySales1764270000000 } from './1764270000000-creator-daily-sales';
import { MembershipExpiry1764280000000 } from './1764280000000-membership-expiry';
import { OtherSalesOfQuestions1764290000000 } from './1764290000000-other-sales-of-questions';

/** Every migration in order; the data source runs them, never `synchronize`. */
export const MIGRATIONS = [
  Initial1764163200000,
  Payments1764180000000,
  Qa1764190000000,
  Notifications1764195000000,
  LearningSignals1764198000000,
  Recommendations1764200000000,
  Analytics1764210000000,
  ContentReview1764220000000,
  Quizzes1764230000000,
  Drip1764231000000,
  Certificates1764232000000,
  Live1764233000000,
  LearnerWorks1764235000000,
  Memberships1764240000000,
  MembershipOrders1764240100000,
  RedemptionCodes1764240200000,
  GiftOrders1764240300000,
  LiveStreamSettings1764241500000,
  QuizAttemptKeys1764241600000,
  PaidQuestions1764250000000,
  Referrals1764260000000,
  CreatorDailySales1764270000000,
  MembershipExpiry1764280000000,
  OtherSalesOfQuestions1764290000000,
];
