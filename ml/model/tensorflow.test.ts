// The op, Mamba2 and model suites on the `tensorflow` backend (libtensorflow through
// @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node), wherever one of those packages loads.
import { test } from 'node:test';
import { runOpSuite } from '../runtime/ops/ops.suite.js';
import { selectBackend } from '../runtime/backend.js';
import { runMambaSuite } from './mamba2.suite.js';
import { runModelSuite } from './umamba2.suite.js';

const why = await selectBackend({ force: 'tensorflow' }).then(
  () => null,
  (err: Error) => err.message,
);
if (why === null) {
  runOpSuite('tensorflow', ['native', 'matmul']);
  runMambaSuite('tensorflow');
  runModelSuite('tensorflow');
} else {
  test('tensorflow backend', (t) => t.skip(why));
}
