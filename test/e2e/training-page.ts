// Helpers that drive and read the training panel (#/training) in the e2e suite.
import type { Page } from 'playwright-core';
import type { ArgsIn } from '../../electron/contract/methods.js';
import { eventually } from './page-helpers.js';

/** Fills the start form and starts a run; waits until the panel follows a job newer than the one shown. */
export async function startTraining(page: Page, args: ArgsIn<'training.start'>): Promise<void> {
  const before = await shownJobId(page);
  await page.getByTestId('train-target').selectOption(args.target);
  await page.getByTestId('train-preset').selectOption(args.preset ?? 'workstation');
  await page.getByTestId('train-architecture').selectOption(args.architecture ?? 'workstation');
  await page.getByTestId('train-iterations').fill(args.iterations ? String(args.iterations) : '');
  await page.getByTestId('train-seed').fill(String(args.seed ?? 0));
  await page.getByTestId('start-training-button').click();
  const id = await eventually(
    () => shownJobId(page),
    (x) => x !== null && (before === null || x > before),
  );
  if (id === null || (before !== null && id <= before)) {
    const error = await textIfShown(page, 'training-error');
    throw new Error(`the panel did not pick up a new training job${error ? `: ${error}` : ''}`);
  }
}

async function shownJobId(page: Page): Promise<number | null> {
  const el = page.getByTestId('training-job');
  if ((await el.count()) === 0) return null;
  const id = await el.getAttribute('data-job-id');
  return id ? Number(id) : null;
}

export async function trainingJobId(page: Page): Promise<number> {
  const id = await shownJobId(page);
  if (id === null) throw new Error('no training job shown');
  return id;
}

export async function jobState(page: Page): Promise<string | null> {
  return page.getByTestId('training-job').getAttribute('data-state');
}

/** Waits for the shown job to reach `state`; fails early, with the job's error, when it ends otherwise. */
export async function waitForJobState(page: Page, state: string, timeoutMs: number): Promise<void> {
  const ended = new Set(['done', 'failed', 'cancelled']);
  const s = await eventually(
    () => jobState(page),
    (x) => x === state || (x !== null && ended.has(x)),
    timeoutMs,
  );
  if (s !== state) {
    const failure = await textIfShown(page, 'training-failure');
    const error = await textIfShown(page, 'training-error');
    throw new Error(
      `training job is ${s}, expected ${state}${failure ? `: ${failure}` : ''}${error ? ` (${error})` : ''}`,
    );
  }
}

/** How many points a chart of the panel draws (all series together). */
export async function chartPoints(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).getAttribute('data-points')) ?? 0);
}

async function textIfShown(page: Page, testId: string): Promise<string | null> {
  const el = page.getByTestId(testId);
  return (await el.count()) > 0 ? el.first().textContent() : null;
}
