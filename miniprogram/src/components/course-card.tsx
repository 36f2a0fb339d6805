import { Text, View } from '@tarojs/components';
import { zhCN } from '../i18n/zh-CN';
import { ROUTES, go } from '../services/navigation';
import type { CourseItem } from '../services/types';
import { Cover } from './cover';
import { Price } from './price';

const t = zhCN.catalog;

export function CourseCard({ course }: { course: CourseItem }) {
  return (
    <View className='course-card' onClick={() => go(ROUTES.course, { id: course.id })} data-course-id={course.id}>
      <Cover url={course.cover_url} name={course.name} category={course.category} />
      <View className='course-card__body'>
        <Text className='course-card__name'>{course.name}</Text>
        <Text className='course-card__meta'>
          {course.creator?.name ?? ''} · {course.category ?? ''}
        </Text>
        <View className='course-card__foot'>
          <Text className='course-card__rating'>{course.rating_count > 0 ? `★ ${course.rating.toFixed(1)}` : t.noRating}</Text>
          <Text className='course-card__sales'>{t.learners(course.sales_count)}</Text>
          <Price fen={course.price_fen} />
        </View>
      </View>
    </View>
  );
}

