// The op-layer test suite, run once per backend by ops.cpu.test.ts and ops.wasm.test.ts. Every op is
// compared, forward and gradients, with float64 references (./reference.ts), the convolutions also
// with tf.conv3d / tf.conv3dTranspose on the cpu backend, and gradients with finite differences.
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../util/rng.js';
import { selectBackend, type BackendName } from '../backend.js';
import { createOps } from './index.js';
import {
  avgPoolRef,
  convRef,
  convRefGrads,
  convTransposeRef,
  convTransposeRefGrads,
  instanceNormRef,
  type Arr,
} from './reference.js';
import { arrOf, assertClose, checkGradFD, onBackend, randArr, randVec, tensorOf } from './testing.js';
import type { ConvImpl, Stride3 } from './types.js';

const TOL = 2e-5;
const STRIDES: Stride3[] = [
  [1, 1, 1],
  [2, 2, 2],
  [1, 2, 2],
];

type T5 = tf.Tensor5D;
type T1 = tf.Tensor1D;

/** Forward and gradients (of Σ y ⊙ r) of fn on the active backend, as arrays. */
function evalWithGrads(fn: (...xs: tf.Tensor[]) => tf.Tensor, inputs: (Arr | Float64Array)[], r: Arr) {
  let result: { y: Arr; grads: Arr[] } | undefined;
  tf.tidy(() => {
    const ts = inputs.map((a) => tensorOf(a));
    const y = fn(...ts);
    const g = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(fn(...xs), tensorOf(r))))(ts);
    result = { y: arrOf(y), grads: g.map(arrOf) };
  });
  return result!;
}

/** Runs fn in a tidy scope and returns its plain (non-tensor) result. */
function withArrays<T>(fn: () => T): T {
  let out: T | undefined;
  tf.tidy(() => {
    out = fn();
  });
  return out as T;
}

