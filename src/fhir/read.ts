/**
 * Reading untrusted FHIR JSON: accessors that never throw on a wrong shape (a wrong value reaches
 * the course document's validation, which names the field), an index of the bundle's entries, and
 * the errors of the import. Messages name entries by number and type, never quote what they hold.
 */
import { IptError } from '../model/index.js';
import { EXTENSIONS } from './codes.js';

export type Rec = Record<string, unknown>;
export const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
export const rec = (x: unknown): Rec => (isRec(x) ? x : {});
export const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
export const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** The extensions of an element with a URL (or sub-extensions with a name). */
export const extensionsOf = (element: unknown, url: string): Rec[] => list(rec(element).extension).filter((e): e is Rec => isRec(e) && e.url === url);
/** The value[x] of an extension, whatever its type. */
export function valueOf(extension: Rec | undefined): unknown {
  if (!extension) return undefined;
  const key = Object.keys(extension).find((k) => k.startsWith('value'));
  return key === undefined ? undefined : extension[key];
}
/** The value of the first (sub-)extension with a URL or name. */
export const valueAt = (element: unknown, url: string): unknown => valueOf(extensionsOf(element, url)[0]);
/** The code of a CodeableConcept's coding in a system. */
export const codeIn = (concept: unknown, system: string): unknown =>
  list(rec(concept).coding)
    .map(rec)
    .find((c) => c.system === system)?.code;
/** The code in a system among several CodeableConcepts. */
export const codeAmong = (concepts: unknown, system: string): unknown => list(concepts).map((c) => codeIn(c, system)).find((c) => c !== undefined);

/** A copy without the keys whose value is undefined (absent fields stay absent). */
export function compact<T extends Rec>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

export interface Entry {
  index: number;
  fullUrl?: string;
  resource: Rec & { resourceType: string };
}

/** The error of a bundle that cannot be imported. */
export const invalid = (message: string, field?: string) => new IptError('invalid-input', `Invalid FHIR bundle: ${message}`, field);
/** A resource type fit to name in a message: one shaped like a FHIR type (as all of R4's are), never other text. */
export const typeName = (type: string): string => (/^[A-Z][A-Za-z]{1,40}$/.test(type) ? type : 'unknown resource type');
/** The error of one entry: names it by number and resource type. */
export const invalidEntry = (entry: Entry, message: string, path = '') =>
  invalid(`entry ${entry.index} (${typeName(entry.resource.resourceType)}) ${message}`, `entry.${entry.index}.resource${path ? `.${path}` : ''}`);

/** Finds entries by reference: a fullUrl (`urn:uuid:`, absolute URL) or `Type/id`. */
export class BundleIndex {
  readonly #byUrl = new Map<string, Entry>();
  readonly #byTypeId = new Map<string, Entry>();
  constructor(entries: readonly Entry[]) {
    for (const e of entries) {
      if (e.fullUrl !== undefined) this.#byUrl.set(e.fullUrl, e);
      const id = str(e.resource.id);
      if (id !== undefined) this.#byTypeId.set(`${e.resource.resourceType}/${id}`, e);
    }
  }
  resolve(reference: unknown): Entry | undefined {
    if (typeof reference !== 'string') return undefined;
    return this.#byUrl.get(reference) ?? this.#byTypeId.get(reference);
  }
}

/** How deep a resource may nest (FHIR's own resources nest far less; this mapping's, 7 levels). */
export const MAX_DEPTH = 64;
/** A key fit for a field path: an element name; any other key is bundle content, shown as `*`. */
const pathKey = (key: string) => (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) ? key : '*');

/**
 * Calls `visit` with every `reference` string a resource holds, and its path. Walks with a stack,
 * not recursion, and refuses a resource nested deeper than MAX_DEPTH (IptError `invalid-input`).
 */
export function eachReference(entry: Entry, visit: (reference: string, path: string) => void): void {
  const stack: Array<[value: unknown, path: string, depth: number]> = [[entry.resource, '', 0]];
  while (stack.length > 0) {
    const [element, path, depth] = stack.pop()!;
    if (!Array.isArray(element) && !isRec(element)) continue;
    if (depth >= MAX_DEPTH) throw invalidEntry(entry, `nests deeper than ${MAX_DEPTH} levels`);
    const children: Array<[string, unknown]> = Array.isArray(element) ? element.map((e, i) => [String(i), e]) : Object.entries(element).map(([k, v]) => [pathKey(k), v]);
    // Pushed in reverse, so that references are visited in document order.
    for (const [key, value] of children.reverse()) {
      const at = path ? `${path}.${key}` : key;
      if (key === 'reference' && typeof value === 'string') visit(value, at);
      else stack.push([value, at, depth + 1]);
    }
  }
}

/**
 * Puts '' in the text fields an `empty-text` extension names (FHIR strings cannot be empty).
 * `allowed` lists the paths a kind of record may name; a path to a field that is missing or already
 * set is refused.
 */
export function applyEmptyTexts(entry: Entry, record: Rec, allowed: RegExp): void {
  for (const e of extensionsOf(entry.resource, EXTENSIONS.emptyText)) {
    const path = e.valueString;
    if (typeof path !== 'string' || !allowed.test(path)) throw invalidEntry(entry, 'names a field in an empty-text extension that this resource has no text for', 'extension');
    const keys = path.split('.');
    const last = keys.pop()!;
    let target: unknown = record;
    for (const key of keys) target = isRec(target) || Array.isArray(target) ? (target as Rec)[key] : undefined;
    if (!(isRec(target) || Array.isArray(target)) || (target as Rec)[last] !== undefined) {
      throw invalidEntry(entry, 'names a field in an empty-text extension that is missing or holds text', 'extension');
    }
    (target as Rec)[last] = '';
  }
}
