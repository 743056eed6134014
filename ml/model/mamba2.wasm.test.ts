// SSD forms and the Mamba2 layer on the wasm backend.
import { runMambaSuite } from './mamba2.suite.js';

runMambaSuite('wasm');
