import { Canvas } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState, type ComponentProps } from 'react';
import { echarts, type ChartProps } from './echarts';
import { WxCanvas, type CanvasNode } from './wx-canvas';

let count = 0;
let platformReady = false;

/** ECharts measures text on a canvas of its own: WeChat makes those off screen. */
function preparePlatform(): void {
  if (platformReady) return;
  echarts.setPlatformAPI({ createCanvas: () => Taro.createOffscreenCanvas({ type: '2d', width: 32, height: 32 }) as unknown as HTMLCanvasElement });
  platformReady = true;
}

type TouchHandler = NonNullable<ComponentProps<typeof Canvas>['onTouchStart']>;
type ZrEvent = 'mousedown' | 'mousemove' | 'mouseup' | 'click';

/**
 * In WeChat ECharts draws on a `<canvas type="2d">` node (found with a selector query once the page
 * has rendered); touches are handed to it as mouse events, so tooltips follow the finger.
 */
export function Chart({ option, height = 240, label }: ChartProps) {
  const [id] = useState(() => `kp_chart_${++count}`);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width: number; height: number } | null>) => {
          const info = res?.[0];
          if (disposed || !info?.node) return;
          preparePlatform();
          const dpr = Taro.getSystemInfoSync().pixelRatio;
          info.node.width = info.width * dpr;
          info.node.height = info.height * dpr;
          const instance = echarts.init(new WxCanvas(info.node) as unknown as HTMLElement, undefined, { width: info.width, height: info.height, devicePixelRatio: dpr });
          instance.setOption(latest.current);
          chart.current = instance;
        });
    });
    return () => {
      disposed = true;
      chart.current?.dispose();
      chart.current = null;
    };
  }, [id]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  const forward =
    (...types: ZrEvent[]): TouchHandler =>
    (e) => {
      const touch = (e.changedTouches?.[0] ?? e.touches?.[0]) as { x?: number; y?: number } | undefined;
      const handler = chart.current?.getZr().handler;
      if (!touch || !handler) return;
      const noop = () => undefined;
      for (const type of types) handler.dispatch(type, { zrX: touch.x ?? 0, zrY: touch.y ?? 0, preventDefault: noop, stopImmediatePropagation: noop, stopPropagation: noop });
    };

  return (
    <Canvas
      type='2d'
      id={id}
      canvasId={id}
      className='chart'
      style={{ height: `${height}px`, width: '100%' }}
      aria-label={label}
      onTouchStart={forward('mousedown', 'mousemove')}
      onTouchMove={forward('mousemove')}
      onTouchEnd={forward('mouseup', 'click')}
    />
  );
}
