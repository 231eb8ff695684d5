/**
 * The wire format of the sync is the FHIR mapping (src/fhir): a course is exported as a collection
 * bundle and read back with fromFhirBundle. These pure functions put the two between the store
 * and the server: which record a resource is, references between the course's resources as the
 * server names them, and the SDK's fields laid over the server's copy of a resource.
 */
import { FHIR_BASE, RESOURCE_TYPES, entryUrl, identifierSystems, identifiersOf, type FhirKind } from '../fhir/codes.js';
import { fromFhirBundle } from '../fhir/import.js';
import { toFhirBundle } from '../fhir/export.js';
import type { FhirResource } from '../fhir/types.js';
import { same, toDocument, type CourseDocument, type CourseState } from '../model/index.js';

type Rec = Record<string, unknown>;

/** A resource of a course as the sync knows it: its kind in the mapping and the record (or problem area) it stands for. */
export interface ResourceKey {
  kind: FhirKind;
  recordId: string;
}
export const keyName = (k: ResourceKey): string => `${k.kind}/${k.recordId}`;

/** The order resources are put in (each after those it refers to); deletes go the other way. */
export const PUT_ORDER: readonly FhirKind[] = ['focus', 'person', 'appointment', 'session', 'goal', 'dispute', 'response', 'measure', 'course'];
/** The resource types a course is made of, each searched once per pull. */
export const TYPES: readonly string[] = [...new Set(Object.values(RESOURCE_TYPES))];

/**
 * The record kind (store entity) a resource kind stands for: focus Conditions are part of the
 * course, the Appointment of a missed visit part of its session, the QuestionnaireResponse of a
 * measure taken item by item part of its measure (derived resources: no record, no
 * outbox entry and no merge base of their own; their record's entry is acknowledged by its own resource).
 */
export const entityOf = (kind: FhirKind) => (kind === 'focus' ? 'course' : kind === 'appointment' ? 'session' : kind === 'response' ? 'measure' : kind);

export class Mapping {
  readonly #systems: Readonly<Record<FhirKind, string>>;
  readonly #kindOfSystem: ReadonlyMap<string, FhirKind>;
  constructor(readonly identifierSystem: string | undefined) {
    this.#systems = identifierSystems(identifierSystem, 'export');
    this.#kindOfSystem = new Map(Object.entries(this.#systems).map(([kind, system]) => [system, kind as FhirKind]));
  }

  system(kind: FhirKind): string {
    return this.#systems[kind];
  }

  /** The course and the key of a resource that carries one of the mapping's identifiers of its type; undefined for any other. */
  identify(resource: FhirResource): { courseId: string; key: ResourceKey } | undefined {
    for (const i of identifiersOf(resource) as Rec[]) {
      const kind = this.#kindOfSystem.get(String(i?.system));
      const value = typeof i?.value === 'string' ? i.value : '';
      if (!kind || RESOURCE_TYPES[kind] !== resource.resourceType || !value) continue;
      if (kind === 'course') return { courseId: value, key: { kind, recordId: value } };
      const slash = value.indexOf('/');
      if (slash > 0) return { courseId: value.slice(0, slash), key: { kind, recordId: value.slice(slash + 1) } };
    }
    return undefined;
  }

  /** The resources of a course's state, by key, as the export makes them (ids local, references by `urn:uuid:`). */
  resources(state: CourseState): Map<string, { key: ResourceKey; resource: Rec }> {
    const bundle = toFhirBundle(toDocument(state), this.identifierSystem === undefined ? {} : { identifierSystem: this.identifierSystem });
    const out = new Map<string, { key: ResourceKey; resource: Rec }>();
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource as FhirResource;
      const found = this.identify(resource)!;
      out.set(keyName(found.key), { key: found.key, resource: resource as Rec });
    }
    return out;
  }

  /** The course the server's resources make (references by `Type/id`), read as an import reads it. */
  read(courseId: string, resources: readonly FhirResource[]): CourseDocument {
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) };
    return fromFhirBundle(bundle, { courseId, ...(this.identifierSystem === undefined ? {} : { identifierSystem: this.identifierSystem }) });
  }
}

/** The `urn:uuid:` an export gives a resource of a course, to find what a reference names. */
export const urnOf = (courseId: string, key: ResourceKey) => entryUrl(courseId, key.kind, key.recordId);

/**
 * A copy of a resource with each `reference` that names a resource of the course by its `urn:uuid:`
 * rewritten as the server names it (`Type/id`). Undefined when one names a resource the server
 * does not hold yet.
 */
export function withServerReferences(resource: Rec, serverRef: (urn: string) => string | undefined): Rec | undefined {
  let missing = false;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Rec = {};
    for (const [k, v] of Object.entries(value as Rec)) {
      if (k === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:')) {
        const ref = serverRef(v);
        if (ref === undefined) missing = true;
        out[k] = ref ?? v;
      } else out[k] = walk(v);
    }
    return out;
  };
  const out = walk(resource) as Rec;
  delete out.id;
  return missing ? undefined : out;
}

/** An extension of this SDK's: its URL is under the mapping's base. */
const ours = (url: unknown) => typeof url === 'string' && url.startsWith(`${FHIR_BASE}/`);

/**
 * The resource to send: the SDK's fields (`mine`) laid over the server's copy, so that what other
 * applications wrote on it survives. A field is the SDK's when `mine` has it or when the SDK's
 * mapping wrote it before (`sent`); the SDK's extensions and identifiers are told by their URL
 * (under the mapping's base); every other field, extension and identifier is kept as the server
 * holds it. `meta` is the server's.
 */
export function overlay(mine: Rec, server: Rec | undefined, sent: Rec | undefined): Rec {
  if (!server) return mine;
  const out: Rec = { ...server };
  delete out.meta;
  for (const k of new Set([...Object.keys(sent ?? {}), ...Object.keys(mine)])) {
    if (k === 'extension' || k === 'identifier' || k === 'id') continue;
    if (k in mine) out[k] = mine[k];
    else delete out[k];
  }
  for (const k of ['extension', 'identifier'] as const) {
    const key = k === 'extension' ? 'url' : 'system';
    // A resource of one identifier (QuestionnaireResponse) holds the SDK's.
    if (k === 'identifier' && mine[k] !== undefined && !Array.isArray(mine[k])) {
      out[k] = mine[k];
      continue;
    }
    const kept = (k === 'identifier' ? (identifiersOf(server) as Rec[]) : Array.isArray(server[k]) ? (server[k] as Rec[]) : []).filter((e) => !ours(e?.[key]));
    const all = [...kept, ...(Array.isArray(mine[k]) ? (mine[k] as Rec[]) : [])];
    if (all.length) out[k] = all;
    else delete out[k];
  }
  out.id = server.id;
  return out;
}

/** True when sending `resource` would change nothing the server holds (its `meta` aside). */
export function unchanged(resource: Rec, server: Rec | undefined): boolean {
  if (!server) return false;
  const { meta: _a, ...a } = resource;
  const { meta: _b, ...b } = server;
  return same(a, b);
}
