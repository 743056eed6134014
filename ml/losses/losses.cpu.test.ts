// Losses on the cpu backend.
import { runLossSuite } from './losses.suite.js';

runLossSuite('cpu');
