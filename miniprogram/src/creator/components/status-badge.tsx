import { Text } from '@tarojs/components';
import { consoleText, type CourseStatus } from '../../i18n/zh-CN.console';

/** A course's status as a coloured label. */
export function StatusBadge({ status }: { status: CourseStatus }) {
  return (
    <Text className={`status status--course-${status.toLowerCase()}`} data-status={status}>
      {consoleText.courseStatus[status]}
    </Text>
  );
}
