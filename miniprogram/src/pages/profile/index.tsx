import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { platform } from '../../platform';
import { api } from '../../services/api';
import { toastError, toastInfo, toastOk } from '../../services/feedback';
import { ROUTES, go, returnAfterSignIn } from '../../services/navigation';
import { reportVisits } from '../../services/referral';
import { clearSession, saveSession } from '../../services/session';
import type { SignedIn } from '../../services/types';
import { MembershipCard } from './membership-card';

const t = zhCN.profile;

/** Sign in (WeChat, or username and password), my courses and orders, the chat bot binding, the consoles (or opening a shop), sign out. */
export default function Profile() {
  const session = useSession();
  const [busy, run] = useBusyAction();
  const [showPassword, setShowPassword] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [binding, setBinding] = useState<{ code: string; expires_at: string } | null>(null);

  const finish = (signed: SignedIn) => {
    saveSession({ token: signed.token, user: signed.user });
    toastOk(t.signedIn);
    // Share links opened before signing in count from now.
    void reportVisits();
    returnAfterSignIn();
  };

  const signInWithWechat = () => run(async () => finish(await api.signInWithWechat(await platform.login())));

  const signInWithPassword = async () => {
    if (!username.trim() || !password) return toastInfo(`${t.username} / ${t.password}`);
    await run(async () => finish(await api.signInWithPassword(username.trim(), password)));
  };

  const openShop = () =>
    run(async () => {
      const signed = await api.becomeCreator();
      saveSession({ token: signed.token, user: signed.user });
      toastOk(t.shopOpened);
      go(ROUTES.creatorConsole);
    });

  const bindBot = async () => {
    try {
      setBinding(await api.chatBindingCode());
    } catch (err) {
      toastError(err);
    }
  };

  if (!session) {
    return (
      <View className='page page--profile'>
        <View className='profile-head'>
          <View className='avatar avatar--guest'>?</View>
          <View>
            <Text className='profile-head__name'>{t.guest}</Text>
            <Text className='profile-head__hint'>{t.guestHint}</Text>
          </View>
        </View>
        <View className='card'>
          <Button className='btn btn--wechat btn--block' disabled={busy} onClick={() => void signInWithWechat()}>
            {busy ? t.signingIn : t.signIn}
          </Button>
          {platform.name === 'h5' && <Text className='muted center small'>{t.sandboxHint}</Text>}
          <Text className='link center' onClick={() => setShowPassword(!showPassword)}>
            {t.passwordSignIn}
          </Text>
          {showPassword && (
            <View className='form'>
              <Input className='form__input' value={username} placeholder={t.username} onInput={(e) => setUsername(e.detail.value)} maxlength={32} />
              <Input className='form__input' value={password} placeholder={t.password} password onInput={(e) => setPassword(e.detail.value)} maxlength={128} />
              <Button className='btn btn--ghost btn--block' disabled={busy} onClick={() => void signInWithPassword()}>
                {t.passwordSignIn}
              </Button>
            </View>
          )}
        </View>
      </View>
    );
  }

  const user = session.user;
  return (
    <View className='page page--profile'>
      <View className='profile-head'>
        <View className='avatar'>{Array.from(user.display_name)[0] ?? '学'}</View>
        <View>
          <Text className='profile-head__name'>{user.display_name}</Text>
          <Text className='profile-head__hint'>@{user.username}</Text>
        </View>
      </View>
      <MembershipCard userId={user.id} />
      <View className='card menu'>
        {user.role === 'creator' && (
          <View className='menu__item menu__item--console' onClick={() => go(ROUTES.creatorConsole)}>
            <Text>{t.creatorConsole}</Text>
            <Text className='muted'>›</Text>
          </View>
        )}
        {user.role === 'admin' && (
          <View className='menu__item menu__item--console' onClick={() => go(ROUTES.adminConsole)}>
            <Text>{t.adminConsole}</Text>
            <Text className='muted'>›</Text>
          </View>
        )}
        <View className='menu__item' onClick={() => go(ROUTES.library)}>
          <Text>{t.myCourses}</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='menu__item' onClick={() => go(ROUTES.orders)}>
          <Text>{t.myOrders}</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='menu__item' onClick={() => go(ROUTES.certificates)}>
          <Text>{t.myCertificates}</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='menu__item' onClick={() => go(ROUTES.myPaidQuestions)}>
          <Text>{zhCN.paidQa.mine}</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='menu__item' onClick={() => go(ROUTES.referrals)}>
          <Text>{t.myReferrals}</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='menu__item menu__item--redeem' onClick={() => go(ROUTES.redeem)}>
          <Text>{t.redeem}</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='menu__item menu__item--gifts' onClick={() => go(ROUTES.gifts)}>
          <Text>{t.gifts}</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='menu__item' onClick={() => void bindBot()}>
          <Text>{t.bindBot}</Text>
          <Text className='muted'>›</Text>
        </View>
        {binding && (
          <View className='bind-code'>
            <Text className='bind-code__code'>{binding.code}</Text>
            <Text className='muted small'>{t.bindHint(binding.code)}</Text>
          </View>
        )}
      </View>
      {user.role === 'learner' && (
        <Button className='btn btn--primary btn--block' disabled={busy} onClick={() => void openShop()}>
          {busy ? t.openingShop : t.openShop}
        </Button>
      )}
      <Button
        className='btn btn--ghost btn--block'
        onClick={() => {
          clearSession();
          toastOk(t.signedOut);
        }}
      >
        {t.signOut}
      </Button>
    </View>
  );
}
