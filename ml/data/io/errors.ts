// Errors raised by the volume readers and writers. Each names the file and the problem so that a user
// seeing only the message knows what to fix; `reason` maps onto the contract's error kinds.

export type VolumeErrorReason = 'invalid' | 'unsupported' | 'io';

export class VolumeFormatError extends Error {
  readonly file: string;
  readonly problem: string;
  readonly reason: VolumeErrorReason;

  constructor(file: string, problem: string, reason: VolumeErrorReason = 'invalid') {
    super(`${file}: ${problem}`);
    this.name = 'VolumeFormatError';
    this.file = file;
    this.problem = problem;
    this.reason = reason;
  }
}
