import { IptError, NOT_A_DATE } from './errors.js';
import { isIsoDate } from './primitives.js';
import type { Course, Session } from './schemas.js';

/**
 * What a clinician is asked to confirm about a session's date: that it lies before the course's
 * start, or that another visit is already recorded on that date (either inflates the count and
 * the authorization's use when it is a mistake, and either can be true).
 */
export type DateQuestion = 'before-start' | 'same-day';

/**
 * Checks the date of a session about to be recorded or corrected, against the course and its
 * other sessions, on `today`. Throws `invalid-input` for an attended or missed session dated
 * after today (a cancellation may be entered ahead). Returns what must be confirmed first.
 */
export function sessionDateQuestions(course: Course, sessions: readonly Session[], session: Session, today: string): DateQuestion[] {
  realDate(session.date);
  const visit = session.status !== 'cancelled';
  if (visit && session.date > today) {
    throw new IptError('invalid-input', 'Invalid date: an attended or missed session cannot be dated after today', 'date');
  }
  const questions: DateQuestion[] = [];
  if (course.start && session.date < course.start) questions.push('before-start');
  if (visit && sessions.some((s) => s.id !== session.id && s.date === session.date && s.status !== 'cancelled')) questions.push('same-day');
  return questions;
}

/** Throws `invalid-input` (the rule `date`) for a value that is not a real YYYY-MM-DD date, before it is compared with another. */
export function realDate(date: string, field = 'date'): void {
  if (!isIsoDate(date)) throw new IptError('invalid-input', `Invalid date: ${field} ${NOT_A_DATE}`, field, { rule: { kind: 'date' } });
}

/** The order of day, month and year in which a language writes a date: `dmy` (5/1/2026 in Spanish), `mdy`, `ymd`. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/**
 * A date as a person types it in a language's order ("5/1/2026", "05-01-2026", "5.1.2026"), or as
 * YYYY-MM-DD, written as YYYY-MM-DD; undefined when it is not a real date so written (a year of
 * two digits is not guessed).
 */
export function parseTypedDate(text: string, order: DateOrder): string | undefined {
  const typed = text.trim();
  if (isIsoDate(typed)) return typed;
  const parts = typed.split(/\s*[/.\-\s]\s*/);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,4}$/.test(p))) return undefined;
  const [d, m, y] = ['d', 'm', 'y'].map((c) => parts[order.indexOf(c)]!);
  if (y.length !== 4 || d.length > 2 || m.length > 2) return undefined;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** A YYYY-MM-DD date as a language's date field shows it (`05/01/2026` in `dmy`); anything else as it is. */
export function typedDate(iso: string, order: DateOrder): string {
  if (!isIsoDate(iso)) return iso;
  const [y, m, d] = iso.split('-') as [string, string, string];
  return inOrder({ d, m, y }, order);
}

/** Day, month and year written in `order`: with slashes, or hyphens for `ymd`. Also the hint of a date field ("dd/mm/aaaa"). */
export function inOrder(parts: Readonly<Record<'d' | 'm' | 'y', string>>, order: DateOrder): string {
  return [...order].map((c) => parts[c as 'd']).join(order === 'ymd' ? '-' : '/');
}

/** Days between sessions at each cadence (the acute course of IPT is weekly). */
const CADENCE_DAYS = { weekly: 7, biweekly: 14, monthly: 30 } as const;

/** An ISO date `days` later (UTC calendar arithmetic: no time zone can shift it). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The date the next session is expected: a cadence after the latest visit held (attended or
 * missed; a cancellation is rescheduled), weekly in the acute course and at the maintenance
 * contract's cadence once it has started; the course's start when no visit is held yet. Undefined
 * when there is nothing to go by.
 */
export function nextSessionDate(course: Course, sessions: readonly Session[]): string | undefined {
  const held = sessions.filter((s) => s.status !== 'cancelled').reduce((d, s) => (s.date > d ? s.date : d), '');
  if (!held) return course.start;
  const m = course.maintenance;
  return addDays(held, m && held >= m.start ? CADENCE_DAYS[m.cadence] : CADENCE_DAYS.weekly);
}
