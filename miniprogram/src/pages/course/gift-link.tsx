import { Text, View } from '@tarojs/components';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { ROUTES, go, goToSignIn } from '../../services/navigation';

/** 送给朋友: buy the course as a gift (a code to pass on); paid courses only, never one's own. */
export function GiftLink({ courseId, priceFen, creatorId }: { courseId: number; priceFen: number; creatorId: number | null }) {
  const session = useSession();
  if (priceFen === 0 || (session && session.user.id === creatorId)) return null;
  return (
    <View className='card card--link gift-link' onClick={() => (session ? go(ROUTES.gift, { course: courseId }) : goToSignIn())}>
      <Text>{zhCN.gift.give}</Text>
      <Text className='muted'>›</Text>
    </View>
  );
}
