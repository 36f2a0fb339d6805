import { Button, Text, View } from '@tarojs/components';
import { zhCN } from '../i18n/zh-CN';
import { goToSignIn } from '../services/navigation';

/** What a page that needs a learner shows to a visitor. */
export function SignInPrompt() {
  return (
    <View className='state state--empty'>
      <Text className='state__text'>{zhCN.errors.loginRequired}</Text>
      <Text className='state__hint'>{zhCN.profile.guestHint}</Text>
      <Button className='btn btn--primary btn--small' onClick={goToSignIn}>
        {zhCN.profile.signIn}
      </Button>
    </View>
  );
}
