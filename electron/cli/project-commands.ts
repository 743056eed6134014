// `cbct init`, `cbct import`, `cbct list`.
import { createCore } from '../core/create-core.js';
import { SPLITS } from '../contract/types.js';
import type { Split } from '../contract/types.js';
import { CoreError } from '../contract/errors.js';
import { parse } from './args.js';

export async function runInit(argv: string[]): Promise<number> {
  const { positionals, str } = parse(argv, { name: { type: 'string' } }, 1, 'cbct init <dir> [--name NAME]');
  const core = createCore(positionals[0]!, { create: true, name: str('name') });
  try {
    const info = await core.api.projects.info();
    process.stdout.write(`created project "${info.name}" in ${info.directory}\n`);
  } finally {
    core.dispose();
  }
  return 0;
}

export async function runImport(argv: string[]): Promise<number> {
  const usageLine = 'cbct import <project> <paths…> [--split train|val|test|unlabeled] [--json]';
  const { positionals, str, flag } = parse(
    argv,
    { split: { type: 'string' }, json: { type: 'boolean' } },
    2,
    usageLine,
  );
  const split = (str('split') ?? 'unlabeled') as Split;
  if (!SPLITS.includes(split))
    throw new CoreError('invalid-input', `--split must be one of ${SPLITS.join(', ')}`);
  const [project, ...paths] = positionals as [string, ...string[]];
  const core = createCore(project);
  try {
    const stop = core.events.subscribe('job.progress', (p) => {
      process.stderr.write(`[${p.done}/${p.total}] ${p.message}\n`);
    });
    const result = await core.api.cases.import({ paths, split });
    stop();
    if (flag('json')) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      for (const c of result.imported) {
        process.stdout.write(
          `imported case ${c.id} ${c.name} ${c.geometry.dims.join('×')} (${c.dataType})\n`,
        );
      }
      for (const s of result.skipped) process.stdout.write(`skipped ${s.path}: ${s.reason}\n`);
    }
    for (const f of result.failed) process.stderr.write(`failed (${f.kind}): ${f.message}\n`);
    return result.failed.length > 0 ? 1 : 0;
  } finally {
    core.dispose();
  }
}

export async function runList(argv: string[]): Promise<number> {
  const { positionals, flag } = parse(argv, { json: { type: 'boolean' } }, 1, 'cbct list <project> [--json]');
  const core = createCore(positionals[0]!);
  try {
    const cases = await core.api.cases.list({});
    if (flag('json')) {
      process.stdout.write(`${JSON.stringify(cases, null, 2)}\n`);
    } else {
      for (const c of cases) {
        const g = c.geometry;
        process.stdout.write(
          `${c.id}\t${c.name}\t${c.split}\t${c.status}\t${g.dims.join('×')}\t${g.spacing.map((s) => s.toFixed(3)).join('×')} mm\t${c.dataType}\n`,
        );
      }
    }
    return 0;
  } finally {
    core.dispose();
  }
}
