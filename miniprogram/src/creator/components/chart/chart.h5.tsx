import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { echarts, type ChartProps } from './echarts';

let count = 0;

/** In a browser ECharts draws into its own canvas inside a plain element, and follows its size. */
export function Chart({ option, height = 240, label }: ChartProps) {
  const [id] = useState(() => `kp-chart-${++count}`);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const el = document.getElementById(id);
    if (!el) return undefined;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    instance.setOption(latest.current);
    chart.current = instance;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [id]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <View id={id} className='chart' style={{ height: `${height}px` }} aria-label={label} data-chart={label} />;
}
