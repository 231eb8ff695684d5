/**
 * The sync's FHIR R4 client: the few REST interactions the sync needs, against the portal's own
 * FHIR server, through the host's authorized fetch. It checks every answer's shape (JSON, the
 * resource type asked for, the patient asked for) and turns every failure into one SyncError with a
 * `kind`. It logs nothing, sends nothing outside the base URL, and its messages name interactions,
 * resource types and fields, never values.
 *
 * Servers differ (test/fhir-servers/README.md): Medplum answers a stale `If-Match` with 412, HAPI
 * with 409 (both `conflict`); Medplum gives no `next` links (changedSince pages by `_lastUpdated`
 * then) and no CapabilityStatement (no history), HAPI's `next` links are the base itself with a
 * query (`[base]?_getpages=…`); versionIds are UUIDs on one and integers on the other, so they are
 * compared for equality only, never ordered. HAPI reuses an identical search's result for 60 s, so
 * every read and search sends `Cache-Control: no-cache`; it answers 200 to a DELETE that finds
 * nothing, 409 to an update of a deleted resource and 410 to its read.
 * @module
 */
import { IptError } from '../model/index.js';
import { isRec, list, rec, str, typeName, type Rec } from '../fhir/read.js';
import type { FhirResource } from '../fhir/types.js';
import {
  FHIR_ID,
  escapeToken,
  forServer,
  hasIdentifier,
  instantMs,
  lastUpdatedOf,
  later,
  nextLink,
  nothingDeleted,
  patientOf,
  typeIdOf,
  versionOf,
} from './answers.js';
import { PATIENT, argument, checkId, checkInstant, checkPatient, checkType, toParams, type SearchParams } from './args.js';
import { statusError, syncError } from './errors.js';
import type { Capabilities, Changes, FhirClientOptions, HistoryChanges, IdentifierQuery, Saved, Versioned } from './types.js';

export type { Capabilities, Changes, FhirClientOptions, HistoryChanges, IdentifierQuery, Saved, Versioned };
import { FhirHttp, type Answer } from './http.js';

const NO_CACHE = { 'Cache-Control': 'no-cache' };
const RETURN_BODY = { Prefer: 'return=representation' };
const ok = (status: number) => status >= 200 && status < 300;
const gone = (status: number) => status === 404 || status === 410;

export class FhirClient {
  readonly #http: FhirHttp;
  #capabilities: Promise<Capabilities> | undefined;

  constructor(options: FhirClientOptions) {
    this.#http = new FhirHttp(options?.baseUrl, options?.fetch, options?.timeout ?? 30_000);
  }

  /** The base URL, without a trailing `/`. */
  get baseUrl(): string {
    return this.#http.base;
  }

