// The next-case queue: unlabelled cases ordered by their uncertainty score, most uncertain first; with the
// diversity option, a greedy maximal-marginal-relevance pick that trades a case's (normalised) score against its
// largest cosine similarity to the cases already picked, so the queue does not start with five near-duplicates.
// Cases not scored yet come last, in their given order.
// Reference: Carbonell & Goldstein 1998 (MMR); the uncertainty score is ./uncertainty.ts.

export interface RankCandidate {
  id: number;
  score: number | null;
  /** From scanDescriptor; empty when unknown (then it is never considered similar to anything). */
  descriptor: readonly number[];
}

export interface RankOptions {
  diversity?: boolean;
  /** Weight of novelty against uncertainty in the diversity pick (0 = scores only). */
  lambda?: number;
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

export function rankCases(candidates: readonly RankCandidate[], opts: RankOptions = {}): RankCandidate[] {
  const scored = candidates.filter((c) => c.score !== null);
  const unscored = candidates.filter((c) => c.score === null);
  const byScore = [...scored].sort((a, b) => b.score! - a.score! || a.id - b.id);
  if (!opts.diversity || byScore.length < 3) return [...byScore, ...unscored];
  const lambda = opts.lambda ?? 0.5;
  const top = byScore[0]!.score! || 1;
  const picked: RankCandidate[] = [];
  const left = [...byScore];
  while (left.length > 0) {
    let best = 0;
    let bestValue = -Infinity;
    left.forEach((c, i) => {
      const similarity = picked.reduce((m, p) => Math.max(m, cosine(c.descriptor, p.descriptor)), 0);
      const value = (1 - lambda) * (c.score! / top) + lambda * (1 - Math.max(0, similarity));
      if (value > bestValue + 1e-12) {
        bestValue = value;
        best = i;
      }
    });
    picked.push(left.splice(best, 1)[0]!);
  }
  return [...picked, ...unscored];
}
