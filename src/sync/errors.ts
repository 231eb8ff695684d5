/**
 * The one error of the sync's HTTP layer. Its message names the interaction, the resource type and
 * the HTTP status, never a value: not an id, a reference, an identifier or the server's text (an
 * answer may quote health data back).
 * @module
 */
import { typeName } from '../fhir/read.js';

/**
 * What went wrong, as the sync needs to know it:
 * - `conflict`: the server holds another version (409 from HAPI, 412 from Medplum on a stale
 *   `If-Match`; on a conditional create, several resources match the identifier).
 * - `unauthorized`: 401 or 403; the host's fetch needs new credentials.
 * - `offline`: the host's fetch rejected (no network, the server unreachable, CORS refused).
 * - `timeout`: no whole answer within the client's timeout.
 * - `server`: 5xx or 429; worth trying again later.
 * - `bad-answer`: an answer the client cannot trust: not JSON, not the resource type asked for,
 *   another patient's resource, a link or a redirect away from the base URL, or a 4xx other than
 *   the ones above (the server refused the request).
 * - `gone`: an update of a resource the server no longer has (404 or 410; HAPI answers 409 there,
 *   a `conflict`, after which a read finds nothing).
 */
export type SyncErrorKind = 'conflict' | 'unauthorized' | 'offline' | 'timeout' | 'server' | 'bad-answer' | 'gone';

export class SyncError extends Error {
  override name = 'SyncError';
  readonly kind: SyncErrorKind;
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined;
  /** The resource type of the interaction. */
  readonly resourceType: string | undefined;
  constructor(kind: SyncErrorKind, message: string, details: { status?: number | undefined; resourceType?: string | undefined } = {}) {
    super(message);
    this.kind = kind;
    this.status = details.status;
    this.resourceType = details.resourceType === undefined ? undefined : typeName(details.resourceType);
  }
}

/** An error of one interaction: `FHIR <method> <type>: <reason> (HTTP <status>)`. */
export function syncError(kind: SyncErrorKind, method: string, resourceType: string, reason: string, status?: number): SyncError {
  return new SyncError(kind, `FHIR ${method} ${typeName(resourceType)}: ${reason}${status === undefined ? '' : ` (HTTP ${status})`}`, { status, resourceType });
}

/** The kind of an HTTP status that is no success (404 and 410 are the caller's to read first). */
export function kindOfStatus(status: number): SyncErrorKind {
  if (status === 409 || status === 412) return 'conflict';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429 || status >= 500) return 'server';
  return 'bad-answer';
}

const REASONS: Record<SyncErrorKind, string> = {
  conflict: 'the server holds another version',
  unauthorized: 'not authorized',
  server: 'the server failed or is busy',
  'bad-answer': 'the server refused the request',
  offline: 'the server could not be reached',
  timeout: 'no answer in time',
  gone: 'the server no longer has the resource',
};

/** The error of an answer whose status is no success. */
export function statusError(method: string, resourceType: string, status: number): SyncError {
  const kind = kindOfStatus(status);
  return syncError(kind, method, resourceType, REASONS[kind], status);
}
