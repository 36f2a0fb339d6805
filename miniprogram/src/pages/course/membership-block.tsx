import { Button, Text, View } from '@tarojs/components';
import { useAsync } from '../../hooks/use-async';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { chinaDate, cheapestPlan } from '../../services/membership';
import { formatPrice } from '../../services/money';
import { ROUTES, go, goToSignIn } from '../../services/navigation';

const t = zhCN.membership;

/**
 * The course's membership offer: for a member, the 会员 badge and until when; otherwise, when plans cover
 * the course, 会员免费学 with the cheapest plan and 开通会员 (to the plan picker). Nothing for a course no
 * plan covers, or for a learner who bought it outright.
 */
export function MembershipBlock({ courseId, enrolled }: { courseId: number; enrolled: boolean }) {
  const session = useSession();
  // Reloaded when access changes (back from the picker, the course reloads and `enrolled` flips).
  const plans = useAsync(() => api.coursePlans(courseId), [courseId, session?.token, enrolled]);
  const offers = plans.data;
  if (!offers) return null;
  if (offers.member) {
    const until = offers.member_until ? t.memberUntil(chinaDate(offers.member_until)) : t.lifetime;
    return (
      <View className='card membership-block membership-block--member'>
        <Text className='badge badge--member'>{t.badge}</Text>
        <Text className='muted small'>{until}</Text>
      </View>
    );
  }
  const cheapest = cheapestPlan(offers.results);
  if (!cheapest || enrolled) return null;
  const join = () => {
    if (!session) return goToSignIn();
    go(ROUTES.plans, { course: courseId });
  };
  return (
    <View className='card membership-block'>
      <View className='membership-block__text'>
        <Text className='membership-block__title'>{t.memberFree}</Text>
        <Text className='muted small block'>{t.cheapest(cheapest.name, formatPrice(cheapest.price_fen), t.period[cheapest.period] ?? '')}</Text>
      </View>
      <Button className='btn btn--primary btn--small membership-block__join' onClick={join}>
        {t.join}
      </Button>
    </View>
  );
}
