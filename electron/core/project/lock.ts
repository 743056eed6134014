// One process at a time per project: a lock file holding the owner's pid. A lock whose process is gone
// (crash, SIGKILL) is stale and taken over; a live owner makes opening fail with a clear `conflict`.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { CoreError } from '../../contract/errors.js';

const heldInThisProcess = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): { pid: number; host: string } | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : null;
  } catch {
    return null;
  }
}

export interface ProjectLock {
  release(): void;
}

export function acquireProjectLock(file: string, projectDir: string): ProjectLock {
  if (heldInThisProcess.has(file)) {
    throw new CoreError('conflict', `project ${projectDir} is already open in this process`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
      closeSync(fd);
      heldInThisProcess.add(file);
      return {
        release() {
          heldInThisProcess.delete(file);
          try {
            unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      if (owner && owner.host === hostname() && processAlive(owner.pid)) {
        throw new CoreError(
          'conflict',
          `project ${projectDir} is already open in another process (pid ${owner.pid}); close it there first`,
          { pid: owner.pid },
        );
      }
      if (owner && owner.host !== hostname()) {
        throw new CoreError(
          'conflict',
          `project ${projectDir} is locked by host ${owner.host} (pid ${owner.pid}); remove ${file} if that is stale`,
        );
      }
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new CoreError('conflict', `could not lock project ${projectDir}`);
}
