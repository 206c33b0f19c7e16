// The soak's curves as a small PNG: an SVG written here, rendered and captured by Chromium.
import type { Browser } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SoakSample } from './soak-host';

export interface RendererSample {
  at: number;
  heapMb: number;
}

interface Panel {
  title: string;
  unit: string;
  points: { x: number; y: number }[];
  limit?: number;
}

const W = 360;
const H = 150;
const PAD = { left: 46, right: 10, top: 24, bottom: 24 };

function panelSvg(panel: Panel, x0: number, y0: number, tMax: number): string {
  const yMax = Math.max(1e-9, panel.limit ?? 0, ...panel.points.map((p) => p.y)) * 1.1;
  const sx = (t: number) => x0 + PAD.left + (t / Math.max(1, tMax)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => y0 + H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
  const line = panel.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
  const last = panel.points.at(-1);
  const ticks = [0, yMax / 2, yMax]
    .map(
      (v) =>
        `<text x="${x0 + PAD.left - 4}" y="${sy(v) + 4}" text-anchor="end">${v.toFixed(v < 10 ? 1 : 0)}</text><line x1="${x0 + PAD.left}" x2="${x0 + W - PAD.right}" y1="${sy(v)}" y2="${sy(v)}" class="grid"/>`,
    )
    .join('');
  return `<g>
    <text x="${x0 + PAD.left}" y="${y0 + 15}" class="title">${panel.title} (${panel.unit})${last ? `: ${last.y.toFixed(1)}` : ''}</text>
    ${ticks}
    ${panel.limit !== undefined ? `<line x1="${x0 + PAD.left}" x2="${x0 + W - PAD.right}" y1="${sy(panel.limit)}" y2="${sy(panel.limit)}" class="limit"/>` : ''}
    <polyline points="${line}" class="curve"/>
    ${panel.points.length < 30 ? panel.points.map((p) => `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="2" class="dot"/>`).join('') : ''}
    <text x="${x0 + W - PAD.right}" y="${y0 + H - 6}" text-anchor="end">${tMax.toFixed(tMax < 10 ? 1 : 0)} s</text>
  </g>`;
}

export async function drawSoakChart(
  browser: Browser,
  path: string,
  samples: SoakSample[],
  renderer: RendererSample[],
  size: { tasks: number },
): Promise<void> {
  const t0 = samples[0]?.at ?? 0;
  const at = (t: number) => (t - t0) / 1000;
  const tMax = at(samples.at(-1)?.at ?? t0);
  const panels: Panel[] = [
    {
      title: 'Desk heap after GC',
      unit: 'MB',
      points: samples.map((s) => ({ x: at(s.at), y: s.heapAfterGcMb })),
    },
    {
      title: 'Desk RSS',
      unit: 'MB',
      points: samples.map((s) => ({ x: at(s.at), y: s.rssMb })),
      limit: 300,
    },
    {
      title: 'Event-loop delay p99',
      unit: 'ms',
      points: samples.map((s) => ({ x: at(s.at), y: s.eventLoopP99Ms })),
      limit: 20,
    },
    {
      title: 'Renderer JS heap after GC',
      unit: 'MB',
      points: renderer.map((s) => ({ x: at(s.at), y: s.heapMb })),
    },
  ];
  const doneBy = samples.at(-1)?.done ?? 0;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${2 * H + 24}" viewBox="0 0 ${2 * W} ${2 * H + 24}">
    <style>
      text { font: 11px system-ui, sans-serif; fill: #333; } .title { font-weight: 600; }
      .grid { stroke: #ddd; } .limit { stroke: #c33; stroke-dasharray: 4 3; } .curve { fill: none; stroke: #2856d8; stroke-width: 1.6; } .dot { fill: #2856d8; }
    </style>
    <rect width="100%" height="100%" fill="#fff"/>
    <text x="8" y="16" class="title">Soak: ${doneBy} of ${size.tasks} tasks, ${samples.length} samples (dashed: target)</text>
    ${panels.map((p, i) => panelSvg(p, (i % 2) * W, 24 + Math.floor(i / 2) * H, tMax)).join('')}
  </svg>`;
  mkdirSync(dirname(path), { recursive: true });
  const page = await browser.newPage({ viewport: { width: 2 * W, height: 2 * H + 24 } });
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.screenshot({ path, clip: { x: 0, y: 0, width: 2 * W, height: 2 * H + 24 } });
  } finally {
    await page.close();
  }
}
