// The work an ML worker can do, by job kind. Each task gets validated parameters, a progress callback
// and an abort signal, and returns a JSON-serialisable result (files it wrote are named in it).
import type { TaskProgress } from './protocol.js';
import { runBootstrapTask } from './bootstrap-task.js';

export interface TaskContext {
  report(progress: TaskProgress): void;
  /** Hands the core a finished piece of the result before the task ends (it survives a later crash). */
  publish(partial: unknown): void;
  signal: AbortSignal;
}

export type Task = (params: unknown, ctx: TaskContext) => Promise<unknown>;

export const TASKS: Record<string, Task> = {
  bootstrap: runBootstrapTask,
  // TensorFlow.js loads only in workers that need it.
  segment: async (p, c) => (await import('./segment-task.js')).runSegmentTask(p, c),
  train: async (p, c) => (await import('./train-task.js')).runTrainTask(p, c),
};
