// `cbct info` and `cbct phantom`: commands on files, no project needed.
import { readSourceScan } from '../core/volumes/read-source.js';
import { describeVolume } from '../../ml/data/io/describe.js';
import { writeVolumeFile } from '../../ml/data/io/write-volume.js';
import { generatePhantom } from '../../ml/data/phantom/index.js';
import { integer, parse, triple } from './args.js';

export async function runInfo(argv: string[]): Promise<number> {
  const { positionals, flag } = parse(
    argv,
    { json: { type: 'boolean' } },
    1,
    'cbct info <file|dicom-dir> [--json]',
  );
  const path = positionals[0]!;
  const scan = await readSourceScan(path);
  const d = describeVolume(scan.volume);
  if (flag('json')) {
    process.stdout.write(
      `${JSON.stringify({ path, format: scan.format, ...d, warnings: scan.warnings }, null, 2)}\n`,
    );
  } else {
    const f = (v: readonly number[]) => v.map((x) => Number(x.toFixed(4))).join(', ');
    process.stdout.write(
      `${path} (${scan.format})\n  dims      ${d.dims.join(' × ')}\n  spacing   ${f(d.spacing)} mm\n` +
        `  origin    ${f(d.origin)} mm (LPS)\n  direction ${f(d.direction)}\n  dtype     ${d.dataType}\n` +
        `  range     ${d.min} … ${d.max}\n`,
    );
    for (const w of scan.warnings) process.stderr.write(`warning: ${w}\n`);
  }
  return 0;
}

export async function runPhantom(argv: string[]): Promise<number> {
  const usageLine = 'cbct phantom <out-image> <out-label> [--seed N --size X,Y,Z --spacing MM --teeth N]';
  const { positionals, str } = parse(
    argv,
    {
      seed: { type: 'string' },
      size: { type: 'string' },
      spacing: { type: 'string' },
      teeth: { type: 'string' },
    },
    2,
    usageLine,
  );
  const { image, label, params } = generatePhantom({
    seed: integer(str('seed'), 'seed') ?? 1,
    size: triple(str('size'), 'size', true),
    spacing: triple(str('spacing'), 'spacing', false),
    teeth: integer(str('teeth'), 'teeth'),
  });
  await writeVolumeFile(image, positionals[0]!);
  await writeVolumeFile(label, positionals[1]!);
  process.stdout.write(
    `phantom seed ${params.seed}: ${params.size.join('×')} at ${params.spacing.join('×')} mm, ${params.teeth} teeth → ` +
      `${positionals[0]}, ${positionals[1]}\n`,
  );
  return 0;
}
