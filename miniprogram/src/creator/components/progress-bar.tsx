import { View } from '@tarojs/components';

/** An upload's progress, 0–100. */
export function ProgressBar({ percent }: { percent: number }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <View className='progress' role='progressbar' aria-valuenow={p} aria-valuemin={0} aria-valuemax={100}>
      <View className='progress__fill' style={{ width: `${p}%` }} />
    </View>
  );
}
