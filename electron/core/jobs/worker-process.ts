// One ML worker process (Node child_process with IPC). In Electron the same entry runs as a utility
// process; the runner only needs `send`, `onMessage`, `onExit` and `kill`.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from '../../../ml/runtime/worker/protocol.js';

export interface WorkerHandle {
  pid: number | undefined;
  send(msg: ToWorker): void;
  onMessage(handler: (msg: FromWorker) => void): void;
  onExit(handler: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export type SpawnWorker = () => WorkerHandle;

const SOURCE_ENTRY = fileURLToPath(new URL('../../../ml/runtime/worker/entry.ts', import.meta.url));

/**
 * A spawner for Node child-process workers. Defaults run the TypeScript entry through tsx (development,
 * CLI, tests); the packaged app passes its bundled worker script and no loader. Under Electron, `fork`
 * runs the Electron binary as plain Node.
 */
export function nodeWorkerSpawner(entry = SOURCE_ENTRY, execArgv = ['--import', 'tsx']): SpawnWorker {
  return () => forkWorker(entry, execArgv);
}

export const spawnNodeWorker: SpawnWorker = nodeWorkerSpawner();

function forkWorker(entry: string, execArgv: string[]): WorkerHandle {
  const child = fork(entry, [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    pid: child.pid,
    send: (msg) => {
      if (child.connected) child.send(msg);
    },
    onMessage: (handler) => child.on('message', (m) => handler(m as FromWorker)),
    onExit: (handler) => child.on('exit', handler),
    kill: (signal = 'SIGTERM') => {
      child.kill(signal);
    },
  };
}
