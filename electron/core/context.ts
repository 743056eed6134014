// What every core operation needs: the project folder, its database, the event bus and the label schema.
import type { Db } from './db/open.js';
import type { EventBus } from './event-bus.js';
import type { LabelSchema } from '../contract/types.js';
import type { JobRunner } from './jobs/runner.js';

export interface CoreContext {
  dir: string;
  db: Db;
  events: EventBus;
  schema: LabelSchema;
  /** Job ids whose cancellation was requested; long operations poll this between steps. */
  cancelRequested: Set<number>;
  /** The queue of worker jobs (proposals, segmentation, training). */
  jobs: JobRunner;
}
