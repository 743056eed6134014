export * from './api.js';
export * from './errors.js';
export * from './events.js';
export * from './methods.js';
export * from './types.js';
export * from './status.js';
