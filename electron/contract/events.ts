// Typed events the core emits. Subscribers get `(payload)`; `subscribe` returns an unsubscribe function.
import type { CaseSummary, Job, LabelVersion } from './types.js';

export interface EventMap {
  'job.progress': {
    job: Job;
    done: number;
    total: number;
    message: string;
    metrics?: Record<string, number>;
  };
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
