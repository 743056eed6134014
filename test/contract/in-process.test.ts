import { contractSuite } from './contract-suite.js';
import { createCore } from '../../electron/core/create-core.js';

contractSuite('in-process core', async (dir) => {
  const core = createCore(dir, { create: true });
  return {
    api: core.api,
    events: core.events,
    eventsReady: async () => {},
    callRaw: (m, a) => core.dispatch(m, a),
    close: async () => core.dispose(),
  };
});
