// A big scan (over the size the viewer sends to the graphics card in steps) in headless Chromium: the page
// keeps answering while the views are prepared (progress shown, a click is handled), the preparation is
// spread over many of the page's tasks, the scan shows in full once ready, and leaving during the
// preparation cancels it cleanly. No timings are asserted: what is checked is that the page answered at
// points in between.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from './browser.js';
import { CHROMIUM, launchChromium } from './browser.js';
import type { ServedProject } from './demo-project.js';
import { serveDemoProject } from './demo-project.js';
import { canvasStats, debug, snap, waitForCase } from './page-helpers.js';
import { ensureRendererBuilt } from './renderer-build.js';

const skip =
  existsSync(CHROMIUM) || process.env.CI ? false : `no Chromium at ${CHROMIUM} (set CBCT_CHROMIUM)`;

/** 320×320×200 int16: 41 MB, above the viewer's threshold for a stepwise upload (32 MiB). */
const SIZE: [number, number, number] = [320, 320, 200];

/**
 * Records, from inside the page, what the preparation overlay shows at every animation frame, and every
 * click on a button with the workspace's state at that moment. Frames and click handlers only run between the page's tasks: each
 * record is a moment the page was free, with the preparation still under way.
 */
const INSTALL_RECORDER = `(() => {
  const rec = { frames: [], clicks: [] };
  window.__loadRecord = rec;
  const state = () => {
    const el = document.querySelector('[data-testid=viewer-preparing]');
    return el ? { stage: el.getAttribute('data-stage'), fraction: Number(el.getAttribute('data-fraction')) } : null;
  };
  const frame = () => {
    const s = state();
    const last = rec.frames[rec.frames.length - 1];
    if (s && (!last || last.stage !== s.stage || last.fraction !== s.fraction)) rec.frames.push(s);
    if (!rec.stop) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button') : null;
    if (!button) return;
    const ws = document.querySelector('[data-testid=case-workspace]');
    rec.clicks.push({ button: button.textContent, ready: ws ? ws.getAttribute('data-ready') : null, preparing: state() });
  }, true);
})()`;

interface LoadRecord {
  frames: { stage: string; fraction: number }[];
  clicks: { button: string; ready: string | null; preparing: { stage: string; fraction: number } | null }[];
  stop?: boolean;
}

/** A progress state strictly between start and end (only drawn if the page got a turn in between). */
function midway(p: { fraction: number } | null): boolean {
  return p !== null && p.fraction > 0 && p.fraction < 1;
}

function readRecord(page: Page): Promise<LoadRecord> {
  return page.evaluate(() => {
    const rec = (window as unknown as { __loadRecord: LoadRecord }).__loadRecord;
    rec.stop = true;
    return rec;
  });
}

