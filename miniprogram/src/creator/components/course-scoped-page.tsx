import { Picker, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { consoleText } from '../../i18n/zh-CN.console';
import { consoleApi } from '../services/console-api';
import { ConsolePage } from './console-page';

interface Props {
  title: string;
  current: string;
  /** The section for the chosen course; keyed by it, so switching courses starts the section afresh. */
  children: (courseId: number) => ReactNode;
}

/** A creator console page about one of my courses at a time (quizzes, live sessions, works): a course picker, then the section. */
export function CourseScopedPage({ title, current, children }: Props) {
  const courses = useAsync(() => consoleApi.myCourses(), []);
  const [courseIndex, setCourseIndex] = useState(0);
  const options = courses.data?.results ?? [];
  const course = options[courseIndex];
  return (
    <ConsolePage role='creator' title={title} current={current}>
      {() => (
        <StateView loading={courses.loading} error={courses.error} empty={options.length === 0} onRetry={() => void courses.reload()}>
          <View className='card'>
            <Text className='form__label'>{consoleText.pickCourse}</Text>
            <Picker mode='selector' range={options.map((c) => c.name)} value={courseIndex} onChange={(e) => setCourseIndex(Number(e.detail.value))}>
              <View className='form__input form__picker'>{course?.name}</View>
            </Picker>
          </View>
          {course && <View key={course.id}>{children(course.id)}</View>}
        </StateView>
      )}
    </ConsolePage>
  );
}
