import { formFromSettings, settingsFromForm } from './paid-question-settings';

const form = { enabled: true, price: '20', unlockPrice: '1.99', answerDays: '3' };

describe('settingsFromForm', () => {
  it('turns yuan into fen and days into a number', () => {
    expect(settingsFromForm(form)).toEqual({ body: { enabled: true, price_fen: 2000, unlock_price_fen: 199, answer_days: 3 } });
  });

  it('refuses prices out of range, an unlock dearer than asking, and days outside 1..14', () => {
    expect(settingsFromForm({ ...form, price: '0.5' })).toEqual({ error: 'price' });
    expect(settingsFromForm({ ...form, price: '10001' })).toEqual({ error: 'price' });
    expect(settingsFromForm({ ...form, unlockPrice: '21' })).toEqual({ error: 'price' });
    expect(settingsFromForm({ ...form, unlockPrice: '0' })).toEqual({ error: 'price' });
    expect(settingsFromForm({ ...form, price: 'abc' })).toEqual({ error: 'price' });
    expect(settingsFromForm({ ...form, answerDays: '0' })).toEqual({ error: 'days' });
    expect(settingsFromForm({ ...form, answerDays: '15' })).toEqual({ error: 'days' });
    expect(settingsFromForm({ ...form, answerDays: '2.5' })).toEqual({ error: 'days' });
  });
});

describe('formFromSettings', () => {
  it('fills the form from saved settings, and leaves prices empty when never set', () => {
    expect(formFromSettings({ enabled: true, price_fen: 2000, unlock_price_fen: 199, answer_days: 5 })).toEqual({ enabled: true, price: '20', unlockPrice: '1.99', answerDays: '5' });
    expect(formFromSettings({ enabled: false, price_fen: null, unlock_price_fen: null, answer_days: 3 })).toEqual({ enabled: false, price: '', unlockPrice: '', answerDays: '3' });
  });
});
