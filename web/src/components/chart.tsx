// A small React wrapper around ECharts: `<Chart option={…} ariaLabel="…" height={240} />`.
//
// The chart is drawn as SVG (crisp at any zoom, prints well) once the page is in the browser; ECharts
// itself is loaded on demand, so static rendering (tests, first paint) shows an empty, labelled
// box of the right height and pages without charts never load it. A chart is an image to assistive
// technology (role="img" with `ariaLabel`); the figures it shows must also be on the page as text
// (a caption, figures or a table), passed as `children` (rendered under the chart) or placed nearby.
import { useEffect, useRef, type ReactNode } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

/** The option object ECharts takes (`series`, `xAxis`, `yAxis`, `tooltip`…). */
export type ChartOption = EChartsCoreOption;

export interface ChartProps {
  option: ChartOption;
  /** What the chart shows, in words: announced by screen readers. */
  ariaLabel: string;
  /** Height in CSS pixels; the width follows the container. */
  height?: number;
  className?: string;
  /** The chart's text alternative (a caption or table), shown below it. */
  children?: ReactNode;
}

/** Shared look: the UI's system font and text colours (see styles.css). */
const BASE_OPTION: ChartOption = {
  textStyle: {
    fontFamily:
      "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    color: '#17202a',
  },
};

type ChartInstance = EChartsType;

export function Chart({ option, ariaLabel, height = 260, className, children }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const latest = useRef(option);
  latest.current = option;

  // Create the chart once, resize it with its container, dispose of it on unmount.
  useEffect(() => {
    let cancelled = false;
    let observer: ResizeObserver | undefined;
    void import('./chart-runtime.ts').then(({ init }) => {
      const el = box.current;
      if (cancelled || !el) return;
      const instance = init(el, null, { renderer: 'svg' });
      instance.setOption(withBase(latest.current), { notMerge: true });
      chart.current = instance;
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(el);
      }
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  // A new option replaces the old one (series removed from the option disappear from the chart).
  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(withBase(option), { notMerge: true });
  }, [option]);

  return (
    <figure className={className ? `chart ${className}` : 'chart'}>
      <div ref={box} className="chart-canvas" role="img" aria-label={ariaLabel} style={{ height }} />
      {children}
    </figure>
  );
}

function withBase(option: ChartOption): ChartOption {
  return { ...BASE_OPTION, animation: !prefersReducedMotion(), ...option };
}

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
}
