// The active-learning loop end to end in headless Chromium against the real HTTP server and real ML workers
// (tiny network, 'test' preset): the training panel with its backend line, a training run with live progress
// and charts, the model list (activate), pause / resume and cancel of a longer run, the next-case
// suggestion, the model proposal of a case with its uncertainty heat-map and worst-slices navigator.
// Screenshots of every step go to test-artifacts/e2e/.
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
import { chartPoints, jobState, startTraining, trainingJobId, waitForJobState } from './training-page.js';

const skip =
  existsSync(CHROMIUM) || process.env.CI ? false : `no Chromium at ${CHROMIUM} (set CBCT_CHROMIUM)`;

const SIZE: [number, number, number] = [48, 48, 32];
const ML_TIMEOUT = 180_000;

describe('active learning in Chromium', { skip, timeout: 900_000 }, () => {
  let project: ServedProject;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let unlabelled: number[] = [];
  let firstModel = '';

  before(async () => {
    ensureRendererBuilt();
    project = await serveDemoProject([
      { seed: 31, size: SIZE, withLabel: true, split: 'train' },
      { seed: 32, size: SIZE, withLabel: true, split: 'train' },
      { seed: 33, size: SIZE, withLabel: true, split: 'val' },
      { seed: 34, size: SIZE, withLabel: false, split: 'unlabeled' },
      { seed: 35, size: SIZE, withLabel: false, split: 'unlabeled' },
    ]);
    unlabelled = project.caseIds.slice(3);
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await project?.close();
  });

  test('the training panel says which backend the ML workers use', async () => {
    await page.goto(project.appUrl);
    await page.getByTestId('nav-training').click();
    await page.getByTestId('training-view').waitFor();
    const line = page.getByTestId('training-backend');
    await line.getByText(/(tensorflow|wasm|cpu) · (GPU|no GPU)/).waitFor();
    assert.equal(await page.getByTestId('no-models').count(), 1, 'no model yet');
    await snap(page, 'al-01-training-panel');
  });

  test('without a model the model proposal is refused with a readable message', async () => {
    await page.goto(`${project.appUrl}#/cases/${unlabelled[0]}`);
    await waitForCase(page);
    await page.getByTestId('uncertainty-none').waitFor();
    await page.getByTestId('propose-model').click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /Starting the model proposal: Conflict/);
    await snap(page, 'al-02-no-model-yet');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('nav-training').click();
    await page.getByTestId('training-view').waitFor();
  });

  test('a tiny supervised run shows progress and charts, finishes, and its model is listed', async () => {
    await startTraining(page, { target: 'supervised', preset: 'test', architecture: 'tiny' });
    const jobId = await trainingJobId(page);
    const firstPoints = await eventually(
      () => chartPoints(page, 'chart-loss'),
      (n) => n > 0,
      ML_TIMEOUT,
    );
    assert.ok(firstPoints > 0, 'the loss chart got its first point');
    await page
      .getByTestId('training-message')
      .getByText(/supervised \d+\/\d+/)
      .waitFor();
    await snap(page, 'al-03-training-running');
    await waitForJobState(page, 'done', ML_TIMEOUT);
    const points = await chartPoints(page, 'chart-loss');
    const history = await project.core.api.training.history({ jobId });
    const lossTerms = Object.keys(history.points[0]?.loss ?? {}).length;
    assert.ok(history.points.length >= 2, `the job reported ${history.points.length} steps`);
    assert.equal(points, history.points.length * lossTerms, 'every step of every loss term is drawn');
    assert.ok(points > firstPoints, `the chart grew from ${firstPoints} to ${points} points`);
    assert.equal(await page.getByTestId('training-progress').textContent(), '100 %');
    const validated = history.points.filter((p) => p.valPseudoDice !== undefined).length;
    assert.ok(validated > 0, 'the run reported a validation pseudo Dice');
    assert.equal(await chartPoints(page, 'chart-validation'), validated, 'each one is drawn');
    const models = await project.core.api.models.list();
    assert.equal(models.length, 1);
    firstModel = models[0]!.id;
    const row = page.getByTestId(`model-${firstModel}`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /supervised/);
    assert.equal(await row.getByTestId('active-badge').count(), 1, 'the new model is active');
    await snap(page, 'al-04-training-done');
  });

  test('the SSL pipeline can be paused and resumed, charts ω per stage; roll back, then activate the first model', async () => {
    await startTraining(page, { target: 'pipeline', preset: 'test', architecture: 'tiny', seed: 1 });
    const jobId = await trainingJobId(page);
    await eventually(
      () => chartPoints(page, 'chart-loss'),
      (n) => n > 0,
      ML_TIMEOUT,
    );
    await page.getByTestId('pause-training').click();
    await waitForJobState(page, 'paused', ML_TIMEOUT);
    assert.equal((await project.core.api.jobs.get({ jobId })).state, 'paused');
    await snap(page, 'al-05-training-paused');
    await page.getByTestId('resume-training').click();
    await eventually(
      () => jobState(page),
      (s) => s === 'queued' || s === 'running' || s === 'done',
    );
    await waitForJobState(page, 'done', ML_TIMEOUT);
    const history = await project.core.api.training.history({ jobId });
    const omegas = history.points.filter((p) => p.omega !== null).length;
    assert.ok(omegas > 0, 'the consistency stage reported ω');
    assert.equal(await chartPoints(page, 'chart-omega'), omegas, 'ω is charted');
    assert.deepEqual([...new Set(history.points.map((p) => p.stage))], ['dae', 'consistency', 'pseudolabel']);
    // after a reload the charts come back from the saved history
    await page.reload();
    await eventually(
      () => chartPoints(page, 'chart-omega'),
      (n) => n === omegas,
    );
    assert.equal(await chartPoints(page, 'chart-omega'), omegas, 'ω is charted again after a reload');
    const active = (await project.core.api.models.list()).find((m) => m.active);
    assert.ok(active?.stage === 'pseudolabel' && active.parentId, 'the pipeline made its last model active');
    await page.getByTestId('rollback').click(); // one step back: its parent
    await page.getByTestId(`model-${active.parentId}`).getByTestId('active-badge').waitFor();
    await page.getByTestId(`activate-${firstModel}`).click();
    await page.getByTestId(`model-${firstModel}`).getByTestId('active-badge').waitFor();
    const now = (await project.core.api.models.list()).filter((m) => m.active).map((m) => m.id);
    assert.deepEqual(now, [firstModel]);
    await snap(page, 'al-06-model-activated');
  });

  test('a training run can be cancelled from the panel', async () => {
    await startTraining(page, {
      target: 'supervised',
      preset: 'test',
      architecture: 'tiny',
      iterations: 200,
    });
    const jobId = await trainingJobId(page);
    await eventually(
      () => jobState(page),
      (s) => s === 'running',
      ML_TIMEOUT,
    );
    await page.getByTestId('cancel-training').click();
    await waitForJobState(page, 'cancelled', ML_TIMEOUT);
    assert.equal((await project.core.api.jobs.get({ jobId })).state, 'cancelled');
    await snap(page, 'al-07-training-cancelled');
  });

  test('the project view suggests the next case to correct and opens it', async () => {
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('active-model').getByText(firstModel).waitFor();
    const next = page.getByTestId('open-next-case');
    await next.waitFor();
    const caseId = Number(await next.getAttribute('data-case-id'));
    assert.ok(unlabelled.includes(caseId), `the suggestion ${caseId} is a case without ground truth`);
    await snap(page, 'al-08-next-case');
    await next.click();
    await waitForCase(page);
    assert.equal(await debug(page, (d) => d.caseId), caseId);
    await page.getByTestId('uncertainty-none').waitFor();
  });

  test('the model proposal brings a model version, its uncertainty heat-map and the worst slices', async () => {
    const caseId = await debug(page, (d) => d.caseId);
    const versionsBefore = (await debug(page, (d) => d.versions())).length;
    await page.getByTestId('propose-model').click();
    await page.getByTestId('model-proposal-state').getByText(/^done/).waitFor({ timeout: ML_TIMEOUT });
    const versions = await eventually(
      () => debug(page, (d) => d.versions()),
      (v) => v.length === versionsBefore + 1,
    );
    assert.equal(versions.length, versionsBefore + 1, 'a new label version');
    const saved = await project.core.api.labels.list({ caseId });
    const proposal = saved.find((v) => v.id === Math.max(...versions));
    assert.equal(proposal?.source, 'model');
    assert.equal(proposal?.modelId, firstModel, 'proposed by the active model');
    await page
      .getByTestId(`version-${proposal.id}`)
      .getByText(new RegExp(`^model ${firstModel} ·`))
      .waitFor();
    await page
      .getByTestId('uncertainty-summary')
      .getByText(new RegExp(`model ${firstModel}`))
      .waitFor();
    const worst = (await project.core.api.cases.uncertainty({ caseId }))?.worstSlices ?? [];
    assert.ok(worst.length > 0, 'the core lists worst slices');
    assert.equal(await page.locator('[data-testid^=worst-slice-]').count(), worst.length);
    await snap(page, 'al-09-model-proposal');

    const box = await page.getByTestId('viewport-axial').boundingBox();
    assert.ok(box);
    const region = { x: box.width * 0.2, y: box.height * 0.2, w: box.width * 0.6, h: box.height * 0.6 };
    const before = await canvasRgb(page, 'axial', region);
    await page.getByTestId('toggle-uncertainty').click();
    await page.getByTestId('toggle-uncertainty').getByText('Hide heat-map').waitFor();
    assert.equal(await debug(page, (d) => d.showingUncertainty()), true);
    const changed = await eventually(
      async () => changedPixels(before, await canvasRgb(page, 'axial', region)),
      (n) => n > 200,
    );
    assert.ok(changed > 200, `the heat-map changes the picture (${changed} pixels)`);
    await snap(page, 'al-10-heat-map');
    // the labels stay the layer the tools edit while the heat-map is shown
    const labelled = await debug(page, (d) => d.labelVoxels(2));
    await page.keyboard.press('2');
    await page.getByTestId('tool-brush').click();
    await dragIn(page, 'axial', [0.4, 0.5], [0.6, 0.5]);
    assert.ok((await debug(page, (d) => d.labelVoxels(2))) > labelled, 'the brush painted pulp voxels');
    await page.keyboard.press('Control+z');
    assert.equal(await debug(page, (d) => d.labelVoxels(2)), labelled);
    await page.getByTestId('tool-navigate').click();
    await page.getByTestId('toggle-uncertainty').click();
    const back = await eventually(
      async () => changedPixels(before, await canvasRgb(page, 'axial', region)),
      (n) => n < changed / 10,
    );
    assert.ok(back < changed / 10, `hiding it restores the picture (${back} pixels still differ)`);
  });

  test('clicking a worst slice moves the axial view there; reviewed ones are marked', async () => {
    const caseId = await debug(page, (d) => d.caseId);
    const worst = (await project.core.api.cases.uncertainty({ caseId }))?.worstSlices ?? [];
    const current = (await debug(page, (d) => d.slice('axial')))?.index;
    const target = worst.find((w) => w.index !== current);
    assert.ok(target, 'a worst slice other than the one shown');
    await page.getByTestId(`worst-slice-${target.index}`).click();
    const k = await eventually(
      () => debug(page, (d) => d.slice('axial')?.index),
      (i) => i === target.index,
    );
    assert.equal(k, target.index);
    assert.equal(await page.getByTestId('slider-axial').inputValue(), String(target.index));
    await page.keyboard.press('r');
    await page.locator(`[data-testid=worst-slice-${target.index}][data-reviewed=yes]`).waitFor();
    await snap(page, 'al-11-worst-slice');
  });

  test('a saved correction of the proposal gives the model Dice; the next-case button goes on', async () => {
    const caseId = await debug(page, (d) => d.caseId);
    // correct the proposal a little and save it with the reviewed worst slice
    await page.keyboard.press('2');
    await page.getByTestId('tool-brush').click();
    await dragIn(page, 'axial', [0.4, 0.5], [0.6, 0.5]);
    await page.getByTestId('save').click();
    await page.getByTestId('dirty-state').getByText('saved', { exact: true }).waitFor();
    const saved = (await project.core.api.labels.list({ caseId })).at(-1);
    assert.equal(saved?.source, 'manual');
    assert.equal(saved?.reviewedSlices.length, 1, 'the reviewed worst slice is kept with the version');
    await page.getByTestId('tool-navigate').click();
    await page.getByTestId('next-case-button').click();
    // the page changes cases: between the two there is no case (no debug handle)
    const other = await eventually(
      () => page.evaluate(() => window.cbctDebug?.caseId ?? null),
      (id) => id !== null && id !== caseId,
    );
    assert.ok(other !== null && other !== caseId, 'another case is open');
    await waitForCase(page);
    await page.getByTestId('nav-cases').click();
    const summary = (await project.core.api.cases.list({})).find((c) => c.id === caseId);
    assert.ok(
      summary?.modelDice !== null && summary?.modelDice !== undefined,
      'the core knows the model Dice',
    );
    const dice = page.getByTestId(`case-row-${caseId}`).getByTestId('model-dice');
    await dice.getByText(summary.modelDice.toFixed(2)).waitFor();
    const cell = page.getByTestId(`case-row-${caseId}`).getByTestId('uncertainty');
    assert.ok(summary.uncertainty !== null, 'the core knows the uncertainty');
    await cell.getByText(summary.uncertainty.toFixed(2)).waitFor();
    await snap(page, 'al-12-case-table');
    assert.deepEqual(pageErrors, []);
  });
});
