import { zhCN } from './zh-CN';
import { consoleText } from './zh-CN.console';

/** Every leaf string with its dotted key, so a failure names the string at fault. */
function leaves(node: unknown, prefix = ''): Array<[string, unknown]> {
  if (typeof node !== 'object' || node === null) return [[prefix, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

describe('zh-CN strings', () => {
  it.each([...leaves(zhCN), ...leaves(consoleText, 'console')])('%s is a non-empty, trimmed string (or a function making one)', (_key, value) => {
    // Strings with figures in them are functions of those figures: try them with sample arguments.
    const text = typeof value === 'function' ? (value as (...args: unknown[]) => unknown)('样例', 3, 7) : value;
    expect(typeof text).toBe('string');
    expect((text as string).length).toBeGreaterThan(0);
    expect(text).toBe((text as string).trim());
  });

  it('names every order status distinctly', () => {
    const labels = Object.values(zhCN.orderStatus);
    expect(Object.keys(zhCN.orderStatus).sort()).toEqual(['EXPIRED', 'FAILED', 'PAID', 'PENDING', 'REFUNDED']);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
