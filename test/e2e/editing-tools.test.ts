// The editing tools in Chromium on an unlabelled phantom: flood fill, circle and rectangle scissors,
// fill between slices, islands, sphere and threshold brushes, segment lock and visibility, outline mode.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from './browser.js';
import { CHROMIUM, launchChromium } from './browser.js';
import type { ServedProject } from './demo-project.js';
import { serveDemoProject } from './demo-project.js';
import { canvasRgb, changedPixels, debug, dragIn, eventually, snap, waitForCase } from './page-helpers.js';
import { ensureRendererBuilt } from './renderer-build.js';
import { writePhantomFiles } from '../helpers/scans.js';

// In CI the browser tests must run (.ci/run installs Chromium): never skip there.
const skip =
  existsSync(CHROMIUM) || process.env.CI ? false : `no Chromium at ${CHROMIUM} (set CBCT_CHROMIUM)`;
const N = 64; // the phantom is N×N×40

describe('editing tools in Chromium', { skip, timeout: 180_000 }, () => {
  let project: ServedProject;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  const voxels = (value?: number) =>
    page.evaluate(
      `window.cbctDebug.labelVoxels(${value === undefined ? 'undefined' : value})`,
    ) as Promise<number>;
  const inSlice = (k: number, value?: number) =>
    page.evaluate(
      `window.cbctDebug.axialSliceVoxels(${k}, ${value === undefined ? 'undefined' : value})`,
    ) as Promise<number>;
  const goToSlice = async (k: number) => {
    await page.getByTestId('slider-axial').fill(String(k));
    const now = await eventually(
      () => debug(page, (d) => d.slice('axial')?.index),
      (i) => i === k,
    );
    assert.equal(now, k);
  };
  const tool = (mode: string) => page.getByTestId(`tool-${mode}`).click();

  before(async () => {
    ensureRendererBuilt();
    project = await serveDemoProject([{ seed: 21, size: [N, N, 40], withLabel: false }]);
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${project.appUrl}#/cases/${project.caseIds[0]}`);
    await waitForCase(page);
  });

  after(async () => {
    await browser?.close();
    await project?.close();
  });

  test('flood fill in an empty slice fills exactly that slice; undo clears it', async () => {
    await goToSlice(5);
    await tool('flood-fill');
    const box = (await page.getByTestId('viewport-axial').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    assert.equal(await inSlice(5, 1), N * N);
    assert.equal(await voxels(), N * N);
    await snap(page, 'tools-01-flood-fill');
    await page.keyboard.press('Control+z');
    assert.equal(await voxels(), 0);
  });

  test('circle scissors on two slices, then fill between slices', async () => {
    await tool('circle-scissors');
    await goToSlice(10);
    await dragIn(page, 'axial', [0.5, 0.5], [0.56, 0.5]);
    await goToSlice(20);
    await dragIn(page, 'axial', [0.5, 0.5], [0.6, 0.5]);
    const a = await inSlice(10, 1);
    const b = await inSlice(20, 1);
    assert.ok(a > 10 && b > a, `discs of ${a} and ${b} voxels`);
    assert.equal(await inSlice(15, 1), 0);
    await page.keyboard.press('i');
    const mid = await inSlice(15, 1);
    assert.ok(mid > a && mid < b, `interpolated slice has ${mid} voxels`);
    for (let k = 11; k < 20; k++) assert.ok((await inSlice(k, 1)) > 0, `slice ${k} filled`);
    assert.deepEqual((await debug(page, (d) => d.undoHistory())).at(-1), 'Fill between slices (Tooth)');
    await snap(page, 'tools-02-interpolated');
  });

  test('keep the largest island removes a separate blob', async () => {
    const before = await voxels(1);
    await goToSlice(15);
    await tool('rectangle-scissors');
    await dragIn(page, 'axial', [0.32, 0.2], [0.38, 0.28]);
    const blob = (await voxels(1)) - before;
    assert.ok(blob > 0, 'rectangle scissors filled a rectangle');
    await page.getByRole('button', { name: 'Keep largest' }).click();
    assert.equal(await voxels(1), before);
  });

  test('sphere brush paints several slices; a locked segment is not painted over', async () => {
    await page.keyboard.press('2');
    await page.getByTestId('segment-1').getByRole('checkbox', { name: 'Lock Tooth' }).check();
    const tooth = await voxels(1);
    await tool('sphere-brush');
    await page.getByTestId('brush-radius').fill('2');
    await dragIn(page, 'axial', [0.45, 0.5], [0.6, 0.5]);
    const pulp = await voxels(2);
    assert.ok(pulp > 0, 'sphere brush painted');
    assert.equal(await voxels(1), tooth, 'locked tooth voxels unchanged');
    const slices = [];
    for (let k = 10; k <= 20; k++) if ((await inSlice(k, 2)) > 0) slices.push(k);
    assert.ok(slices.length >= 3, `sphere spans slices ${slices.join(',')}`);
    await page.getByTestId('segment-1').getByRole('checkbox', { name: 'Lock Tooth' }).uncheck();
  });

  test('the threshold brush paints only grey values in its range', async () => {
    await tool('threshold-brush');
    const before = await voxels();
    const [lo, hi] = await page.locator('.threshold input[type=number]').all();
    await hi!.fill('-30000');
    await lo!.fill('-30001');
    await dragIn(page, 'axial', [0.2, 0.8], [0.8, 0.8]);
    assert.equal(await voxels(), before, 'nothing in an impossible range');
    await page.getByRole('button', { name: 'from window' }).click();
    await dragIn(page, 'axial', [0.2, 0.8], [0.8, 0.8]);
    assert.ok((await voxels()) > before, 'paints inside the window range');
  });

  test('hiding a segment and outline mode change the picture', async () => {
    await tool('navigate');
    const rect = { x: 100, y: 60, w: 300, h: 200 };
    const shown = await canvasRgb(page, 'axial', rect);
    await page.getByTestId('segment-1').getByRole('checkbox', { name: 'Show Tooth' }).uncheck();
    const hidden = await eventually(
      async () => changedPixels(shown, await canvasRgb(page, 'axial', rect)),
      (n) => n > 100,
    );
    assert.ok(hidden > 100, `hiding the tooth segment changes the view (${hidden} pixels)`);
    await page.getByTestId('segment-1').getByRole('checkbox', { name: 'Show Tooth' }).check();
    await page.locator('[aria-label="Fill or outline"]').selectOption('outline');
    const outline = await eventually(
      async () => changedPixels(shown, await canvasRgb(page, 'axial', rect)),
      (n) => n > 100,
    );
    assert.ok(outline > 100, `outline mode draws differently (${outline} pixels)`);
    await snap(page, 'tools-03-outline');
  });

  test('window presets from the histogram and a saved user preset; flag the case with a comment', async () => {
    await page.getByRole('button', { name: 'Teeth & bone' }).click();
    await page.getByPlaceholder('save current as…').fill('my bone');
    await page.getByRole('button', { name: 'Save preset' }).click();
    await page.getByRole('button', { name: 'my bone', exact: true }).waitFor();
    const settings = await project.core.api.settings.get();
    assert.deepEqual(
      settings.windowPresets.map((p) => p.name),
      ['my bone'],
    );
    await page.getByTestId('review-comment').fill('metal streaks on the left molars');
    await page.getByTestId('flag').click();
    await page.getByTestId('case-status').getByText('flagged').waitFor();
    const c = await project.core.api.cases.get({ caseId: project.caseIds[0]! });
    assert.equal(c.status, 'flagged');
    assert.equal(c.comment, 'metal streaks on the left molars');
  });

  test('import a scan by its path from the project view', async () => {
    const [file] = await writePhantomFiles(project.dir, [99], [32, 32, 24]);
    await page.getByRole('button', { name: '← Cases' }).click();
    const dialog = page.getByTestId('leave-dialog');
    const table = page.getByTestId('case-table');
    await Promise.race([dialog.waitFor(), table.waitFor()]);
    if (await dialog.isVisible()) await page.getByRole('button', { name: 'Discard the edits' }).click();
    await table.waitFor();
    await page.getByPlaceholder(/one path per line/).fill(file!.path);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/imported 1, skipped 0, failed 0/).waitFor();
    await page.getByTestId('case-table').getByText('phantom-99').waitFor();
    assert.equal((await project.core.api.cases.list({})).length, 2);
    await snap(page, 'tools-04-imported');
  });

  test('run the bootstrap proposal from the UI and see it as the new version', async () => {
    const imported = (await project.core.api.cases.list({})).find((c) => c.name === 'phantom-99')!;
    await page.getByTestId(`case-row-${imported.id}`).getByRole('button', { name: 'Open' }).click();
    await waitForCase(page);
    assert.equal(await voxels(), 0);
    await page.getByTestId('propose-bootstrap').click();
    const shown = await eventually(
      () => voxels(),
      (n) => n > 0,
      60_000,
    );
    assert.ok(shown > 0, 'the proposal is shown');
    const [version] = await project.core.api.labels.list({ caseId: imported.id });
    assert.equal(version?.source, 'bootstrap');
    assert.deepEqual(await debug(page, (d) => d.versions()), [version!.id]);
    assert.equal(await debug(page, (d) => d.dirty()), false);
    await page.getByTestId('proposal-state').getByText(/done/).waitFor();
    await page.getByTestId('case-status').getByText('proposed').waitFor();
    await snap(page, 'tools-05-bootstrap-proposal');
    assert.deepEqual(pageErrors, []);
  });
});
