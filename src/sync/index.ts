/**
 * The sync with the portal's FHIR R4 server (offline first). For now its HTTP layer: a FhirClient
 * over the host's authorized fetch, and the SyncError it rejects with.
 * @module
 */
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
