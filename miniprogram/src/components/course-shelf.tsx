import { ScrollView, Text, View } from '@tarojs/components';
import { useAsync } from '../hooks/use-async';
import { ROUTES, go } from '../services/navigation';
import type { CourseItem } from '../services/types';
import { Cover } from './cover';
import { Price } from './price';

/** A titled, horizontally scrolling row of courses (recommendations, related courses); hidden when empty or failed. */
export function CourseShelf({ title, load, deps }: { title: string; load: () => Promise<{ results: CourseItem[] }>; deps: unknown[] }) {
  const shelf = useAsync(load, deps);
  const courses = shelf.data?.results ?? [];
  if (courses.length === 0) return null;
  return (
    <View className='shelf'>
      <Text className='shelf__title'>{title}</Text>
      <ScrollView className='shelf__row' scrollX enhanced showScrollbar={false}>
        {courses.map((c) => (
          <View key={c.id} className='shelf__item' onClick={() => go(ROUTES.course, { id: c.id })} data-course-id={c.id}>
            <Cover url={c.cover_url} name={c.name} category={c.category} />
            <Text className='shelf__name'>{c.name}</Text>
            <Price fen={c.price_fen} />
          </View>
        ))}
      </ScrollView>
    </View>
  );
}