  /**
   * What the server can do, from `GET [base]/metadata` (once per client). An answer that is no
   * CapabilityStatement (Medplum answers an empty Bundle), or a 404, means no history.
   */
  capabilities(): Promise<Capabilities> {
    this.#capabilities ??= this.#readCapabilities().catch((error: unknown) => {
      this.#capabilities = undefined;
      throw error;
    });
    return this.#capabilities;
  }

  async #readCapabilities(): Promise<Capabilities> {
    const type = 'CapabilityStatement';
    const answer = await this.#http.send('GET', this.#http.url('metadata'), type);
    const historyType = new Set<string>();
    if (gone(answer.status)) return { historyType };
    if (!ok(answer.status)) throw statusError('GET', type, answer.status);
    const statement = rec(this.#json(answer, 'GET', type));
    if (statement.resourceType !== type) return { historyType };
    for (const rest of list(statement.rest).map(rec)) {
      if (rest.mode !== undefined && rest.mode !== 'server') continue;
      for (const resource of list(rest.resource).map(rec)) {
        const resourceType = str(resource.type);
        if (resourceType && list(resource.interaction).some((i) => rec(i).code === 'history-type')) historyType.add(resourceType);
      }
    }
    return { historyType };
  }

  /**
   * Conditional create: `POST [base]/[type]` with `If-None-Exist: identifier=<system>|<value>&patient=<ref>`,
   * the body without `id` and with only the client's part of `meta` (profile, security, tag: a server
   * may keep a versionId or lastUpdated it is sent, as Medplum does). The resource must carry the
   * identifier and name the patient of the condition. 201 creates
   * (`created: true`); 200 answers the resource that already exists (`created: false`).
   * Several matches are a `conflict` (412).
   */
  async create(resource: FhirResource, identifier: IdentifierQuery): Promise<Saved> {
    const type = checkType(resource?.resourceType, 'resourceType');
    argument(typeof identifier?.system === 'string' && identifier.system !== '' && !identifier.system.includes('|'), 'identifier.system', 'must be a system URI');
    // `|` even escaped (`\|`) splits the value on Medplum, so its If-None-Exist would match nothing and each create duplicate.
    argument(typeof identifier.value === 'string' && identifier.value !== '' && !identifier.value.includes('|'), 'identifier.value', 'must be a non-empty string without |');
    const patient = checkPatient(identifier.patient, 'identifier.patient');
    // A resource that does not meet its own condition: HAPI refuses it (400, HAPI-0929), Medplum would write it and answer it.
    argument(hasIdentifier(resource, identifier.system, identifier.value), 'identifier', 'must be one of the resource\'s identifiers');
    argument(this.#samePatient(patientOf(resource).reference, patient), 'identifier.patient', 'must be the patient the resource names');
    const ifNoneExist = new URLSearchParams([
      ['identifier', `${identifier.system}|${escapeToken(identifier.value)}`],
      ['patient', patient],
    ]).toString();
    const answer = await this.#http.send('POST', this.#http.url(type), type, {
      headers: { 'If-None-Exist': ifNoneExist, ...RETURN_BODY },
      body: forServer(resource, false),
    });
    if (!ok(answer.status)) throw statusError('POST', type, answer.status);
    const saved = await this.#saved('POST', type, answer, { patient }, answer.status === 201);
    if (!hasIdentifier(saved.resource, identifier.system, identifier.value)) {
      throw syncError('bad-answer', 'POST', type, 'the answer lacks the identifier of the condition', answer.status);
    }
    return saved;
  }

  /**
   * `PUT [base]/[type]/[id]` with `If-Match: W/"<versionId>"`. A stale version is a `conflict`; a
   * resource the server no longer has is `gone` (Medplum: 404). HAPI answers that with 409, a
   * `conflict`: its current version is the delete, which the `If-Match` does not name; a read then
   * finds nothing.
   */
  async update(resource: FhirResource, versionId: string): Promise<Saved> {
    const type = checkType(resource?.resourceType, 'resourceType');
    const id = checkId(resource.id, 'id');
    checkId(versionId, 'versionId');
    const patient = patientOf(resource).reference;
    const answer = await this.#http.send('PUT', this.#http.url(`${type}/${id}`), type, {
      headers: { 'If-Match': `W/"${versionId}"`, ...RETURN_BODY },
      body: forServer(resource, true),
    });
    if (gone(answer.status)) throw syncError('gone', 'PUT', type, 'the server no longer has the resource', answer.status);
    if (!ok(answer.status)) throw statusError('PUT', type, answer.status);
    return this.#saved('PUT', type, answer, { id, patient: patient !== undefined && PATIENT.test(patient) ? patient : undefined }, answer.status === 201);
  }

  /**
   * `DELETE [base]/[type]/[id]` (with `If-Match` when a version is given; Medplum and HAPI ignore it).
   * True when this call deleted it, false when the server had it no more: done either way. "No
   * more" is a 404 or 410 (Medplum), or a 200 whose OperationOutcome says so (HAPI).
   */
  async remove(type: string, id: string, versionId?: string): Promise<boolean> {
    checkType(type);
    checkId(id, 'id');
    if (versionId !== undefined) checkId(versionId, 'versionId');
    const answer = await this.#http.send('DELETE', this.#http.url(`${type}/${id}`), type, {
      headers: versionId === undefined ? {} : { 'If-Match': `W/"${versionId}"` },
    });
    if (gone(answer.status)) return false;
    if (!ok(answer.status)) throw statusError('DELETE', type, answer.status);
    return !nothingDeleted(answer.text);
  }

  /** `GET [base]/[type]/[id]`: undefined when the server has it no more (404, 410). */
  async read(type: string, id: string, options: { patient?: string } = {}): Promise<Versioned | undefined> {
    checkType(type);
    checkId(id, 'id');
    const patient = options.patient === undefined ? undefined : checkPatient(options.patient);
    const answer = await this.#http.send('GET', this.#http.url(`${type}/${id}`), type, { headers: NO_CACHE });
    if (gone(answer.status)) return undefined;
    if (!ok(answer.status)) throw statusError('GET', type, answer.status);
    const resource = this.#resource(this.#json(answer, 'GET', type), 'GET', type, { id, patient });
    return { id, versionId: this.#versionOf(resource, answer, 'GET', type), resource };
  }

  /**
   * The resources a search finds, over all its pages: follows `next` links (only under the base
   * URL: a link elsewhere is a `bad-answer`, and is not followed), drops an entry whose id and
   * version were already yielded. When `params` has a literal `patient`, every resource must be
   * that patient's.
   */
  async *search(type: string, params: SearchParams = {}): AsyncGenerator<FhirResource, void, undefined> {
    checkType(type);
    const query = toParams(params);
    const patients = query.getAll('patient');
    const patient = patients.length === 1 && PATIENT.test(patients[0]!) ? patients[0] : undefined;
    for await (const page of this.#searchPages(type, this.#http.url(type, query), patient, new Set())) yield* page.resources;
  }

  /**
   * What changed for a patient since a cursor: `patient=<ref>&_lastUpdated=ge<since - overlapMs>&_sort=_lastUpdated&_count=<pageSize>`.
   * Follows `next` links; a server without them (Medplum) is paged by `_lastUpdated` (from the
   * latest instant seen, skipping what was seen at it). The new cursor is the latest
   * `meta.lastUpdated` seen: the server's clock, never the device's. Without `since`, everything.
   * The resources come oldest first, each version once; one that changed again during the pull
   * comes again, later, in its new version.
   */
  async changedSince(type: string, patient: string, since?: string, overlapMs = 0, options: { pageSize?: number } = {}): Promise<Changes> {
    checkType(type);
    checkPatient(patient);
    if (since !== undefined) checkInstant(since, 'since');
    argument(typeof overlapMs === 'number' && overlapMs >= 0 && Number.isFinite(overlapMs), 'overlapMs', 'must be a number of milliseconds, 0 or more');
    const pageSize = options.pageSize ?? 100;
    argument(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000, 'pageSize', 'must be an integer from 1 to 1000');

    const seen = new Set<string>();
    const resources: FhirResource[] = [];
    let cursor = since;
    let from = since === undefined ? undefined : new Date(instantMs(since) - overlapMs).toISOString();
    let offset = 0;
    for (;;) {
      const params = new URLSearchParams({ patient, _sort: '_lastUpdated', _count: String(pageSize) });
      if (from !== undefined) params.set('_lastUpdated', `ge${from}`);
      if (offset > 0) params.set('_offset', String(offset));
      let last = { entries: 0 };
      let fresh = 0;
      for await (const page of this.#searchPages(type, this.#http.url(type, params), patient, seen)) {
        for (const resource of page.resources) {
          const updated = lastUpdatedOf(resource);
          if (Number.isNaN(instantMs(updated))) throw syncError('bad-answer', 'GET', type, 'an entry has no meta.lastUpdated');
          cursor = later(cursor, updated);
          resources.push(resource);
          fresh++;
        }
        last = page;
      }
      if (last.entries < pageSize) break;
      if (fresh === 0) throw syncError('bad-answer', 'GET', type, 'paging by _lastUpdated made no progress');
      from = cursor;
      offset = resources.filter((r) => instantMs(lastUpdatedOf(r)) === instantMs(cursor)).length;
    }
    return { resources, cursor };
  }

  /**
   * What changed for a type since an instant, deletes included: `GET [base]/[type]/_history?_since=`.
   * Only for a type that capabilities() lists in `historyType` (not on Medplum); of several
   * versions of one id, the latest decides whether it is changed or deleted: the latest by time,
   * and where times are equal or missing (HAPI's delete entries carry none), the first in the
   * Bundle (R4 lists a history newest first, as HAPI does).
   */
  async historySince(type: string, since: string): Promise<HistoryChanges> {
    checkType(type);
    checkInstant(since, 'since');
    if (!(await this.capabilities()).historyType.has(type)) {
      throw new IptError('invalid-input', 'FhirClient: the server has no history of this type (see capabilities().historyType)', 'type');
    }
    const latest = new Map<string, { ms: number; resource?: FhirResource }>();
    let cursor: string | undefined = since;
    for await (const page of this.#pages(type, this.#http.url(`${type}/_history`, new URLSearchParams({ _since: since })), 'history')) {
      page.entries.forEach((entry, i) => {
        const { request, response, resource, fullUrl } = rec(entry);
        const status = str(rec(response).status) ?? '';
        let event: { id: string; at: string | undefined; resource?: FhirResource };
        // A delete: request DELETE (the spec), status 410 (a read of that version), or a tombstone marked meta.deleted.
        if (rec(request).method === 'DELETE' || /^410\b/.test(status) || rec(rec(resource).meta).deleted === true) {
          const tombstone = rec(resource);
          const own = typeof tombstone.resourceType === 'string' && typeof tombstone.id === 'string' ? `${tombstone.resourceType}/${tombstone.id}` : undefined;
          const named = typeIdOf((str(rec(request).url) ?? str(fullUrl) ?? str(rec(response).location) ?? own ?? '').replace(/[?#].*$/, ''));
          if (!named || named.type !== type) throw syncError('bad-answer', 'GET', type, `history entry ${i} deletes something other than a ${typeName(type)}`);
          event = { id: named.id, at: str(rec(response).lastModified) ?? lastUpdatedOf(resource) };
        } else {
          const checked = this.#resource(resource, 'GET', type, {}, `history entry ${i}`);
          event = { id: checked.id!, at: lastUpdatedOf(checked), resource: checked };
        }
        cursor = later(cursor, event.at);
        const before = latest.get(event.id);
        const ms = instantMs(event.at);
        if (!before || ms > before.ms) latest.set(event.id, { ms, ...(event.resource ? { resource: event.resource } : {}) });
      });
    }
    const resources: FhirResource[] = [];
    const deleted: Array<{ type: string; id: string }> = [];
    for (const [id, { resource }] of latest) {
      if (resource) resources.push(resource);
      else deleted.push({ type, id });
    }
    return { resources, deleted, cursor };
  }

  /** The Bundles of a search or history, following `next` links under the base URL. */
  async *#pages(type: string, first: URL, bundleType: 'searchset' | 'history'): AsyncGenerator<{ entries: unknown[] }> {
    const visited = new Set<string>();
    for (let url: URL | undefined = first; url; ) {
      visited.add(url.href);
      const answer = await this.#http.send('GET', url, type, { headers: NO_CACHE });
      if (!ok(answer.status)) throw statusError('GET', type, answer.status);
      const bundle = this.#json(answer, 'GET', type);
      if (!isRec(bundle) || bundle.resourceType !== 'Bundle' || bundle.type !== bundleType || (bundle.entry !== undefined && !Array.isArray(bundle.entry))) {
        throw syncError('bad-answer', 'GET', type, `the answer is not a ${bundleType} Bundle`, answer.status);
      }
      const link = nextLink(bundle);
      url = link === undefined ? undefined : this.#http.resolve(link);
      if (link !== undefined && !url) throw syncError('bad-answer', 'GET', type, 'a next link leads outside the base URL: not followed');
      if (url && visited.has(url.href)) throw syncError('bad-answer', 'GET', type, 'a next link leads to a page already read');
      yield { entries: list(bundle.entry) };
    }
  }

  /** The pages of a search as checked resources, without the ones `seen` already holds (by id and version). */
  async *#searchPages(type: string, first: URL, patient: string | undefined, seen: Set<string>): AsyncGenerator<{ entries: number; resources: FhirResource[] }> {
    for await (const { entries } of this.#pages(type, first, 'searchset')) {
      const resources: FhirResource[] = [];
      entries.forEach((entry, i) => {
        const { search, resource } = rec(entry);
        if (rec(search).mode === 'outcome') return; // an OperationOutcome about the search (HAPI), not a match
        const checked = this.#resource(resource, 'GET', type, { patient }, `entry ${i}`);
        const key = `${checked.id}|${versionOf(checked) ?? ''}`;
        if (seen.has(key)) return;
        seen.add(key);
        resources.push(checked);
      });
      yield { entries: entries.length, resources };
    }
  }

  /** What a create or an update answered: the resource in the body, or (no body) read from where the Location points. */
  async #saved(method: string, type: string, answer: Answer, expect: { id?: string | undefined; patient?: string | undefined }, created: boolean): Promise<Saved> {
    const body = this.#json(answer, method, type);
    if (body !== undefined) {
      const resource = this.#resource(body, method, type, expect);
      return { id: resource.id!, versionId: this.#versionOf(resource, answer, method, type), resource, created };
    }
    // No body (a server that honours `Prefer: return=minimal` by default): read what it created or updated.
    const location = answer.headers.get('Location') ?? answer.headers.get('Content-Location');
    const url = location === null ? undefined : this.#http.resolve(location);
    if (location !== null && !url) throw syncError('bad-answer', method, type, 'its Location leads outside the base URL', answer.status);
    const id = url ? typeIdOf(url.pathname)?.id : expect.id;
    if (id === undefined || (url && typeIdOf(url.pathname)?.type !== type)) throw syncError('bad-answer', method, type, 'answered with neither a resource nor its Location', answer.status);
    const read = await this.read(type, id, expect.patient === undefined ? {} : { patient: expect.patient });
    if (!read || (expect.id !== undefined && read.id !== expect.id)) throw syncError('bad-answer', method, type, 'the resource it answered cannot be read', answer.status);
    return { ...read, created };
  }

  /** The JSON of an answer; undefined when it has no body. */
  #json(answer: Answer, method: string, type: string): unknown {
    if (answer.text.trim() === '') return undefined;
    try {
      return JSON.parse(answer.text);
    } catch {
      throw syncError('bad-answer', method, type, 'answered with something other than JSON', answer.status);
    }
  }

  /** Checks a resource of an answer: its type, a valid id (the one asked for), the patient asked for. */
  #resource(value: unknown, method: string, type: string, expect: { id?: string | undefined; patient?: string | undefined }, where = 'the answer'): FhirResource & Rec {
    const bad = (reason: string) => syncError('bad-answer', method, type, `${where} ${reason}`);
    if (!isRec(value)) throw bad('is not a resource');
    if (value.resourceType !== type) throw bad(`is a resource of type ${typeof value.resourceType === 'string' ? typeName(value.resourceType) : 'unknown'}`);
    if (typeof value.id !== 'string' || !FHIR_ID.test(value.id)) throw bad('has no valid id');
    if (expect.id !== undefined && value.id !== expect.id) throw bad('is another resource than the one asked for');
    if (expect.patient !== undefined) {
      const { field, reference } = patientOf(value);
      if (!this.#samePatient(reference, expect.patient)) throw bad(`names another patient in ${field}`);
    }
    return value as FhirResource & Rec;
  }

  /** The version of a resource the server answered; an answer without one is no use to the sync. */
  #versionOf(resource: Rec, answer: Answer, method: string, type: string): string {
    const version = versionOf(resource, answer.headers.get('ETag'));
    if (version === undefined || !FHIR_ID.test(version)) throw syncError('bad-answer', method, type, 'the answer has no version (meta.versionId or ETag)', answer.status);
    return version;
  }

  /** Whether a reference names the patient: the same text, or the same with the base URL before it. */
  #samePatient(reference: string | undefined, patient: string): boolean {
    const relative = (r: string) => (r.startsWith(`${this.#http.base}/`) ? r.slice(this.#http.base.length + 1) : r);
    return reference !== undefined && relative(reference) === relative(patient);
  }
}
