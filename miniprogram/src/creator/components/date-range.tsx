import { Picker, Text, View } from '@tarojs/components';
import { consoleText } from '../../i18n/zh-CN.console';
import { lastDays, orderedRange } from '../lib/dates';

const t = consoleText.analytics;

interface Props {
  from: string;
  to: string;
  today: string;
  onChange: (range: { from: string; to: string }) => void;
}

/** From and to dates (WeChat's and the browser's date pickers), and the usual ranges in one tap. */
export function DateRange({ from, to, today, onChange }: Props) {
  const presets: Array<[string, number]> = [
    [t.last7, 7],
    [t.last30, 30],
    [t.last90, 90],
  ];
  return (
    <View className='date-range'>
      <Picker mode='date' value={from} end={today} onChange={(e) => onChange(orderedRange(String(e.detail.value), to))}>
        <View className='date-range__pick' data-range='from'>
          <Text className='muted small'>{t.from}</Text>
          <Text>{from}</Text>
        </View>
      </Picker>
      <Text className='muted'>—</Text>
      <Picker mode='date' value={to} end={today} onChange={(e) => onChange(orderedRange(from, String(e.detail.value)))}>
        <View className='date-range__pick' data-range='to'>
          <Text className='muted small'>{t.to}</Text>
          <Text>{to}</Text>
        </View>
      </Picker>
      <View className='date-range__presets'>
        {presets.map(([label, days]) => {
          const range = lastDays(today, days);
          const on = range.from === from && range.to === to;
          return (
            <Text key={days} className={`chip chip--small${on ? ' chip--on' : ''}`} onClick={() => onChange(range)}>
              {label}
            </Text>
          );
        })}
      </View>
    </View>
  );
}
