// Progress reports of a training run: iteration, loss terms, LR, throughput and ETA.
// Timing is measured, never part of the training state (it does not influence the trajectory).

export interface TrainProgress {
  /** Optimizer steps done so far (1-based after the first step). */
  iteration: number;
  iterations: number;
  epoch: number;
  epochs: number;
  /** Mean loss terms of this step's micro-batches ('total' included). */
  loss: Record<string, number>;
  lr: number;
  gradNorm: number;
  /** Smoothed throughput. */
  iterationsPerSecond: number;
  samplesPerSecond: number;
  voxelsPerSecond: number;
  elapsedSeconds: number;
  /** Remaining steps at the smoothed rate (validation time included in the rate). */
  etaSeconds: number;
}

/** Smoothed seconds per iteration (EMA over wall-clock intervals, including epoch-end work). */
export class ThroughputMeter {
  private last = performance.now();
  private readonly start = this.last;
  private secondsPerIt: number | null = null;

  /** Call after each iteration; returns the smoothed seconds per iteration. */
  tick(): number {
    const now = performance.now();
    const dt = (now - this.last) / 1000;
    this.last = now;
    this.secondsPerIt = this.secondsPerIt === null ? dt : 0.9 * this.secondsPerIt + 0.1 * dt;
    return this.secondsPerIt;
  }

  elapsed(): number {
    return (performance.now() - this.start) / 1000;
  }
}
