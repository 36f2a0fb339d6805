import { Text, View } from '@tarojs/components';

interface Props<T extends string | number> {
  options: readonly T[];
  /** Whether an option is chosen (one or several may be). */
  isOn: (option: T) => boolean;
  label: (option: T) => string | undefined;
  onPick: (option: T) => void;
  /** Each chip carries `data-<name>` with its option, for tests and styling. */
  dataName?: string;
  className?: string;
}

/** A row of small chips to pick from: kinds, periods, categories, filters. */
export function ChipChoice<T extends string | number>({ options, isOn, label, onPick, dataName, className }: Props<T>) {
  return (
    <View className={`chips chips--wrap${className ? ` ${className}` : ''}`}>
      {options.map((option) => (
        <Text
          key={String(option) || 'all'}
          className={`chip chip--small${isOn(option) ? ' chip--on' : ''}`}
          {...(dataName ? { [`data-${dataName}`]: option } : {})}
          onClick={() => onPick(option)}
        >
          {label(option)}
        </Text>
      ))}
    </View>
  );
}
