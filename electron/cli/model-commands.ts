// `cbct model-info`: parameters and FLOPs per patch of a named architecture, from the config alone.
import { totalmem } from 'node:os';
import { CoreError } from '../contract/errors.js';
import { getArchitecture, NAMED_ARCHITECTURES } from '../../ml/config/architectures.js';
import type { ArchitectureConfig } from '../../ml/config/architectures.js';
import { modelInfo } from '../../ml/config/model-info.js';
import { workstationArchitecture } from '../../ml/config/workstation.js';
import { parse, triple } from './args.js';

const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;

function architecture(name: string, backend: string): { config: ArchitectureConfig; note?: string } {
  if (name === 'workstation') {
    if (!(BACKENDS as readonly string[]).includes(backend)) {
      throw new CoreError('invalid-input', `--backend must be one of ${BACKENDS.join(', ')}`);
    }
    const choice = workstationArchitecture({
      backend: backend as (typeof BACKENDS)[number],
      systemBytes: totalmem(),
    });
    return {
      config: choice.config,
      note: `${choice.rung} for ${backend} with ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    };
  }
  if (!(name in NAMED_ARCHITECTURES)) {
    const known = [...Object.keys(NAMED_ARCHITECTURES), 'workstation'].join(', ');
    throw new CoreError('invalid-input', `unknown architecture "${name}" (known: ${known})`);
  }
  return { config: getArchitecture(name) };
}

export async function runModelInfo(argv: string[]): Promise<number> {
  const usageLine =
    'cbct model-info --config stsr|tiny|workstation [--patch D0,D1,D2] [--backend wasm] [--json]';
  const { str, flag } = parse(
    argv,
    {
      config: { type: 'string' },
      patch: { type: 'string' },
      backend: { type: 'string' },
      json: { type: 'boolean' },
    },
    0,
    usageLine,
  );
  const { config, note } = architecture(str('config') ?? 'stsr', str('backend') ?? 'wasm');
  const info = modelInfo(config, triple(str('patch'), 'patch', true) ?? config.patchSize);
  if (flag('json')) {
    process.stdout.write(`${JSON.stringify(note ? { ...info, note } : info, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${info.name}${note ? ` (${note})` : ''}: ${info.parameters.toLocaleString('en-US')} parameters, ` +
        `${(info.flops / 1e9).toFixed(1)} GFLOP per ${info.patch.join('×')} patch forward pass\n`,
    );
  }
  return 0;
}
