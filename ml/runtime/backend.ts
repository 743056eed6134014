// Chooses the TensorFlow.js backend for this process: `tensorflow` (libtensorflow through
// @tensorflow/tfjs-node-gpu, else @tensorflow/tfjs-node), else `wasm`, else `cpu`, and says why each
// better backend was not taken. `CBCT_BACKEND=tensorflow|wasm|cpu` (or `force`) pins one; a pinned
// backend that cannot load is an error, never a silent fallback.
import * as tf from '@tensorflow/tfjs';
import { installWasmKernelFixes } from './wasm-kernels.js';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface BackendReasons {
  /** Why `tensorflow` was not chosen (null when it was, or when it was not tried because another was forced). */
  tensorflow: string | null;
  wasm: string | null;
  cpu: null;
}

export interface BackendSelection {
  name: BackendName;
  /** Which native package provided `tensorflow`, if it was chosen. */
  nativePackage: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node' | null;
  reasons: BackendReasons;
  tf: typeof tf;
}

export interface SelectOptions {
  force?: BackendName;
  /** Environment to read CBCT_BACKEND from (default process.env). */
  env?: Record<string, string | undefined>;
}

/** Turns a failed dynamic import into a short reason: not installed, no CUDA, or the load error itself. */
export function classifyLoadError(pkg: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(pkg)) {
    return `${pkg}: not installed`;
  }
  const firstLine = (msg.split('\n')[0] ?? msg).trim();
  if (/tfjs_binding\.node/.test(msg)) {
    return `${pkg}: installed without its native addon (libtensorflow was not downloaded at install time: ${firstLine})`;
  }
  if (/cuda|cudnn|libcu|nvidia/i.test(msg)) return `${pkg}: no CUDA (${firstLine})`;
  return `${pkg}: load error (${firstLine})`;
}

async function tryTensorflow(): Promise<
  { ok: true; pkg: BackendSelection['nativePackage'] } | { ok: false; why: string }
> {
  const why: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const) {
    try {
      await import(pkg);
      if (await tf.setBackend('tensorflow')) return { ok: true, pkg };
      why.push(`${pkg}: loaded but the 'tensorflow' backend did not initialise`);
    } catch (err) {
      why.push(classifyLoadError(pkg, err));
    }
  }
  return { ok: false, why: why.join('; ') };
}

async function tryWasm(): Promise<string | null> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    installWasmKernelFixes();
    if (await tf.setBackend('wasm')) return null;
    return 'wasm: backend did not initialise';
  } catch (err) {
    return classifyLoadError('@tensorflow/tfjs-backend-wasm', err);
  }
}

function parseForced(value: string | undefined): BackendName | undefined {
  if (value === undefined || value === '') return undefined;
  if ((BACKEND_NAMES as readonly string[]).includes(value)) return value as BackendName;
  throw new Error(`CBCT_BACKEND must be one of ${BACKEND_NAMES.join(', ')} (got '${value}')`);
}

/** Loads and activates the best available backend (see the file header). */
export async function selectBackend(options: SelectOptions = {}): Promise<BackendSelection> {
  const forced = options.force ?? parseForced((options.env ?? process.env)['CBCT_BACKEND']);
  const reasons: BackendReasons = { tensorflow: null, wasm: null, cpu: null };
  const done = async (name: BackendName, nativePackage: BackendSelection['nativePackage'] = null) => {
    await tf.ready();
    return { name, nativePackage, reasons, tf };
  };

  if (forced === undefined || forced === 'tensorflow') {
    const r = await tryTensorflow();
    if (r.ok) return done('tensorflow', r.pkg);
    reasons.tensorflow = r.why;
    if (forced === 'tensorflow') throw new Error(`backend 'tensorflow' was forced but cannot load: ${r.why}`);
  } else {
    reasons.tensorflow = `not tried (forced ${forced})`;
  }

  if (forced === undefined || forced === 'wasm') {
    const why = await tryWasm();
    if (why === null) return done('wasm');
    reasons.wasm = why;
    if (forced === 'wasm') throw new Error(`backend 'wasm' was forced but cannot load: ${why}`);
  } else {
    reasons.wasm = `not tried (forced ${forced})`;
  }

  if (!(await tf.setBackend('cpu'))) throw new Error('even the cpu backend did not initialise');
  return done('cpu');
}

/** One line for logs and the UI: "wasm (tensorflow: @tensorflow/tfjs-node-gpu: not installed; …)". */
export function describeSelection(sel: Pick<BackendSelection, 'name' | 'reasons' | 'nativePackage'>): string {
  const skipped = BACKEND_NAMES.filter((n) => n !== sel.name && sel.reasons[n] !== null).map(
    (n) => `${n}: ${sel.reasons[n]}`,
  );
  const head = sel.nativePackage ? `${sel.name} via ${sel.nativePackage}` : sel.name;
  return skipped.length > 0 ? `${head} (${skipped.join('; ')})` : head;
}
