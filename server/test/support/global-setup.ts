import { randomBytes } from 'node:crypto';

/** One id per `jest` run: every database and Redis prefix of this run carries it, so runs never collide. */
export default function globalSetup(): void {
  process.env.KNOWPAY_TEST_RUN ??= `kp_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}