export function runOpSuite(backend: BackendName, impls: ConvImpl[]): void {
  test.before(async () => {
    await selectBackend({ force: backend });
  });

  for (const stride of STRIDES) {
    test(`${backend}: conv3x3 stride [${stride}] matches tf.conv3d (cpu) and the float64 reference`, async () => {
      const rng = createRng(10 + stride[0] * 3 + stride[1]);
      const x = randArr([2, 4, 6, 5, 3], rng);
      const w = randArr([3, 3, 3, 3, 4], rng, 0.3);
      const b = randVec(4, rng);
      const ref = convRef(x, w, b, stride, 1);
      const r = randArr(ref.shape, rng);
      const g = convRefGrads(x, w, r, stride, 1);
      const viaTf = await onBackend('cpu', () =>
        evalWithGrads(
          (xt, wt, bt) =>
            tf.add(
              tf.conv3d(
                tf.pad(xt as T5, [
                  [0, 0],
                  [1, 1],
                  [1, 1],
                  [1, 1],
                  [0, 0],
                ]),
                wt as T5,
                stride as [number, number, number],
                'valid',
              ),
              bt!,
            ),
          [x, w, b],
          r,
        ),
      );
      assertClose(viaTf.y, ref, TOL, 'tf.conv3d forward vs reference');
      assertClose(viaTf.grads[0]!, g.dx, TOL, 'tf.conv3d dx vs reference');
      assertClose(viaTf.grads[1]!, g.dw, TOL, 'tf.conv3d dw vs reference');
      for (const impl of impls) {
        const ops = createOps(backend, impl);
        const got = evalWithGrads(
          (xt, wt, bt) => ops.conv3x3(xt as T5, wt as T5, bt as T1, stride),
          [x, w, b],
          r,
        );
        assertClose(got.y, viaTf.y, TOL, `${impl} forward`);
        assertClose(got.grads[0]!, viaTf.grads[0]!, TOL, `${impl} dx`);
        assertClose(got.grads[1]!, viaTf.grads[1]!, TOL, `${impl} dw`);
        assertClose(got.grads[2]!, g.db, TOL, `${impl} db`);
      }
    });
  }

  for (const stride of STRIDES.slice(1)) {
    test(`${backend}: convTranspose stride [${stride}] matches tf.conv3dTranspose (cpu) and the reference`, async () => {
      const rng = createRng(20 + stride[0]);
      const x = randArr([2, 2, 3, 2, 3], rng);
      const w = randArr([stride[0], stride[1], stride[2], 4, 3], rng, 0.5);
      const b = randVec(4, rng);
      const ref = convTransposeRef(x, w, b, stride);
      const r = randArr(ref.shape, rng);
      const g = convTransposeRefGrads(x, w, r, stride);
      const viaTf = await onBackend('cpu', () =>
        withArrays(() => {
          const xt = tensorOf<tf.Rank.R5>(x);
          const y = tf.conv3dTranspose(
            xt,
            tensorOf<tf.Rank.R5>(w),
            ref.shape as [number, number, number, number, number],
            stride as [number, number, number],
            'valid',
          );
          return arrOf(tf.add(y, tensorOf(b)));
        }),
      );
      assertClose(viaTf, ref, TOL, 'tf.conv3dTranspose forward vs reference');
      for (const impl of impls) {
        const ops = createOps(backend, impl);
        const got = evalWithGrads(
          (xt, wt, bt) => ops.convTranspose(xt as T5, wt as T5, bt as T1, stride),
          [x, w, b],
          r,
        );
        assertClose(got.y, ref, TOL, `${impl} forward`);
        assertClose(got.grads[0]!, g.dx, TOL, `${impl} dx`);
        assertClose(got.grads[1]!, g.dw, TOL, `${impl} dw`);
        assertClose(got.grads[2]!, g.db, TOL, `${impl} db`);
      }
    });
  }

  test(`${backend}: conv1x1, avgPool, leakyRelu, matMul match the references`, () => {
    const rng = createRng(30);
    const ops = createOps(backend, impls[0]);
    const x = randArr([2, 4, 4, 2, 3], rng);
    const w = randArr([1, 1, 1, 3, 5], rng);
    const b = randVec(5, rng);
    const ref = convRef(x, w, b, [1, 1, 1], 0);
    const r = randArr(ref.shape, rng);
    const g = convRefGrads(x, w, r, [1, 1, 1], 0);
    const got = evalWithGrads((xt, wt, bt) => ops.conv1x1(xt as T5, wt as T5, bt as T1), [x, w, b], r);
    assertClose(got.y, ref, TOL, 'conv1x1 forward');
    assertClose(got.grads[0]!, g.dx, TOL, 'conv1x1 dx');
    assertClose(got.grads[1]!, g.dw, TOL, 'conv1x1 dw');

    for (const stride of STRIDES.slice(1)) {
      const pref = avgPoolRef(x, stride);
      const pr = randArr(pref.shape, rng);
      const pg = evalWithGrads((xt) => ops.avgPool(xt as T5, stride), [x], pr);
      assertClose(pg.y, pref, TOL, `avgPool [${stride}] forward`);
      const n = stride[0] * stride[1] * stride[2];
      const up = new Float64Array(x.data.length);
      const [, D, H, W, C] = x.shape as [number, number, number, number, number];
      for (let i = 0; i < up.length; i++) {
        const c = i % C;
        const wv = Math.floor(i / C) % W;
        const h = Math.floor(i / (C * W)) % H;
        const d = Math.floor(i / (C * W * H)) % D;
        const bb = Math.floor(i / (C * W * H * D));
        const [pD, pH, pW] = [D / stride[0], H / stride[1], W / stride[2]];
        const j =
          (((bb * pD + Math.floor(d / stride[0])) * pH + Math.floor(h / stride[1])) * pW +
            Math.floor(wv / stride[2])) *
            C +
          c;
        up[i] = pr.data[j]! / n;
      }
      assertClose(pg.grads[0]!, up, TOL, `avgPool [${stride}] dx`);
    }

    const lr = evalWithGrads((xt) => ops.leakyRelu(xt as T5), [x], x);
    assertClose(lr.y, { data: x.data.map((v) => (v > 0 ? v : 0.01 * v)), shape: x.shape }, TOL, 'leakyRelu');
    assertClose(
      lr.grads[0]!,
      { data: x.data.map((v) => (v > 0 ? v : 0.01 * v)), shape: x.shape },
      TOL,
      'leakyRelu dx',
    );

    const a = randArr([7, 5], rng);
    const m = randArr([5, 6], rng);
    const mr = randArr([7, 6], rng);
    const mm = evalWithGrads((at, bt) => ops.matMul(at as tf.Tensor2D, bt as tf.Tensor2D), [a, m], mr);
    const prod = (p: Arr, q: Arr, tp: boolean, tq: boolean): Arr => {
      const [M, K] = tp ? [p.shape[1]!, p.shape[0]!] : [p.shape[0]!, p.shape[1]!];
      const N = tq ? q.shape[0]! : q.shape[1]!;
      const out = new Float64Array(M * N);
      for (let i = 0; i < M; i++)
        for (let k = 0; k < K; k++)
          for (let j = 0; j < N; j++) {
            const pv = tp ? p.data[k * M + i]! : p.data[i * K + k]!;
            const qv = tq ? q.data[j * K + k]! : q.data[k * N + j]!;
            out[i * N + j]! += pv * qv;
          }
      return { data: out, shape: [M, N] };
    };
    assertClose(mm.y, prod(a, m, false, false), TOL, 'matMul');
    assertClose(mm.grads[0]!, prod(mr, m, false, true), TOL, 'matMul da');
    assertClose(mm.grads[1]!, prod(a, mr, true, false), TOL, 'matMul db');
  });

  test(`${backend}: instanceNorm matches the reference`, () => {
    const rng = createRng(40);
    const ops = createOps(backend, impls[0]);
    const x = randArr([2, 3, 4, 2, 3], rng, 2);
    x.data.forEach((v, i) => (x.data[i] = v + (i % 3)));
    const gamma = randVec(3, rng);
    const beta = randVec(3, rng);
    const r = randArr(x.shape, rng);
    const ref = instanceNormRef(x, gamma, beta, r, 1e-5);
    const got = evalWithGrads(
      (xt, gt, bt) => ops.instanceNorm(xt as T5, gt as T1, bt as T1),
      [x, gamma, beta],
      r,
    );
    assertClose(got.y, ref.y, 1e-4, 'instanceNorm forward');
    assertClose(got.grads[0]!, ref.dx, 1e-4, 'instanceNorm dx');
    assertClose(got.grads[1]!, ref.dgamma, 1e-4, 'instanceNorm dγ');
    assertClose(got.grads[2]!, ref.dbeta, 1e-4, 'instanceNorm dβ');
  });

  test(`${backend}: gradients agree with finite differences`, () => {
    const rng = createRng(50);
    for (const impl of impls) {
      const ops = createOps(backend, impl);
      for (const stride of STRIDES) {
        const x = tensorOf(randArr([1, 4, 4, 4, 2], rng));
        const w = tensorOf(randArr([3, 3, 3, 2, 3], rng, 0.3));
        const b = tensorOf(randVec(3, rng));
        checkGradFD((xt, wt, bt) => ops.conv3x3(xt as T5, wt as T5, bt as T1, stride), [x, w, b], {
          seed: 51,
          eps: 0.5,
          tol: 1e-3,
          label: `${impl} conv3x3 [${stride}]`,
        });
        if (stride[1] === 2) {
          const wt = tensorOf(randArr([stride[0], 2, 2, 3, 2], rng));
          checkGradFD((xt, wv, bt) => ops.convTranspose(xt as T5, wv as T5, bt as T1, stride), [x, wt, b], {
            seed: 52,
            eps: 0.5,
            tol: 1e-3,
            label: `${impl} convTranspose [${stride}]`,
          });
          wt.dispose();
        }
        tf.dispose([x, w, b]);
      }
    }
    const ops = createOps(backend, impls[0]);
    const x = tensorOf(randArr([1, 3, 3, 3, 2], rng, 2));
    const gm = tensorOf(randVec(2, rng));
    const bt = tensorOf(randVec(2, rng));
    checkGradFD((a, g, c) => ops.instanceNorm(a as T5, g as T1, c as T1), [x, gm, bt], {
      seed: 53,
      eps: 1e-2,
      tol: 1e-2,
      label: 'instanceNorm',
    });
    // LeakyReLU away from its kink, so that the differences never straddle it.
    const away = randArr([1, 3, 3, 3, 2], rng);
    away.data.forEach((v, i) => (away.data[i] = Math.sign(v) * (0.5 + Math.abs(v))));
    const xa = tensorOf(away);
    checkGradFD((a) => ops.leakyRelu(a as T5), [xa], { seed: 54, eps: 1e-2, tol: 1e-2, label: 'leakyRelu' });
    xa.dispose();
    tf.dispose([x, gm, bt]);
  });
}
