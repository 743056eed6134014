// Messages between the core's job runner and an ML worker process (Node child_process IPC, structured
// clone). The worker never touches the database: it reads and writes files the core names and reports
// results; the core records them.

export interface TaskProgress {
  /** 0…1 */
  fraction: number;
  message: string;
  /** Free-form numbers for charts (losses per term, LR, ω, throughput…). */
  metrics?: Record<string, number>;
}

export type ToWorker =
  { type: 'run'; jobId: number; kind: string; params: unknown } | { type: 'cancel'; jobId: number };

export type FromWorker =
  | { type: 'ready'; pid: number }
  | { type: 'progress'; jobId: number; progress: TaskProgress }
  /** A durable piece of the result, recorded by the core at once (e.g. a finished training stage). */
  | { type: 'partial'; jobId: number; result: unknown }
  | { type: 'done'; jobId: number; result: unknown }
  | { type: 'failed'; jobId: number; error: { kind: string; message: string } }
  | { type: 'cancelled'; jobId: number };
