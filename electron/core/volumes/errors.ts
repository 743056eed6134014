// Maps what the volume readers and the file system throw onto the contract's error kinds.
import { CoreError } from '../../contract/errors.js';
import { VolumeFormatError } from '../../../ml/data/io/errors.js';

export function toCoreError(err: unknown, path: string): CoreError {
  if (err instanceof CoreError) return err;
  if (err instanceof VolumeFormatError) {
    const kind = err.reason === 'unsupported' ? 'unsupported' : err.reason === 'io' ? 'io' : 'invalid-input';
    return new CoreError(kind, err.message, { file: err.file });
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new CoreError('not-found', `${path}: no such file or folder`);
  if (code === 'EACCES' || code === 'EPERM') return new CoreError('io', `${path}: permission denied`);
  if (err instanceof RangeError) return new CoreError('invalid-input', `${path}: ${err.message}`);
  const message = err instanceof Error ? err.message : String(err);
  return new CoreError('io', `${path}: ${message}`);
}
