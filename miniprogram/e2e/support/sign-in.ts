/** Signing in the way a creator, an admin or a returning learner does in the H5 app: username and password on 我的. */
import type { Page } from 'playwright-core';
import type { Account } from '../../../server/test/support/fixtures';
import { visible } from './browser';

export async function signInWithPassword(page: Page, baseUrl: string, account: Account): Promise<void> {
  const { on, text } = visible(page);
  await page.goto(`${baseUrl}/pages/profile/index`);
  await text('账号密码登录').first().click();
  await on('input[placeholder="用户名"]').fill(account.user.username);
  await on('input[placeholder="密码"]').fill(account.password);
  await on('.form .btn').click();
  await on('.profile-head__name').filter({ hasNotText: '未登录' }).waitFor();
}
