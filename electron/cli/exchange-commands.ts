// `cbct export-label`, `cbct export-nnunet`, `cbct import-label`: the exchange formats from the shell.
import { createCore } from '../core/create-core.js';
import { CoreError } from '../contract/errors.js';
import type { Core } from '../core/create-core.js';
import { integer, parse } from './args.js';

const FORMATS = ['nifti', 'dicom-seg', 'stl'] as const;

async function withProject<T>(dir: string, work: (core: Core) => Promise<T>): Promise<T> {
  const core = createCore(dir);
  try {
    return await work(core);
  } finally {
    core.dispose();
  }
}

function required(value: number | undefined, what: string): number {
  if (value === undefined) throw new CoreError('invalid-input', `${what} is required`);
  return value;
}

export async function runExportLabel(argv: string[]): Promise<number> {
  const usageLine = 'cbct export-label <project> <version-id> <out> [--format nifti|dicom-seg|stl]';
  const { positionals, str } = parse(argv, { format: { type: 'string' } }, 3, usageLine);
  const format = (str('format') ?? 'nifti') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new CoreError('invalid-input', `--format must be one of ${FORMATS.join(', ')}`);
  const [project, version, outPath] = positionals as [string, string, string];
  const versionId = required(integer(version, 'version-id'), 'version-id');
  const r = await withProject(project, (core) => core.api.labels.export({ versionId, format, outPath }));
  for (const f of r.files) process.stdout.write(`${f}\n`);
  return 0;
}

export async function runExportNnUNet(argv: string[]): Promise<number> {
  const usageLine = 'cbct export-nnunet <project> <nnUNet_raw-dir> [--id 321] [--name CBCT]';
  const { positionals, str } = parse(
    argv,
    { id: { type: 'string' }, name: { type: 'string' } },
    2,
    usageLine,
  );
  const [project, outDir] = positionals as [string, string];
  const r = await withProject(project, (core) =>
    core.api.projects.exportNnUNet({
      outDir,
      datasetId: integer(str('id'), 'id') ?? 321,
      name: str('name') ?? 'CBCT',
    }),
  );
  for (const w of r.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
  process.stdout.write(`${r.files.join('\n')}\n`);
  return 0;
}

export async function runImportLabel(argv: string[]): Promise<number> {
  const usageLine =
    'cbct import-label <project> <case-id> <file (NIfTI, MHA, NRRD, DICOM SEG)> [--author NAME]';
  const { positionals, str } = parse(argv, { author: { type: 'string' } }, 3, usageLine);
  const [project, caseText, path] = positionals as [string, string, string];
  const caseId = required(integer(caseText, 'case-id'), 'case-id');
  const v = await withProject(project, (core) =>
    core.api.labels.importPrediction({ caseId, path, author: str('author') }),
  );
  process.stdout.write(`case ${caseId}: label version ${v.id} (source import) from ${path}\n`);
  return 0;
}
