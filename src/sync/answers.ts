/**
 * Reading what a FHIR server answers: versions, instants, the patient a resource belongs to, the
 * `Type/id` a URL names. Pure functions over untrusted JSON; they never throw on a wrong shape.
 * @module
 */
import { identifiersOf } from '../fhir/codes.js';
import { list, rec, str, type Rec } from '../fhir/read.js';

/** A FHIR resource type: `Goal`, `CarePlan`. */
export const RESOURCE_TYPE = /^[A-Z][A-Za-z]{0,63}$/;
/** A FHIR id (also the form of `meta.versionId`); not `.` or `..`, which a URL would read as a path step. */
export const FHIR_ID = /^(?!\.\.?$)[A-Za-z0-9.-]{1,64}$/;

/** The version in an ETag, `W/"3"` or `"3"`; undefined for anything else. */
export function versionOfEtag(etag: string | null): string | undefined {
  const match = /^(?:W\/)?"([^"]*)"$/.exec(etag?.trim() ?? '');
  return match?.[1] || undefined;
}

/** `meta.versionId`, else the ETag's version. */
export const versionOf = (resource: Rec, etag: string | null = null): string | undefined => str(rec(resource.meta).versionId) ?? versionOfEtag(etag);

/** `meta.lastUpdated` as written by the server. */
export const lastUpdatedOf = (resource: unknown): string | undefined => str(rec(rec(resource).meta).lastUpdated);

/** Milliseconds of a FHIR instant; NaN when it is none. */
export const instantMs = (instant: string | undefined): number => (instant === undefined ? Number.NaN : Date.parse(instant));

/** The later of two instants (the first when the second is not later, or not an instant). */
export const later = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined || instantMs(b) > instantMs(a) ? b ?? a : a);

/** The element that names the patient, and its reference: `subject` (Goal, CarePlan, Condition, …), `patient` (RelatedPerson) or the Patient among an Appointment's participants. */
export function patientOf(resource: Rec): { field: string; reference: string | undefined } {
  if (resource.resourceType === 'Appointment') {
    const refs = list(resource.participant).map((p) => str(rec(rec(p).actor).reference));
    return { field: 'participant.actor.reference', reference: refs.find((r) => r?.startsWith('Patient/')) };
  }
  if (resource.subject !== undefined || resource.patient === undefined) return { field: 'subject.reference', reference: str(rec(resource.subject).reference) };
  return { field: 'patient.reference', reference: str(rec(resource.patient).reference) };
}

/** True when the resource carries the identifier `system|value`. */
export const hasIdentifier = (resource: Rec, system: string, value: string): boolean =>
  identifiersOf(resource).some((i) => rec(i).system === system && rec(i).value === value);

/** `Type`, `id` and version named by the end of a path: `…/Goal/123` or `…/Goal/123/_history/4`. */
export function typeIdOf(path: string): { type: string; id: string; versionId: string | undefined } | undefined {
  const match = /(?:^|\/)([A-Z][A-Za-z]{0,63})\/([A-Za-z0-9.-]{1,64})(?:\/_history\/([A-Za-z0-9.-]{1,64}))?\/?$/.exec(path);
  return match && FHIR_ID.test(match[2]!) ? { type: match[1]!, id: match[2]!, versionId: match[3] } : undefined;
}

/** The `next` link of a Bundle. */
export const nextLink = (bundle: Rec): string | undefined => str(rec(list(bundle.link).find((l) => rec(l).relation === 'next')).url);

/**
 * A copy to send to a server: without `id` (unless kept) and with only the parts of `meta` that a
 * client may set (`profile`, `security`, `tag`): a server may keep a `versionId` or `lastUpdated`
 * sent to it (Medplum does on create), and a pull by `_lastUpdated` would then miss the resource.
 */
export function forServer<T extends Rec>(resource: T, keepId: boolean): T {
  const { id, meta, ...rest } = resource;
  const kept = Object.fromEntries(Object.entries(rec(meta)).filter(([k]) => k === 'profile' || k === 'security' || k === 'tag'));
  return { ...rest, ...(keepId && id !== undefined ? { id } : {}), ...(Object.keys(kept).length > 0 ? { meta: kept } : {}) } as unknown as T;
}

/**
 * A token search value: `\`, `,`, `$` and `|` escaped with `\` (FHIR search, "Escaping Search
 * Parameters"), so that a value holding them is matched whole.
 */
export const escapeToken = (value: string): string => value.replace(/[\\,$|]/g, '\\$&');

/** HAPI's codes for the outcome of a write (https://hapifhir.io/fhir/CodeSystem/hapi-fhir-storage-response-code). */
const HAPI_STORAGE_CODES = 'https://hapifhir.io/fhir/CodeSystem/hapi-fhir-storage-response-code';
const NOTHING_DELETED = new Set(['SUCCESSFUL_DELETE_ALREADY_DELETED', 'SUCCESSFUL_DELETE_NOT_FOUND']);

/**
 * True when the body of a DELETE's 2xx answer says that nothing was deleted. HAPI answers 200 also
 * for a resource deleted already or never stored, with an OperationOutcome coded
 * `SUCCESSFUL_DELETE_ALREADY_DELETED` or `SUCCESSFUL_DELETE_NOT_FOUND` (Medplum answers 404 then).
 */
export function nothingDeleted(text: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return false;
  }
  const outcome = rec(body);
  const codings = list(outcome.issue).flatMap((issue) => list(rec(rec(issue).details).coding).map(rec));
  return outcome.resourceType === 'OperationOutcome' && codings.some((c) => c.system === HAPI_STORAGE_CODES && NOTHING_DELETED.has(str(c.code) ?? ''));
}
