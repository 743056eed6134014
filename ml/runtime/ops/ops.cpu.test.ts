// Op layer on the cpu backend: native convolutions (with our conv3dTranspose gradient) and the
// matMul forms used on wasm, both against tf.conv3d / references.
import { runOpSuite } from './ops.suite.js';

runOpSuite('cpu', ['native', 'matmul']);
