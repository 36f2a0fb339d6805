import { consoleText } from '../../../i18n/zh-CN.console';
import { AnalyticsView } from '../../components/analytics-view';
import { ConsolePage } from '../../components/console-page';
import { consoleApi } from '../../services/console-api';

/** The platform's analytics: the same views as a creator's, over every course (top 20). */
export default function PlatformAnalytics() {
  return (
    <ConsolePage role='admin' title={consoleText.nav.platform} current='adminAnalytics'>
      {() => <AnalyticsView load={consoleApi.platformAnalytics} />}
    </ConsolePage>
  );
}
