// One canvas chart for every time series in the app, drawn by uPlot: thousands of points cost
// a few milliseconds on a canvas, where an SVG chart builds a DOM node per point and takes
// over 100 ms for 2,000 of them. Colours come from the theme's CSS variables and the chart is
// redrawn when the theme changes. A canvas says nothing to a screen reader, so the container
// is an image whose label is a text summary of what the chart shows.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  /** A theme variable such as '--accent'. */
  color: string;
  /** Series on the same scale share a y axis; the second scale gets an axis on the right. */
  scale: string;
  values: readonly (number | null)[];
  /** How the legend and the axis write a value of this series. */
  format: (value: number) => string;
  bars?: boolean;
}

export interface CanvasChartProps {
  /** The accessible text summary (the chart is role="img"). */
  label: string;
  /** x values: seconds since the start ('elapsed') or UTC midnights in seconds ('days'). */
  x: readonly number[];
  xKind: 'elapsed' | 'days';
  /** The legend's name and text for an x value (default: Day and the date, or Time in seconds). */
  xLegend?: { label: string; format: (x: number) => string };
  series: readonly ChartSeries[];
  height: number;
}

function themeColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function options(props: CanvasChartProps, width: number, onDraw: () => void): uPlot.Options {
  const muted = themeColor('--muted');
  const grid = { stroke: themeColor('--border'), width: 1 };
  const font = `12px ${getComputedStyle(document.documentElement).fontFamily}`;
  const scales = [...new Set(props.series.map((s) => s.scale))];
  const firstOn = (scale: string) => props.series.find((s) => s.scale === scale)!;
  const bars = uPlot.paths.bars!({ size: [0.7, 40], align: 0 });
  return {
    width,
    height: props.height,
    // Days are labelled as the core named them (local days written as UTC dates).
    ...(props.xKind === 'days'
      ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') }
      : {}),
    scales: {
      x: {
        time: props.xKind === 'days',
        ...(props.xKind === 'days'
          ? { range: (_u, min, max) => [min - 43_200, max + 43_200] }
          : {}),
      },
    },
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    series: [
      props.xLegend
        ? {
            label: props.xLegend.label,
            value: (_u, v) => (v == null ? '—' : props.xLegend!.format(v)),
          }
        : props.xKind === 'days'
          ? { label: 'Day', value: '{YYYY}-{MM}-{DD}' }
          : { label: 'Time', value: (_u, v) => (v == null ? '—' : `${v}s`) },
      ...props.series.map<uPlot.Series>((s) => ({
        label: s.label,
        scale: s.scale,
        stroke: themeColor(s.color),
        width: 1.5,
        ...(s.bars
          ? { paths: bars, fill: themeColor(s.color), points: { show: false } }
          : { points: { show: false } }),
        value: (_u, v) => (v == null ? '—' : s.format(v)),
      })),
    ],
    axes: [
      {
        stroke: muted,
        grid,
        ticks: grid,
        font,
        ...(props.xKind === 'elapsed' ? { values: (_u, ticks) => ticks.map((t) => `${t}s`) } : {}),
      },
      ...scales.map<uPlot.Axis>((scale, i) => ({
        scale,
        side: i === 0 ? 3 : 1,
        stroke: i === 0 ? muted : themeColor(firstOn(scale).color),
        grid: i === 0 ? grid : { show: false },
        ticks: grid,
        font,
        size: 64,
        values: (_u, ticks) => ticks.map((t) => firstOn(scale).format(t)),
      })),
    ],
    hooks: { draw: [onDraw] },
  };
}

export function CanvasChart({ label, x, xKind, xLegend, series, height }: CanvasChartProps) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current!;
    const props = { label, x, xKind, xLegend, series, height };
    let chart: uPlot | null = null;
    const build = () => {
      chart?.destroy();
      el.dataset.drawn = 'false';
      const data = [
        x as number[],
        ...series.map((s) => s.values as (number | null)[]),
      ] as uPlot.AlignedData;
      chart = new uPlot(
        options(props, Math.max(200, el.clientWidth), () => (el.dataset.drawn = 'true')),
        data,
        el,
      );
    };
    build();
    // Follow the container's width, and redraw in the new colours when the theme changes.
    const resize = new ResizeObserver(() =>
      chart?.setSize({ width: Math.max(200, el.clientWidth), height }),
    );
    resize.observe(el);
    const theme = new MutationObserver(build);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      chart?.destroy();
    };
    // The label is only the container's text; it never needs a redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [x, xKind, xLegend, series, height]);

  return (
    <div
      ref={host}
      className="chart canvas-chart"
      role="img"
      aria-label={label}
      data-points={x.length}
      data-series={series.length}
    />
  );
}
