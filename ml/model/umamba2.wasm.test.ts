// U-Mamba2 on the wasm backend.
import { runModelSuite } from './umamba2.suite.js';

runModelSuite('wasm');
