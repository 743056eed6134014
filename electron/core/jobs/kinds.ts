// Every job kind the runner knows, by name.
import type { JobKind } from './runner.js';
import { bootstrapKind } from './bootstrap-kind.js';
import { segmentKind } from './segment-kind.js';
import { trainKind } from './train-kind.js';

export const JOB_KINDS: Record<string, JobKind<unknown>> = {
  bootstrap: bootstrapKind as JobKind<unknown>,
  segment: segmentKind as JobKind<unknown>,
  train: trainKind as JobKind<unknown>,
};
