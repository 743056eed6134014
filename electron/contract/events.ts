// Typed events the core emits. Subscribers get `(payload)`; `subscribe` returns an unsubscribe function.
import type { CaseSummary, Job, LabelVersion } from './types.js';

export interface EventMap {
  /**
   * Any change of a job that has not ended: progress, and state changes that are not an end (queued, running,
   * paused — a paused job reports here, since it is not finished). Training jobs send `metrics` per step
   * (iteration, iterations, etaSeconds, lr, samplesPerSecond, stageIndex, stages, omega and unlabeledShare /
   * pseudoLabelShare in the SSL stages, and one 'loss.<term>' per loss term) and, at the end of an epoch with
   * validation, a separate event with { epoch, valPseudoDice, stageIndex, stages } and no iteration.
   */
  'job.progress': {
    job: Job;
    done: number;
    total: number;
    message: string;
    metrics?: Record<string, number>;
  };
  /** The job ended: done, failed or cancelled. */
  'job.finished': { job: Job };
  'case.imported': { case: CaseSummary; jobId: number };
  'case.updated': { case: CaseSummary };
  'label.saved': { version: LabelVersion };
}

export type EventName = keyof EventMap;
export const EVENT_NAMES: EventName[] = [
  'job.progress',
  'job.finished',
  'case.imported',
  'case.updated',
  'label.saved',
];

export interface EventEnvelope<E extends EventName = EventName> {
  name: E;
  payload: EventMap[E];
}

export type Unsubscribe = () => void;

export interface EventSource {
  subscribe<E extends EventName>(name: E, handler: (payload: EventMap[E]) => void): Unsubscribe;
  /** Every event, in emission order. */
  subscribeAll(handler: (event: EventEnvelope) => void): Unsubscribe;
}
