// Entry point of an ML worker process: runs one task at a time as the parent asks, reports progress,
// and exits when the parent goes away. Cancellation aborts the task's signal; a task that ignores it is
// ended by the parent killing the process.
import type { FromWorker, ToWorker } from './protocol.js';
import { TASKS } from './tasks.js';

function send(msg: FromWorker): void {
  process.send?.(msg);
}

const running = new Map<number, AbortController>();

async function run(jobId: number, kind: string, params: unknown): Promise<void> {
  const task = TASKS[kind];
  if (!task) {
    send({
      type: 'failed',
      jobId,
      error: { kind: 'unsupported', message: `no worker task for job kind "${kind}"` },
    });
    return;
  }
  const abort = new AbortController();
  running.set(jobId, abort);
  try {
    const result = await task(params, {
      report: (progress) => send({ type: 'progress', jobId, progress }),
      publish: (result) => send({ type: 'partial', jobId, result }),
      signal: abort.signal,
    });
    send(abort.signal.aborted ? { type: 'cancelled', jobId } : { type: 'done', jobId, result });
  } catch (err) {
    if (abort.signal.aborted) send({ type: 'cancelled', jobId });
    else {
      const e = err as { kind?: unknown; message?: unknown };
      send({
        type: 'failed',
        jobId,
        error: { kind: typeof e.kind === 'string' ? e.kind : 'internal', message: String(e.message ?? err) },
      });
    }
  } finally {
    running.delete(jobId);
  }
}

process.on('message', (msg: ToWorker) => {
  if (msg.type === 'run') void run(msg.jobId, msg.kind, msg.params);
  else if (msg.type === 'cancel') running.get(msg.jobId)?.abort();
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', pid: process.pid });
