import { Button, Text, Video, View } from '@tarojs/components';
import { zhCN } from '../../i18n/zh-CN';
import { platform } from '../../platform';
import { toastInfo } from '../../services/feedback';
import { liveStreamChoice } from '../../services/live';
import type { LiveSession } from '../../services/types';

const t = zhCN.live;

/**
 * The session's stream as this build can show it: WeChat's live plugin player (a page of its own), the
 * HLS stream in a video (Taro's H5 video loads hls.js for it), or a word that it is not set up.
 */
export function LiveStream({ session }: { session: LiveSession }) {
  const choice = liveStreamChoice(session, { platform: platform.name, livePlugin: platform.livePlugin });
  switch (choice.kind) {
    case 'plugin':
      return (
        <Button className='btn btn--primary btn--block live-watch' onClick={() => void platform.openLivePlayer(choice.roomId).catch(() => toastInfo(t.playerFailed))}>
          {t.watch}
        </Button>
      );
    case 'video':
      return <Video className='live-video' src={choice.src} autoplay={false} />;
    case 'none':
      return (
        <View className='live-unconfigured'>
          <Text className='muted small'>{t.notConfigured}</Text>
        </View>
      );
  }
}
