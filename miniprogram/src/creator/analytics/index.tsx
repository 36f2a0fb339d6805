import { consoleText } from '../../i18n/zh-CN.console';
import { AnalyticsView } from '../components/analytics-view';
import { ConsolePage } from '../components/console-page';
import { consoleApi } from '../services/console-api';

/** My courses' analytics: revenue by day, orders and conversion per course, learner activity, refunds. */
export default function CreatorAnalytics() {
  return (
    <ConsolePage role='creator' title={consoleText.nav.analytics} current='analytics'>
      {() => <AnalyticsView load={consoleApi.creatorAnalytics} />}
    </ConsolePage>
  );
}
