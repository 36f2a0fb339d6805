import { DeliveryLog } from './delivery-log';

describe('DeliveryLog', () => {
  it('lists a contact’s deliveries in order, and those after a sequence number', () => {
    const log = new DeliveryLog();
    const at = new Date();
    log.record('a', 'j1', { text: 'one' }, at);
    log.record('b', 'j2', { text: 'other' }, at);
    const third = log.record('a', 'j3', { file: { name: 'x.pdf', url: 'http://x/x.pdf' } }, at);
    expect(log.forContact('a').map((d) => d.jobId)).toEqual(['j1', 'j3']);
    expect(log.forContact('a', 1)).toEqual([third]);
    expect(log.forContact('nobody')).toEqual([]);
  });

  it('keeps only the most recent deliveries of a contact', () => {
    const log = new DeliveryLog();
    for (let i = 0; i < 250; i++) log.record('a', `j${i}`, { text: String(i) }, new Date());
    const kept = log.forContact('a');
    expect(kept).toHaveLength(200);
    expect(kept[0]?.jobId).toBe('j50');
  });
});
