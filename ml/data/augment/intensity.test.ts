import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../util/rng.js';
import {
  addGaussianNoise,
  adjustContrast,
  applyGamma,
  bgContrastFactor,
  multiplyBrightness,
} from './intensity.js';

const close = (a: ArrayLike<number>, b: number[], tol = 1e-5) => {
  assert.equal(a.length, b.length);
  for (let n = 0; n < b.length; n++) assert.ok(Math.abs(a[n]! - b[n]!) < tol, `[${n}] ${a[n]} vs ${b[n]}`);
};

function meanStd(x: Float32Array): [number, number] {
  let s = 0;
  for (const v of x) s += v;
  const m = s / x.length;
  let ss = 0;
  for (const v of x) ss += (v - m) ** 2;
  return [m, Math.sqrt(ss / (x.length - 1))];
}

test('Gaussian noise has the requested std', () => {
  const x = new Float32Array(200000);
  addGaussianNoise(x, 0.05, createRng(1));
  const [m, s] = meanStd(x);
  assert.ok(Math.abs(m) < 0.001, `mean ${m}`);
  assert.ok(Math.abs(s / 0.05 - 1) < 0.01, `std ${s}`);
});

test('brightness multiplies; contrast scales about the mean and clamps to the old range', () => {
  const x = Float32Array.from([0, 1, 2, 3]);
  multiplyBrightness(x, 1.5);
  close(x, [0, 1.5, 3, 4.5]);
  const y = Float32Array.from([0, 1, 2, 3]);
  adjustContrast(y, 2, true); // mean 1.5 → −1.5, 0.5, 2.5, 4.5 → clamp [0, 3]
  close(y, [0, 0.5, 2.5, 3]);
  const z = Float32Array.from([0, 1, 2, 3]);
  adjustContrast(z, 2, false);
  close(z, [-1.5, 0.5, 2.5, 4.5]);
});

test('gamma on a known ramp, inverted and not, with and without retained statistics', () => {
  const ramp = () => Float32Array.from([1, 2, 3, 4, 5]);
  const g = ramp();
  applyGamma(g, 2, false, false); // ((x − 1)/4)²·4 + 1
  close(g, [1, 1.25, 2, 3.25, 5]);
  const gi = ramp();
  applyGamma(gi, 2, true, false); // on −x: min −5, range 4
  close(gi, [1, 2.75, 4, 4.75, 5]);
  for (const invert of [false, true]) {
    const r = ramp();
    applyGamma(r, 0.7, invert, true);
    const [m, s] = meanStd(r);
    assert.ok(Math.abs(m - 3) < 1e-5 && Math.abs(s - Math.sqrt(2.5)) < 1e-5, `invert ${invert}: ${m}, ${s}`);
  }
});

test('BGContrast factor law: half below 1 in [lo, 1), half above in [1, hi)', () => {
  const rng = createRng(9);
  let below = 0;
  const n = 4000;
  for (let t = 0; t < n; t++) {
    const f = bgContrastFactor([0.75, 1.25], rng);
    assert.ok(f >= 0.75 && f < 1.25);
    if (f < 1) below++;
  }
  assert.ok(Math.abs(below / n - 0.5) < 0.032, `${below / n}`);
  // a range entirely above 1 never goes below
  for (let t = 0; t < 100; t++) assert.ok(bgContrastFactor([1.1, 1.3], rng) >= 1.1);
});
