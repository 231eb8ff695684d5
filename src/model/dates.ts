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
