import { chinaDate, cheapestPlan } from './membership';
import type { PlanOffer } from './types';

const plan = (id: number, price: number): PlanOffer => ({
  id,
  creator: 1,
  name: `p${id}`,
  period: 'YEARLY',
  price_fen: price,
  all_courses: true,
  trial_days: 0,
  member: false,
  member_until: null,
  trial_available: false,
});

describe('membership helpers', () => {
  it('shows an end as the Beijing date', () => {
    expect(chinaDate('2027-03-31T16:30:00.000Z')).toBe('2027-04-01');
    expect(chinaDate('2027-03-31T15:59:00.000Z')).toBe('2027-03-31');
  });

  it('finds the cheapest plan whatever the order', () => {
    expect(cheapestPlan([plan(1, 19900), plan(2, 990), plan(3, 4500)])?.id).toBe(2);
    expect(cheapestPlan([])).toBeNull();
  });
});
