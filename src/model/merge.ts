import { IptError } from './errors.js';

/** True when two JSON values (records as validated: objects, arrays, strings, numbers, booleans) are equal. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The rule for two tabs (or a tab and the host) editing one record: a three-way merge, field by
 * field. `base` is the record as the editor read it, `mine` what the editor wants it to be,
 * `theirs` what is stored now. A field only one side changed takes that side's value; a field both
 * changed to different values is a conflict, refused with `conflict` (naming the fields, never
 * their values) so that nothing anyone saved is overwritten unseen.
 */
export function merge<T extends object>(base: T, mine: T, theirs: T): T {
  const b = base as Record<string, unknown>;
  const m = mine as Record<string, unknown>;
  const t = theirs as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const clashes: string[] = [];
  for (const k of new Set([...Object.keys(t), ...Object.keys(m)])) {
    const value = same(m[k], b[k]) ? t[k] : same(t[k], b[k]) || same(t[k], m[k]) ? m[k] : (clashes.push(k), m[k]);
    if (value !== undefined) out[k] = value;
  }
  if (clashes.length > 0) {
    throw new IptError('conflict', `Changed elsewhere since it was read (${clashes.join(', ')}); look at the new version and save again`, clashes[0]);
  }
  return out as T;
}
