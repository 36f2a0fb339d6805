import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { SignInPrompt } from '../../components/sign-in-prompt';
import { useSession } from '../../hooks/use-session';
import { consoleText } from '../../i18n/zh-CN.console';
import { zhCN } from '../../i18n/zh-CN';
import type { SessionUser } from '../../services/session';
import { ConsoleNav } from './console-nav';

interface Props {
  /** Who may use the page; others are told it is not for them (the API refuses them anyway). */
  role: 'creator' | 'admin';
  title: string;
  /** The page's key in the console's navigation, to mark it. */
  current: string;
  children: (user: SessionUser) => ReactNode;
}

/** The frame of every console page: signed in with the right role, the console's navigation, the title. */
export function ConsolePage({ role, title, current, children }: Props) {
  const session = useSession();
  if (!session) return <SignInPrompt />;
  if (session.user.role !== role) {
    return (
      <View className='state state--empty'>
        <Text className='state__text'>{zhCN.errorCodes.ROLE_REQUIRED}</Text>
      </View>
    );
  }
  return (
    <View className={`page console console--${role}`}>
      <ConsoleNav role={role} current={current} />
      <View className='console__main'>
        <Text className='console__title'>{title}</Text>
        {children(session.user)}
      </View>
    </View>
  );
}

export const nav = consoleText.nav;