describe('a big case in Chromium', { skip, timeout: 600_000 }, () => {
  let project: ServedProject;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let caseId = 0;

  before(async () => {
    ensureRendererBuilt();
    project = await serveDemoProject([
      { seed: 41, size: SIZE, spacing: [0.3, 0.3, 0.3], teeth: 8, withLabel: true },
    ]);
    caseId = project.caseIds[0]!;
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await project?.close();
  });

  /** Where the brush and back buttons are (the same at every opening), measured at the first. */
  let brush = { x: 0, y: 0 };
  let back = { x: 0, y: 0 };

  async function openAndRecord(): Promise<void> {
    await page.getByTestId('case-table').waitFor();
    await page.evaluate(INSTALL_RECORDER);
    await page.getByTestId(`case-row-${caseId}`).getByRole('button', { name: 'Open' }).click();
  }

  function record(): Promise<LoadRecord & { ready: string | null }> {
    return page.evaluate(() => ({
      ...(window as unknown as { __loadRecord: LoadRecord }).__loadRecord,
      ready: document.querySelector('[data-testid=case-workspace]')?.getAttribute('data-ready') ?? null,
    }));
  }

  /**
   * Raw clicks at a point (no waiting for the page in between beyond the input being delivered) until the
   * page handled one on `name` midway through the preparation, or the case is ready.
   */
  async function clickMidway(at: { x: number; y: number }, name: string) {
    for (;;) {
      await page.mouse.click(at.x, at.y);
      const r = await record();
      const hits = r.clicks.filter((c) => c.button.includes(name));
      const hit = hits.find((c) => midway(c.preparing));
      if (hit || r.ready === 'yes') return { hit, hits };
    }
  }

  /** Waits until the page has drawn a progress state midway through the preparation. */
  async function untilMidway(): Promise<void> {
    for (;;) {
      const r = await record();
      if (r.frames.some(midway)) return;
      if (r.ready === 'yes')
        throw new Error(`ready without a progress state drawn: ${JSON.stringify(r.frames)}`);
    }
  }

  async function centre(locator: ReturnType<Page['getByTestId']>) {
    const box = await locator.boundingBox();
    assert.ok(box);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  test('the page draws its progress while a big case is prepared; then the whole scan shows', async () => {
    await page.goto(project.appUrl);
    await openAndRecord();
    await waitForCase(page);
    const rec = await readRecord(page);
    assert.ok(
      rec.frames.filter(midway).length >= 3,
      `the page drew frames midway through the preparation: ${JSON.stringify(rec.frames)}`,
    );
    assert.ok(
      rec.frames.some((f) => f.stage.startsWith('Sending')),
      `the upload to the graphics card showed its progress: ${JSON.stringify(rec.frames)}`,
    );
    await snap(page, 'big-01-ready');
    const trace = await debug(page, (d) => d.loadTrace());
    assert.ok(trace, 'the viewer reports how its opening was spread');
    assert.ok(trace.uploadRenders >= 3, `the upload took ${trace.uploadRenders} renders`);
    assert.ok(trace.yields >= 1, `preparing the volumes gave way to the page ${trace.yields} times`);
    for (const view of ['axial', 'coronal', 'sagittal']) {
      const s = await canvasStats(page, view);
      assert.ok(s.std > 10 && s.distinctGreys > 30, `${view} view is not blank: ${JSON.stringify(s)}`);
    }
    // the whole scan is on the graphics card: slices near both ends show the phantom too
    for (const k of [10, SIZE[2] - 11]) {
      await page.getByTestId('slider-axial').fill(String(k));
      assert.equal((await debug(page, (d) => d.slice('axial')))?.index, k);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const s = await canvasStats(page, 'axial');
      assert.ok(s.std > 5, `axial slice ${k} is drawn: ${JSON.stringify(s)}`);
    }
    await snap(page, 'big-02-end-slices');
    brush = await centre(page.getByTestId('tool-brush'));
    back = await centre(page.getByRole('button', { name: '← Cases' }));
  });

  test('a click while the views are prepared is handled then', async () => {
    await page.mouse.click(back.x, back.y);
    await openAndRecord();
    const { hit, hits } = await clickMidway(brush, 'Brush');
    assert.ok(hit, `a click was handled midway through the preparation: ${JSON.stringify(hits)}`);
    assert.equal(hit.ready, 'no');
    await waitForCase(page);
    assert.equal(await debug(page, (d) => d.toolMode()), 'brush', 'the tool chosen while loading is on');
    await snap(page, 'big-03-tool-chosen-while-loading');
  });

  test('leaving while the views are prepared cancels cleanly; opening again works', async () => {
    await page.getByTestId('tool-navigate').click();
    await page.mouse.click(back.x, back.y);
    await openAndRecord();
    await untilMidway();
    await page.mouse.click(back.x, back.y);
    const click = (await record()).clicks.find((c) => c.button.includes('Cases'));
    assert.ok(
      click && midway(click.preparing),
      `left midway through the preparation: ${JSON.stringify(click)}`,
    );
    await page.getByTestId('case-table').waitFor();
    assert.equal(await page.getByTestId('case-workspace').count(), 0);
    await snap(page, 'big-04-left-while-preparing');
    await page.getByTestId(`case-row-${caseId}`).getByRole('button', { name: 'Open' }).click();
    await waitForCase(page);
    const s = await canvasStats(page, 'coronal');
    assert.ok(s.std > 10, `the reopened case shows its scan: ${JSON.stringify(s)}`);
    assert.deepEqual(pageErrors, []);
  });
});
