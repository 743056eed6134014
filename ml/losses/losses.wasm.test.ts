// Losses on the wasm backend: the same values as on cpu (see losses.suite.ts).
import { runLossSuite } from './losses.suite.js';

runLossSuite('wasm');
