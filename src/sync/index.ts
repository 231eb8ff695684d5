/**
 * The sync with the portal's FHIR R4 server, offline first: `startSync(store, { baseUrl, fetch,
 * patient })` pushes the store's outbox and pulls what changed on the server, through the FHIR
 * mapping (`ipt-elements/fhir`) and the store's three-way merge. Its HTTP layer, the FhirClient,
 * is exported too. Not part of the main bundle: import `ipt-elements/sync`, or load
 * `ipt-elements.sync.min.js` after `ipt-elements.min.js` (it adds to `window.IptElements`).
 * @module
 */
export { startSync, type SyncConflict, type SyncHandle, type SyncOptions, type SyncState, type SyncStatus } from './start.js';
export {
  FhirClient,
  type Capabilities,
  type Changes,
  type FhirClientOptions,
  type HistoryChanges,
  type IdentifierQuery,
  type Saved,
  type Versioned,
} from './client.js';
export type { SearchParams } from './args.js';
export { SyncError, type SyncErrorKind } from './errors.js';
export type { HostFetch } from './http.js';
