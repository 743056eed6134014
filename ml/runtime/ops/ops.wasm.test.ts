// Op layer on the wasm backend (matMul forms), against tf.conv3d on cpu and the references.
import { runOpSuite } from './ops.suite.js';

runOpSuite('wasm', ['matmul']);
