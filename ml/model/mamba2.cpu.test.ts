// SSD forms and the Mamba2 layer on the cpu backend.
import { runMambaSuite } from './mamba2.suite.js';

runMambaSuite('cpu');
