// The briefing pack's charts and map as SVG, rendered on the server: charts by Apache ECharts (the
// library of the web app's charts) in its server-side SVG mode, the map from the same geometry as
// the web app's Europe map (src/domain/geo/europe-map.ts). Deterministic: ECharts numbers its
// element ids and classes per process, so each chart's are renumbered in order of appearance
// under a prefix of its own, and the same inputs give the same SVG text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as echarts from 'echarts';
import type { Topology } from 'topojson-specification';
import {
  categoryFill,
  europeMapModel,
  STANCE_FILLS,
  type EuropeMapModel,
  type MapCategory,
} from '../../domain/geo/europe-map.ts';
import type { Stance } from '../../domain/scenario-schema.ts';

export interface Svg {
  svg: string;
  width: number;
  height: number;
}

/** Renumbers ECharts' per-process ids (`zr3-cls-12`, `zr3-c0`) in order of appearance. */
export function stableIds(svg: string, prefix: string): string {
  const seen = new Map<string, string>();
  return svg.replace(/zr\d+-[A-Za-z]*-?\d+/g, (token) => {
    let id = seen.get(token);
    if (id === undefined) seen.set(token, (id = `${prefix}-${seen.size}`));
    return id;
  });
}

const FONT = 'Roboto, Helvetica, Arial, sans-serif';
const PALETTE = ['#1d3f8f', '#d9a521', '#2e8b4e', '#c63d3d', '#7b5cc9', '#2a9aa6', '#8a939e'];

function render(prefix: string, width: number, height: number, option: echarts.EChartsOption): Svg {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT }, ...option });
  const svg = stableIds(chart.renderToSVGString(), prefix);
  chart.dispose();
  return { svg, width, height };
}

export interface BarSeries {
  name: string;
  data: number[];
  stack?: string;
}

/** Vertical bars by category; series with the same `stack` stack. */
export function barChart(
  prefix: string,
  categories: readonly string[],
  series: readonly BarSeries[],
  yName: string,
  size: { width?: number; height?: number } = {},
): Svg {
  return render(prefix, size.width ?? 640, size.height ?? 300, {
    grid: { left: 70, right: 20, top: 40, bottom: 40 },
    legend: { top: 0, data: series.map((s) => s.name) },
    xAxis: { type: 'category', data: [...categories], axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: 'value', name: yName, nameTextStyle: { fontSize: 10 } },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.data,
      ...(s.stack && { stack: s.stack }),
    })),
  });
}

/** A line over days (the closure curve), with marked levels. */
export function lineChart(
  prefix: string,
  days: readonly number[],
  values: readonly number[],
  name: string,
  yName: string,
  marks: readonly { label: string; value: number }[],
): Svg {
  return render(prefix, 640, 280, {
    grid: { left: 70, right: 30, top: 30, bottom: 40 },
    xAxis: { type: 'value', name: 'C-day', nameLocation: 'middle', nameGap: 25, min: 0 },
    yAxis: { type: 'value', name: yName, nameTextStyle: { fontSize: 10 } },
    series: [
      {
        name,
        type: 'line',
        showSymbol: false,
        data: days.map((d, i) => [d, values[i]!]),
        markLine: {
          symbol: 'none',
          label: { formatter: '{b}', fontSize: 9 },
          data: marks.map((m) => ({ name: m.label, yAxis: m.value })),
        },
      },
    ],
  });
}

let topology: Topology | undefined;
let model: EuropeMapModel | undefined;

/** The Europe map's model, from the world atlas shipped in node_modules (read once). */
function europeModel(): EuropeMapModel {
  if (!model) {
    const require = createRequire(import.meta.url);
    topology ??= JSON.parse(
      readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
    ) as Topology;
    model = europeMapModel(topology, 640);
  }
  return model;
}

const STANCE_NAMES: Readonly<Record<Stance, string>> = {
  lead: 'Lead',
  committed: 'Committed',
  supportive: 'Supportive',
  cautious: 'Cautious',
  considering: 'Considering',
  declined: 'Declined',
  absent: 'Absent',
};

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Europe coloured by each nation's stance, with a legend of the stances shown. */
export function stanceMap(
  nations: readonly { id: string; name: string; stance: Stance | null }[],
): Svg & { offMap: string[] } {
  const m = europeModel();
  const byId = new Map(nations.map((n) => [n.id, n]));
  // Every stance of the nations is in the legend, those off the map (Canada, the US…) included.
  const shown = new Set<MapCategory>(nations.map((n) => n.stance ?? 'none'));
  const paths = m.countries.map((c) => {
    const n = c.alpha3 ? byId.get(c.alpha3) : undefined;
    const category: MapCategory = n ? (n.stance ?? 'none') : 'outside';
    return `<path d="${c.d}" fill="${categoryFill(category)}" stroke="#ffffff" stroke-width="0.5"><title>${escape(c.name)}</title></path>`;
  });
  const legend = (Object.keys(STANCE_FILLS) as Stance[])
    .filter((s) => shown.has(s))
    .map((s, i) => {
      const y = 16 + i * 16;
      return (
        `<rect x="8" y="${y - 10}" width="12" height="12" fill="${STANCE_FILLS[s]}" stroke="#444" stroke-width="0.5"/>` +
        `<text x="26" y="${y}" font-size="11" font-family="${FONT}" fill="#222">${STANCE_NAMES[s]}</text>`
      );
    });
  const legendHeight = 10 + legend.length * 16;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${m.width}" height="${m.height}" viewBox="0 0 ${m.width} ${m.height}">` +
    `<rect width="${m.width}" height="${m.height}" fill="#f3f7fb"/>${paths.join('')}` +
    `<rect x="2" y="2" width="110" height="${legendHeight}" fill="#ffffff" fill-opacity="0.85"/>${legend.join('')}</svg>`;
  return {
    svg,
    width: m.width,
    height: m.height,
    offMap: nations.filter((x) => !m.onMap.has(x.id)).map((x) => x.id),
  };
}
