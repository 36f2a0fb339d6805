import { Text, View } from '@tarojs/components';
import type { CourseDetail } from '../services/types';
import { Cover } from './cover';

/** The course being bought, at the top of a checkout: cover, name, creator. */
export function CourseSummary({ course }: { course: Pick<CourseDetail, 'cover_url' | 'name' | 'category' | 'creator'> }) {
  return (
    <View className='card checkout-course'>
      <Cover url={course.cover_url} name={course.name} category={course.category} />
      <View className='checkout-course__body'>
        <Text className='checkout-course__name'>{course.name}</Text>
        <Text className='muted'>{course.creator?.name}</Text>
      </View>
    </View>
  );
}
