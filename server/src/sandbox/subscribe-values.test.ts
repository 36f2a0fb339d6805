import { firstInvalidKey, keyType, validValue } from './subscribe-values';

describe('subscribe message value rules', () => {
  it('reads the key type from the key, and knows no others', () => {
    expect(keyType('thing7')).toBe('thing');
    expect(keyType('character_string12')).toBe('character_string');
    expect(keyType('phone_number3')).toBe('phone_number');
    for (const key of ['thing', 'thingx1', 'foo1', '1thing', 'Thing1']) expect(keyType(key)).toBeNull();
  });

  it.each([
    ['thing1', '二十个字以内的任何内容都可以，包括标点。', true],
    ['thing1', '这是一段二十一个字的内容，超出了上限一个字', false],
    ['thing1', '😀'.repeat(20), true],
    ['thing1', '   ', false],
    ['number2', '12345', true],
    ['number2', '12.50', true],
    ['number2', '1'.repeat(33), false],
    ['number2', '12a', false],
    ['letter3', 'abcXYZ', true],
    ['letter3', 'abc1', false],
    ['symbol4', '+-*/%', true],
    ['symbol4', '!!!!!!', false],
    ['character_string5', 'KP20250601abcdef0123456789abcdef', true],
    ['character_string5', 'KP20250601abcdef0123456789abcdef0', false],
    ['character_string5', '订单号', false],
    ['time6', '15:01', true],
    ['time6', '2019年10月1日 15:01', true],
    ['time6', '2019-10-01 15:01:30', true],
    ['time6', '2019-10-01 15:01 ~ 2019-10-01 16:01', true],
    ['time6', '2019-10-01', false],
    ['time6', '下午三点', false],
    ['date7', '2019年10月1日', true],
    ['date7', '2019-10-01 15:01', true],
    ['date7', '2019/10/01~2019/10/07', true],
    ['date7', '15:01', false],
    ['amount8', '¥99.90', true],
    ['amount8', '99.90元', true],
    ['amount8', '￥100', true],
    ['amount8', '¥12345678901', false],
    ['amount8', '¥9.999', false],
    ['amount8', '九十九元', false],
    ['phone_number9', '+86 (010)1234567', true],
    ['phone_number9', '0'.repeat(18), false],
    ['car_number10', '粤A12345', true],
    ['car_number10', '粤A123456789', false],
    ['name11', '欧阳娜娜', true],
    ['name11', '张三李四王五赵六孙七', true],
    ['name11', '张三李四王五赵六孙七周', false],
    ['name11', 'Alexander Hamilton', true],
    ['name11', 'Alexander Hamilton III', false],
    ['phrase12', '已支付', true],
    ['phrase12', '支付成功啦了', false],
    ['phrase12', 'paid', false],
  ])('%s = %j is %s', (key, value, ok) => {
    expect(validValue(key, value)).toBe(ok);
  });

  it('names the first key WeChat would refuse', () => {
    expect(firstInvalidKey({ thing1: { value: '课程' }, amount2: { value: '¥1.00' } })).toBeNull();
    expect(firstInvalidKey({ thing1: { value: '课程' }, phrase2: { value: '五个字以上的' } })).toBe('phrase2');
    expect(firstInvalidKey({ nothing: { value: 'x' } })).toBe('nothing');
  });
});
