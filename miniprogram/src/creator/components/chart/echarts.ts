// ECharts built for the console: bar, line and pie on a canvas, with grid, legend, title and tooltip,
// and nothing else, so the creator subpackage stays small. Imported by the console pages only.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { ChartOption } from '../../lib/charts';

export interface ChartProps {
  option: Record<string, unknown>;
  /** Height in px; the width is the container's. */
  height?: number;
  /** Names the chart for tests and screen readers. */
  label: string;
}
