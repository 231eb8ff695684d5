/** What the FhirClient takes and gives. */
import type { FhirResource } from '../fhir/types.js';
import type { HostFetch } from './http.js';

export interface FhirClientOptions {
  /** The FHIR base, e.g. `https://portal.example/fhir`. Every request goes under it. */
  baseUrl: string;
  /** The host's fetch, which authorizes each request (the client never signs in). */
  fetch: HostFetch;
  /** Milliseconds for a whole answer; default 30 000. */
  timeout?: number;
}

/** A conditional create's condition: the record's identifier, scoped to its patient. */
export interface IdentifierQuery {
  system: string;
  value: string;
  /** A literal reference: `Patient/<id>`, or an absolute URL ending so. */
  patient: string;
}

/** A resource as the server holds it now. */
export interface Versioned {
  id: string;
  /** Opaque: compare for equality only. */
  versionId: string;
  resource: FhirResource;
}

export interface Saved extends Versioned {
  /** True when the server created the resource (201); false when it existed already or was updated. */
  created: boolean;
}

export interface Capabilities {
  /** The resource types with a type-level history (`[type]/_history?_since=`). */
  historyType: ReadonlySet<string>;
}

export interface Changes {
  resources: FhirResource[];
  /** The latest `meta.lastUpdated` seen (the server's clock); `since` when nothing was seen. */
  cursor: string | undefined;
}

export interface HistoryChanges extends Changes {
  /** Resources deleted since (the latest event of each id decides). */
  deleted: Array<{ type: string; id: string }>;
}

