// The work an ML worker can do, by job kind. Each task gets validated parameters, a progress callback
// and an abort signal, and returns a JSON-serialisable result (files it wrote are named in it).
import type { TaskProgress } from './protocol.js';
import { runBootstrapTask } from './bootstrap-task.js';

export interface TaskContext {
  report(progress: TaskProgress): void;
  signal: AbortSignal;
}

export type Task = (params: unknown, ctx: TaskContext) => Promise<unknown>;

export const TASKS: Record<string, Task> = {
  bootstrap: runBootstrapTask,
};
