// `cbct segment` (a trained checkpoint, or the classical bootstrap proposal) and `cbct evaluate` (the
// STSR 2025 metrics of a prediction against a ground truth, or of a folder of cases with `--dir`).
import { CoreError } from '../contract/errors.js';
import { readVolumeFile } from '../../ml/data/io/read-volume.js';
import { writeVolumeFile } from '../../ml/data/io/write-volume.js';
import { evaluateCase } from '../../ml/metrics/index.js';
import { proposeTeethAndPulp } from '../../ml/infer/bootstrap/index.js';
import { parse } from './args.js';
import { evaluateDir, formatDirEvaluation } from './evaluate-dir.js';

function number(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new CoreError('invalid-input', `--${what} must be a number, got "${text}"`);
  return n;
}

export async function runSegment(argv: string[]): Promise<number> {
  const usageLine =
    'cbct segment <checkpoint-dir | --bootstrap> <in> <out> [--name best] [--step 0.5] [--tta 1,2 | --no-tta]';
  const { positionals, str, flag } = parse(
    argv,
    {
      bootstrap: { type: 'boolean' },
      name: { type: 'string' },
      step: { type: 'string' },
      tta: { type: 'string' },
      'no-tta': { type: 'boolean' },
    },
    2,
    usageLine,
  );
  if (flag('bootstrap')) {
    const [input, output] = positionals as [string, string];
    const { label, report } = proposeTeethAndPulp(await readVolumeFile(input));
    await writeVolumeFile(label, output);
    process.stderr.write(`bootstrap proposal: ${JSON.stringify(report.voxels)}\n`);
    return 0;
  }
  if (positionals.length < 3) throw new CoreError('invalid-input', `usage: ${usageLine}`);
  const [checkpoint, input, output] = positionals as [string, string, string];
  const { selectBackend } = await import('../../ml/runtime/backend.js');
  const { createOps } = await import('../../ml/runtime/ops/index.js');
  const { loadSegmentationModel, modelPredictor, segmentVolume } = await import('../../ml/infer/index.js');
  const backend = await selectBackend();
  process.stderr.write(`backend: ${backend.name}\n`);
  const { model, plan } = loadSegmentationModel(checkpoint, str('name') ?? 'best', createOps(backend.name));
  const mirrorAxes = flag('no-tta') ? [] : (str('tta')?.split(',').map(Number) ?? undefined);
  const result = await segmentVolume(await readVolumeFile(input), modelPredictor(model), plan, {
    config: {
      ...(str('step') ? { tileStep: number(str('step'), 'step') } : {}),
      ...(mirrorAxes ? { mirrorAxes } : {}),
    },
    onProgress: (p) => process.stderr.write(`\r${JSON.stringify(p)}`),
  });
  process.stderr.write('\n');
  await writeVolumeFile(result.label, output);
  model.dispose();
  return 0;
}

export async function runEvaluate(argv: string[]): Promise<number> {
  const usageLine =
    'cbct evaluate <ground-truth> <prediction> [--tolerance 2] [--json]\n' +
    '       cbct evaluate --dir <ground-truth-folder> <prediction-folder> [--tolerance 2] [--json]';
  const { positionals, str, flag } = parse(
    argv,
    { tolerance: { type: 'string' }, json: { type: 'boolean' }, dir: { type: 'boolean' } },
    2,
    usageLine,
  );
  const tolerance = number(str('tolerance'), 'tolerance');
  if (tolerance !== undefined && !(tolerance >= 0))
    throw new CoreError('invalid-input', `--tolerance must be ≥ 0 mm, got ${tolerance}`);
  if (flag('dir')) {
    if (positionals.length !== 2) throw new CoreError('invalid-input', `usage: ${usageLine}`);
    const [gtDir, predDir] = positionals as [string, string];
    const result = await evaluateDir(gtDir, predDir, {
      ...(tolerance === undefined ? {} : { tolerance }),
      warn: (message) => process.stderr.write(`cbct: warning: ${message}\n`),
    });
    process.stdout.write(flag('json') ? `${JSON.stringify(result, null, 2)}\n` : formatDirEvaluation(result));
    return 0;
  }
  const [gtPath, predPath] = positionals as [string, string];
  const [gt, pred] = await Promise.all([readVolumeFile(gtPath), readVolumeFile(predPath)]);
  const result = evaluateCase(gt, pred, { tolerance });
  if (flag('json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const i = result.image;
    process.stdout.write(
      i ? `Dice ${i.dice ?? 'n/a'}  IoU ${i.iou}  NSD ${i.nsd}  IA ${result.ia}\n` : `IA ${result.ia}\n`,
    );
  }
  return 0;
}
