import * as v from 'valibot';
import { NOT_A_DATE } from './errors.js';

/** Longest free text a single field accepts (characters). */
export const LONG_TEXT = 4000;
/** Longest short text (a name, a relationship, a label). */
export const SHORT_TEXT = 120;

/**
 * An identifier chosen by the SDK or the host: 1 to 128 characters of letters,
 * digits and `. _ : -`. Ids end up in IndexedDB keys and event details, so they
 * must never carry free text typed by a user.
 */
export const id = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(128, 'must be at most 128 characters'),
  v.regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
);

/** True when `value` is a valid id. */
export const isId = (value: unknown): value is string => v.is(id, value);

/** True when `value` is a literal reference to a FHIR Patient, `Patient/<id>` (R4's id rule): what the sync and a widget's `patient` take. */
export const isPatientReference = (value: unknown): value is string => typeof value === 'string' && /^Patient\/[A-Za-z0-9.-]{1,64}$/.test(value);

/** True when `value` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999 (0001-01-01 is a real date).
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date, YYYY-MM-DD, that exists (no 2026-02-30). */
export const isoDate = v.pipe(v.string(), v.check(isIsoDate, NOT_A_DATE));

/** Today's date in the local time zone, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Free text: trimmed, at most `max` characters, may be empty. */
export const text = (max = LONG_TEXT) => v.pipe(v.string(), v.trim(), v.maxLength(max, `must be at most ${max} characters`));

/** Free text that must hold something once trimmed. */
export const requiredText = (max = SHORT_TEXT) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

/** A whole number from `min` to `max`. */
export const int = (min: number, max: number) =>
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`));

/** A finite number. */
export const finite = v.pipe(v.number('must be a number'), v.finite('must be a finite number'));

/** A new random identifier. */
export function newId(): string {
  return crypto.randomUUID();
}
