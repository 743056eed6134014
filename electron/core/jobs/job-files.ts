// Scratch folders for worker jobs: `runs/job-<id>/`, removed once the job's output is recorded.
import { mkdirSync, rmSync } from 'node:fs';
import { RUNS_DIR, projectPath } from '../project/layout.js';

export function jobDir(projectDir: string, jobId: number): string {
  return projectPath(projectDir, RUNS_DIR, `job-${jobId}`);
}

export function makeJobDir(projectDir: string, jobId: number): string {
  const dir = jobDir(projectDir, jobId);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeJobDir(projectDir: string, jobId: number): void {
  rmSync(jobDir(projectDir, jobId), { recursive: true, force: true });
}
