/**
 * The sync as a script file, `ipt-elements.sync.min.js`: loaded after `ipt-elements.min.js`, it
 * adds startSync, FhirClient and SyncError to `window.IptElements` (and uses its model).
 * @module
 */
import * as sync from './index.js';

const target = globalThis as unknown as { IptElements?: Record<string, unknown> };
if (!target.IptElements) throw new Error('ipt-elements.sync.min.js: load ipt-elements.min.js first');
Object.assign(target.IptElements, sync);
