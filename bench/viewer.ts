// Viewer benchmark in headless Chromium (issue 6): for a 400×400×300 int16 phantom served by the real
// HTTP server, the time from opening the case to the first rendered frame of the scan, and the latency of
// a brush stroke (pointer move → the frame that shows the painted voxels), plus the stroke commit time
// (diff of the label map for undo). Usage:
//   node --import tsx bench/viewer.ts [--size 400,400,300] [--moves 30] [--json]
import { existsSync } from 'node:fs';
import { CHROMIUM, launchChromium } from '../test/e2e/browser.js';
import { serveDemoProject } from '../test/e2e/demo-project.js';
import { canvasStats, dragIn, waitForCase } from '../test/e2e/page-helpers.js';
import { ensureRendererBuilt } from '../test/e2e/renderer-build.js';
import { INSTALL_PROBE } from './viewer-latency-probe.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] ?? NaN };
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CBCT_CHROMIUM)`);
  const size = arg('size', '400,400,300').split(',').map(Number) as [number, number, number];
  const moves = Number(arg('moves', '30'));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  ensureRendererBuilt();
  log(`building a ${size.join('×')} int16 phantom project…`);
  const t0 = Date.now();
  const project = await serveDemoProject([
    { seed: 7, size, spacing: [0.3, 0.3, 0.3], teeth: 8, withLabel: true },
  ]);
  log(`project ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const browser = await launchChromium({ width: 1600, height: 1000 });
  try {
    const page = await browser.context.newPage();
    await page.goto(project.appUrl);
    await page.getByTestId('case-table').waitFor();
    // open the case: app marks + an outside check that the axial canvas is really showing the scan
    const clickAt = Date.now();
    await page.getByRole('button', { name: 'Open' }).first().click();
    await page.waitForFunction(
      () => {
        const c = document.querySelector<HTMLCanvasElement>('[data-testid=viewport-axial] canvas');
        if (!c || c.width === 0) return false;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let lit = 0;
        for (let p = 0; p < d.length; p += 64) if (d[p]! > 20) lit++;
        return lit > d.length / 64 / 20;
      },
      null,
      { polling: 'raf', timeout: 180_000 },
    );
    const visibleMs = Date.now() - clickAt;
    await waitForCase(page);
    const firstFrameMs = await page.evaluate(() => {
      const open = performance.getEntriesByName('cbct:case-open').at(-1);
      const frame = performance.getEntriesByName('cbct:case-first-frame').at(-1);
      return open && frame ? frame.startTime - open.startTime : NaN;
    });
    const stages = await page.evaluate(() => {
      const open = performance.getEntriesByName('cbct:case-open').at(-1)?.startTime ?? 0;
      const frame = performance.getEntriesByName('cbct:case-first-frame').at(-1)?.startTime ?? open;
      const marks = performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('cbct:stage:') && m.startTime >= open)
        .map((m) => ({ name: m.name.replace('cbct:stage:', ''), at: m.startTime }))
        .sort((a, b) => a.at - b.at);
      // each stage lasts until the next; the last one (starting the viewer) until the first frame
      return marks.map((m, i) => ({ stage: m.name, ms: Math.round((marks[i + 1]?.at ?? frame) - m.at) }));
    });
    const blank = await canvasStats(page, 'axial');
    if (blank.std < 5) throw new Error(`the axial view looks blank: ${JSON.stringify(blank)}`);

    // brush latency: one stroke of `moves` moves in a row across an unpainted area of the axial view
    await page.keyboard.press('2');
    await page.getByTestId('tool-brush').click();
    await page.getByTestId('brush-radius').fill('1');
    await page.evaluate(INSTALL_PROBE);
    const box = (await page.getByTestId('viewport-axial').boundingBox())!;
    const y = box.height * 0.66;
    const x0 = box.width * 0.3;
    const step = Math.min(14, (box.width * 0.4) / moves);
    await page.mouse.move(box.x + x0, box.y + y);
    await page.mouse.down();
    for (let n = 1; n <= moves; n++) {
      const x = x0 + n * step;
      await page.evaluate(
        ([px, py]) =>
          (window as unknown as { __brushProbe: { arm(x: number, y: number): void } }).__brushProbe.arm(
            px!,
            py!,
          ),
        [x, y],
      );
      const before = await page.evaluate(
        () =>
          (window as unknown as { __brushProbe: { latencies: number[]; timeouts: number } }).__brushProbe
            .latencies.length +
          (window as unknown as { __brushProbe: { timeouts: number } }).__brushProbe.timeouts,
      );
      await page.mouse.move(box.x + x, box.y + y);
      await page.waitForFunction(
        (b) => {
          const p = (window as unknown as { __brushProbe: { latencies: number[]; timeouts: number } })
            .__brushProbe;
          return p.latencies.length + p.timeouts > b;
        },
        before,
        { timeout: 10_000 },
      );
    }
    await page.mouse.up();
    await page.waitForTimeout(500);
    const probe = await page.evaluate(() => {
      const p = (window as unknown as { __brushProbe: { latencies: number[]; timeouts: number } })
        .__brushProbe;
      return { latencies: p.latencies, timeouts: p.timeouts };
    });
    // a second, ordinary stroke for the commit (undo diff) timing
    await dragIn(page, 'axial', [0.3, 0.75], [0.6, 0.75], 10);
    await page.waitForTimeout(300);
    const commits = await page.evaluate(() =>
      performance.getEntriesByName('cbct:stroke-commit').map((e) => e.duration),
    );
    const brush = stats(probe.latencies);
    const result = {
      chromium: await browser.context.browser()?.version(),
      case: { dims: size, dataType: 'int16', voxels: size[0] * size[1] * size[2] },
      openToFirstFrameMs: round(firstFrameMs),
      openToVisibleScanMs: visibleMs,
      openingStagesMs: Object.fromEntries(stages.map((s) => [s.stage, s.ms])),
      brushLatencyMs: {
        median: round(brush.median),
        p95: round(brush.p95),
        max: round(brush.max),
        moves: brush.n,
        missed: probe.timeouts,
      },
      strokeCommitMs: commits.map(round),
    };
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      process.stdout.write(
        `viewer bench (${result.chromium ?? 'chromium'}, SwiftShader WebGL) on ${size.join('×')} int16\n` +
          `  open case → first rendered frame   ${result.openToFirstFrameMs} ms (app marks)\n` +
          `  open click → scan visible on canvas ${result.openToVisibleScanMs} ms (outside check)\n` +
          `    stages: ${Object.entries(result.openingStagesMs)
            .map(([k, v]) => `${k} ${v} ms`)
            .join(' · ')}\n` +
          `  brush move → painted frame          median ${result.brushLatencyMs.median} ms, p95 ${result.brushLatencyMs.p95} ms, max ${result.brushLatencyMs.max} ms over ${brush.n} moves (${probe.timeouts} missed)\n` +
          `  stroke commit (undo diff)           ${result.strokeCommitMs.join(', ')} ms\n`,
      );
    }
  } finally {
    await browser.close();
    await project.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:viewer failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
