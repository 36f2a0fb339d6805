import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { zhCN } from '../../i18n/zh-CN';
import { toastOk } from '../../services/feedback';

/** A gift's code, large, with a copy button. */
export function CopyCode({ code, small = false }: { code: string; small?: boolean }) {
  const copy = async () => {
    await Taro.setClipboardData({ data: code });
    toastOk(zhCN.gift.copied);
  };
  return (
    <View className={`gift-code${small ? ' gift-code--small' : ''}`}>
      <Text className='gift-code__code' data-code={code}>
        {code}
      </Text>
      <Button className='btn btn--ghost btn--small gift-code__copy' onClick={() => void copy()}>
        {zhCN.gift.copy}
      </Button>
    </View>
  );
}
