import { zhCN } from '../i18n/zh-CN';

export type CashierChoice = 'confirm' | 'fail' | 'cancel';

const t = zhCN.cashier;

/**
 * WeChat Pay's cashier, as the browser build shows it: a bottom sheet over the page (plain DOM, so pages
 * need not know about it). Resolves with what the learner chose.
 */
export function showCashier(input: { amount: string; description: string }): Promise<CashierChoice> {
  return new Promise((resolve) => {
    const overlay = document.createElement('div');
    overlay.className = 'kp-cashier';
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-label', t.title);
    overlay.innerHTML = `
      <div class="kp-cashier__sheet">
        <div class="kp-cashier__head"><span class="kp-cashier__logo">✓</span>${t.title}</div>
        <div class="kp-cashier__desc"></div>
        <div class="kp-cashier__amount"></div>
        <div class="kp-cashier__row"><span>${t.method}</span><span>${t.balance}</span></div>
        <button type="button" class="kp-cashier__confirm" data-choice="confirm">${t.confirm}</button>
        <div class="kp-cashier__more">
          <button type="button" data-choice="fail">${t.fail}</button>
          <button type="button" data-choice="cancel">${t.cancel}</button>
        </div>
        <div class="kp-cashier__note">${t.note}</div>
      </div>`;
    overlay.querySelector('.kp-cashier__desc')!.textContent = input.description;
    overlay.querySelector('.kp-cashier__amount')!.textContent = input.amount;
    const close = (choice: CashierChoice) => {
      overlay.remove();
      resolve(choice);
    };
    overlay.addEventListener('click', (event) => {
      const target = event.target as HTMLElement;
      if (target === overlay) return close('cancel');
      const choice = target.closest<HTMLElement>('[data-choice]')?.dataset.choice as CashierChoice | undefined;
      if (choice) close(choice);
    });
    document.body.appendChild(overlay);
  });
}
