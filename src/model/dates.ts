import { IptError } from './errors.js';
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
  const visit = session.status !== 'cancelled';
  if (visit && session.date > today) {
    throw new IptError('invalid-input', 'Invalid date: an attended or missed session cannot be dated after today', 'date');
  }
  const questions: DateQuestion[] = [];
  if (course.start && session.date < course.start) questions.push('before-start');
  if (visit && sessions.some((s) => s.id !== session.id && s.date === session.date && s.status !== 'cancelled')) questions.push('same-day');
  return questions;
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
