// U-Mamba2 on the cpu backend (the gradient comparison runs the matMul forms against native convs).
import { runModelSuite } from './umamba2.suite.js';

runModelSuite('cpu');
