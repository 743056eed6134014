// Helpers that drive and inspect the app page: waiting for the case viewer, reading canvas pixels,
import type { CbctDebug } from '../../renderer/src/features/case/debug-api.js';
// screenshots under test-artifacts/e2e/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/e2e/', import.meta.url));

export async function snap(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export async function waitForCase(page: Page): Promise<void> {
  await page.locator('[data-testid=case-workspace][data-ready=yes]').waitFor({ timeout: 60_000 });
  // two animation frames: Cornerstone draws on the next frame after the data is set
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export interface PixelStats {
  width: number;
  height: number;
  mean: number;
  std: number;
  distinctGreys: number;
  /** Pixels whose colour is clearly not grey (a label or overlay colour). */
  coloured: number;
}

/** Statistics of a view's canvas (optionally a sub-rectangle in CSS pixels of the element). */
export function canvasStats(page: Page, view: string, rect?: { x: number; y: number; w: number; h: number }) {
  return page.evaluate(
    ({ view, rect }): PixelStats => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid=viewport-${view}] canvas`);
      if (!canvas) throw new Error(`no canvas in view ${view}`);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('the view canvas has no 2-D context');
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      const r = rect
        ? [rect.x * scale, rect.y * scale, rect.w * scale, rect.h * scale].map(Math.round)
        : [0, 0, canvas.width, canvas.height];
      const img = ctx.getImageData(r[0]!, r[1]!, Math.max(1, r[2]!), Math.max(1, r[3]!));
      const d = img.data;
      let sum = 0;
      let sq = 0;
      let coloured = 0;
      const greys = new Set<number>();
      const n = d.length / 4;
      for (let p = 0; p < d.length; p += 4) {
        const g = (d[p]! + d[p + 1]! + d[p + 2]!) / 3;
        sum += g;
        sq += g * g;
        greys.add(Math.round(g));
        if (Math.max(d[p]!, d[p + 1]!, d[p + 2]!) - Math.min(d[p]!, d[p + 1]!, d[p + 2]!) > 40) coloured++;
      }
      const mean = sum / n;
      return {
        width: img.width,
        height: img.height,
        mean,
        std: Math.sqrt(Math.max(0, sq / n - mean * mean)),
        distinctGreys: greys.size,
        coloured,
      };
    },
    { view, rect },
  );
}

/** RGB of a region of a view's canvas (CSS pixels of the element), for before/after comparisons. */
export function canvasRgb(page: Page, view: string, rect: { x: number; y: number; w: number; h: number }) {
  return page.evaluate(
    ({ view, rect }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid=viewport-${view}] canvas`)!;
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      const d = canvas
        .getContext('2d')!
        .getImageData(
          Math.round(rect.x * scale),
          Math.round(rect.y * scale),
          Math.round(rect.w * scale),
          Math.round(rect.h * scale),
        ).data;
      const out: number[] = [];
      for (let p = 0; p < d.length; p += 4) out.push(d[p]!, d[p + 1]!, d[p + 2]!);
      return out;
    },
    { view, rect },
  );
}

/** How many pixels differ by more than `threshold` in some channel. */
export function changedPixels(a: number[], b: number[], threshold = 24): number {
  let n = 0;
  for (let p = 0; p + 2 < a.length; p += 3) {
    if (
      Math.max(Math.abs(a[p]! - b[p]!), Math.abs(a[p + 1]! - b[p + 1]!), Math.abs(a[p + 2]! - b[p + 2]!)) >
      threshold
    )
      n++;
  }
  return n;
}

/**
 * Polls `read` until `ok(value)` holds (rendering in software WebGL can take a few hundred milliseconds
 * per frame), returning the value; on timeout returns the last value so the caller's assertion says what
 * was seen.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

export async function debug<T>(page: Page, fn: (d: CbctDebug) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.cbctDebug)`) as Promise<T>;
}

/** A left-button drag across a view, in fractions of its size. */
export async function dragIn(
  page: Page,
  view: string,
  from: [number, number],
  to: [number, number],
  steps = 8,
) {
  const box = await page.getByTestId(`viewport-${view}`).boundingBox();
  if (!box) throw new Error(`view ${view} is not visible`);
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps });
  await page.mouse.up();
  // the stroke is committed after Cornerstone's own mouse-up handling
  await page.waitForTimeout(100);
  return box;
}
