import { Image, Text, View } from '@tarojs/components';
import { coverTone } from '../services/rating';

/** The course cover, or a coloured tile with the first character of the name when there is none. */
export function Cover({ url, name, category, wide }: { url: string | null; name: string; category: string | null; wide?: boolean }) {
  const cls = wide ? 'cover cover--wide' : 'cover';
  if (url) return <Image className={cls} src={url} mode='aspectFill' lazyLoad />;
  return (
    <View className={`${cls} cover--tile cover--tone-${coverTone(category ?? name)}`}>
      <Text className='cover__initial'>{Array.from(name)[0] ?? ''}</Text>
      {wide && <Text className='cover__label'>{category}</Text>}
    </View>
  );
}
