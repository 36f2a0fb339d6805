import { Text, View } from '@tarojs/components';
import { starsOf } from '../services/rating';

/** Five stars filled to the rating (halves round to the nearer star); tappable when `onPick` is given. */
export function Stars({ rating, onPick, size = 'small' }: { rating: number; onPick?: (n: number) => void; size?: 'small' | 'large' }) {
  const filled = starsOf(rating);
  return (
    <View className={`stars stars--${size}`} role={onPick ? 'radiogroup' : 'img'} aria-label={`${rating.toFixed(1)} / 5`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} className={n <= filled ? 'star star--on' : 'star'} onClick={onPick ? () => onPick(n) : undefined} data-star={n}>
          ★
        </Text>
      ))}
    </View>
  );
}
