import { Text } from '@tarojs/components';
import { formatPrice } from '../services/money';

export function Price({ fen, large, strike }: { fen: number; large?: boolean; strike?: boolean }) {
  const cls = ['price', fen === 0 ? 'price--free' : '', large ? 'price--large' : '', strike ? 'price--strike' : ''].filter(Boolean).join(' ');
  return <Text className={cls}>{formatPrice(fen)}</Text>;
}
