// Bootstrap proposal: classical tooth/pulp labels for a scan when the project has no model yet.
export { proposeTeethAndPulp, superiorAxis, type BootstrapReport, type BootstrapResult } from './propose.js';
export { BOOTSTRAP_DEFAULTS, resolveBootstrapOptions, type BootstrapOptions } from './options.js';
