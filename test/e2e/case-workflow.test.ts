// End to end in headless Chromium against the real HTTP server: the project view, a case with its scan
// and labels, a brush stroke, undo/redo, reviewed slices, saving a version and finding it after a reload,
// the difference view, draft recovery, the unsaved-edit guard, readable server errors, approval.
// Screenshots of every step go to test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { voxelBytes } from '../../ml/data/io/volume.js';
import type { LaunchedBrowser } from './browser.js';
import { CHROMIUM, launchChromium } from './browser.js';
import type { ServedProject } from './demo-project.js';
import { serveDemoProject } from './demo-project.js';
import {
  canvasRgb,
  canvasStats,
  changedPixels,
  debug,
  dragIn,
  eventually,
  snap,
  waitForCase,
} from './page-helpers.js';
import { ensureRendererBuilt } from './renderer-build.js';

// In CI the browser tests must run (.ci/run installs Chromium): never skip there.
const skip =
  existsSync(CHROMIUM) || process.env.CI ? false : `no Chromium at ${CHROMIUM} (set CBCT_CHROMIUM)`;

describe('case workflow in Chromium', { skip, timeout: 240_000 }, () => {
  let project: ServedProject;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let labelledCase = 0;
  let emptyCase = 0;

  before(async () => {
    ensureRendererBuilt();
    project = await serveDemoProject([
      { seed: 11, size: [96, 96, 64], withLabel: true },
      { seed: 12, size: [64, 64, 40], withLabel: false },
    ]);
    [labelledCase, emptyCase] = project.caseIds as [number, number];
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
  });

  after(async () => {
    await browser?.close();
    await project?.close();
  });

  test('the project view lists, sorts and filters cases', async () => {
    await page.goto(project.appUrl);
    const table = page.getByTestId('case-table');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 2);
    await page.getByTestId('case-filter-text').fill('phantom-12');
    assert.equal(await table.locator('tbody tr').count(), 1);
    await page.getByTestId('case-filter-text').fill('');
    await page.getByTestId('case-filter-status').selectOption('proposed');
    assert.equal(
      await table.locator('tbody tr').count(),
      1,
      'the labelled case was moved to proposed by its import',
    );
    await page.getByTestId('case-filter-status').selectOption('all');
    await page.getByTestId('next-case').waitFor();
    await page.getByTestId('training-summary').waitFor();
    await snap(page, '01-project');
  });

  test('opening a case shows the scan in three oriented views', async () => {
    await page.getByTestId(`case-row-${labelledCase}`).getByRole('button', { name: 'Open' }).click();
    await waitForCase(page);
    for (const view of ['axial', 'coronal', 'sagittal']) {
      const s = await canvasStats(page, view);
      assert.ok(s.std > 10 && s.distinctGreys > 30, `${view} view is not blank: ${JSON.stringify(s)}`);
    }
    assert.deepEqual(await debug(page, (d) => d.markers('axial')), {
      top: 'A',
      bottom: 'P',
      left: 'R',
      right: 'L',
    });
    assert.equal((await debug(page, (d) => d.markers('coronal')))?.top, 'S');
    assert.ok((await debug(page, (d) => d.labelVoxels())) > 1000, 'the imported label version is loaded');
    await page.getByTestId('slider-axial').fill('20');
    assert.equal((await debug(page, (d) => d.slice('axial')))?.index, 20);
    await page.keyboard.press('PageDown');
    const next = await eventually(
      () => debug(page, (d) => d.slice('axial')?.index),
      (k) => k === 21,
    );
    assert.equal(next, 21);
    await snap(page, '02-case-open');
  });

  let beforeStroke = 0;
  let afterStroke = 0;

  test('a brush stroke changes the label map and the picture; undo and redo', async () => {
    beforeStroke = await debug(page, (d) => d.labelVoxels());
    const region = { x: 0, y: 0, w: 0, h: 0 };
    const box = await page.getByTestId('viewport-axial').boundingBox();
    assert.ok(box);
    Object.assign(region, {
      x: box.width * 0.4,
      y: box.height * 0.62,
      w: box.width * 0.2,
      h: box.height * 0.1,
    });
    const pixelsBefore = await canvasRgb(page, 'axial', region);
    await page.keyboard.press('2'); // paint pulp: a strong colour
    await page.getByTestId('tool-brush').click();
    await page.getByTestId('brush-radius').fill('2.5');
    await dragIn(page, 'axial', [0.42, 0.67], [0.58, 0.67]);
    afterStroke = await debug(page, (d) => d.labelVoxels());
    assert.ok(afterStroke > beforeStroke + 50, `painted ${afterStroke - beforeStroke} voxels`);
    assert.deepEqual(await debug(page, (d) => d.undoHistory()), ['Brush stroke']);
    const changed = await eventually(
      async () => changedPixels(pixelsBefore, await canvasRgb(page, 'axial', region)),
      (n) => n > 50,
    );
    assert.ok(changed > 50, `the stroke is drawn: ${changed} pixels changed`);
    await snap(page, '03-brush-stroke');

    await page.keyboard.press('Control+z');
    assert.equal(await debug(page, (d) => d.labelVoxels()), beforeStroke);
    assert.equal(await debug(page, (d) => d.dirty()), false);
    const undone = await eventually(
      async () => changedPixels(pixelsBefore, await canvasRgb(page, 'axial', region)),
      (n) => n < changed / 10,
    );
    assert.ok(undone < changed / 10, `the undone stroke disappears: ${undone} pixels still differ`);
    await snap(page, '04-undone');
    await page.keyboard.press('Control+Shift+Z');
    assert.equal(await debug(page, (d) => d.labelVoxels()), afterStroke);
  });

  test('mark the slice reviewed, save a version, and find it after a reload', async () => {
    await page.keyboard.press('r');
    const reviewed = await debug(page, (d) => d.reviewedSlices());
    assert.equal(reviewed.length, 1);
    await page.getByTestId('save').click();
    await page.getByTestId('dirty-state').getByText('saved', { exact: true }).waitFor();
    const versions = await debug(page, (d) => d.versions());
    assert.equal(versions.length, 2);
    await page.reload();
    await waitForCase(page);
    await page.getByTestId('slider-axial').fill('21');
    assert.deepEqual(await debug(page, (d) => d.versions()), versions);
    assert.equal(await debug(page, (d) => d.labelVoxels()), afterStroke);
    assert.deepEqual(await debug(page, (d) => d.reviewedSlices()), reviewed);
    const saved = await project.core.api.labels.list({ caseId: labelledCase });
    const newest = saved.find((v) => v.id === versions[0]);
    assert.equal(newest?.source, 'manual');
    assert.equal(newest?.parentId, versions[1]);
    assert.deepEqual(newest?.reviewedSlices, reviewed);
    assert.ok((newest?.effort?.voxelsChanged ?? 0) > 0, 'voxels changed recorded with the version');
    assert.ok((newest?.effort?.seconds ?? 0) > 0, 'time spent recorded with the version');
    assert.equal(await page.getByTestId('case-status').textContent(), 'corrected');
    await snap(page, '05-saved-and-reloaded');
  });

  test('the difference view shows the added voxels', async () => {
    const [newer, older] = (await debug(page, (d) => d.versions())) as [number, number];
    await page.getByTestId('diff-older').selectOption(String(older));
    await page.getByTestId('diff-newer').selectOption(String(newer));
    await page.getByTestId('show-diff').click();
    await page.getByTestId('diff-legend').waitFor();
    const diff = await debug(page, (d) => d.diff());
    assert.deepEqual(diff, { added: afterStroke - beforeStroke, removed: 0, changed: 0 });
    const coloured = await eventually(
      async () => (await canvasStats(page, 'axial')).coloured,
      (n) => n > 20,
    );
    assert.ok(coloured > 20, `added voxels are drawn (${coloured} coloured pixels)`);
    await snap(page, '06-difference');
    await page.getByTestId('hide-diff').click();
  });

  test('unsaved edits survive a reload as a draft and are guarded on navigation', async () => {
    assert.equal((await debug(page, (d) => d.slice('axial')))?.index, 21, 'still on the painted slice');
    await page.getByTestId('tool-eraser').click();
    await dragIn(page, 'axial', [0.42, 0.67], [0.5, 0.67]);
    const erased = await debug(page, (d) => d.labelVoxels());
    assert.ok(erased < afterStroke);
    await page.getByText('Draft kept in this browser').waitFor();
    await page.reload();
    await waitForCase(page);
    assert.equal(await debug(page, (d) => d.labelVoxels()), erased);
    await page.getByTestId('slider-axial').fill('21');
    assert.equal(await debug(page, (d) => d.dirty()), true);
    await page.getByText(/Restored unsaved edits/).waitFor();
    await snap(page, '07-draft-restored');
    await page.getByRole('button', { name: '← Cases' }).click();
    await page.getByTestId('leave-dialog').waitFor();
    await snap(page, '08-leave-guard');
    await page.getByRole('button', { name: 'Stay' }).click();
    assert.equal(await page.getByTestId('case-workspace').count(), 1);
  });

  test('a conflicting save is refused with a readable message', async () => {
    const latest = (await project.core.api.labels.list({ caseId: labelledCase })).at(-1) ?? null;
    const other = await project.core.api.labels.read({
      versionId: Math.max(...(await debug(page, (d) => d.versions()))),
    });
    await project.core.api.labels.save({
      caseId: labelledCase,
      parentId: Math.max(latest?.id ?? 0, ...(await debug(page, (d) => d.versions()))),
      source: 'manual',
      author: 'someone else',
      data: voxelBytes(other.data),
    });
    await page.getByTestId('save').click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    assert.match(text, /Saving the labels: Conflict/);
    assert.match(text, /kept as a draft/);
    assert.equal(await debug(page, (d) => d.dirty()), true);
    await snap(page, '09-conflict-error');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
  });

  test('leaving discards nothing silently; approve a case; help overlay', async () => {
    await page.getByRole('button', { name: '← Cases' }).click();
    await page.getByRole('button', { name: 'Discard the edits' }).click();
    await page.getByTestId('case-table').waitFor();
    await page.getByTestId(`case-row-${emptyCase}`).getByRole('button', { name: 'Open' }).click();
    await waitForCase(page);
    assert.equal(await debug(page, (d) => d.labelVoxels()), 0);
    await page.keyboard.press('?');
    await page.getByTestId('help-overlay').waitFor();
    await snap(page, '10-help');
    await page.keyboard.press('Escape');
    await page.getByTestId('tool-circle-scissors').click();
    await dragIn(page, 'axial', [0.5, 0.5], [0.6, 0.55]);
    assert.ok((await debug(page, (d) => d.labelVoxels())) > 10, 'circle scissors filled the circle');
    await page.getByTestId('save').click();
    await page.getByTestId('dirty-state').getByText('saved', { exact: true }).waitFor();
    await page.getByTestId('approve').click();
    await page.getByTestId('case-status').getByText('approved').waitFor();
    const c = await project.core.api.cases.get({ caseId: emptyCase });
    assert.equal(c.status, 'approved');
    assert.equal(c.labelVersionCount, 1);
    await snap(page, '11-approved');
    assert.deepEqual(pageErrors, []);
  });
});
