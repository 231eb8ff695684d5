import type { Course, Dispute, Formulation, Person, ProblemArea } from './schemas.js';

/** Why the inventory suggests an area: a death, an open dispute or a change near the onset, or few people in little contact. */
export type SuggestionReason = 'death-near-onset' | 'open-dispute' | 'changed-near-onset' | 'isolated';

export interface FocusSuggestion {
  area: ProblemArea;
  reason: SuggestionReason;
  /** The people of the inventory behind it (none for `isolated`). */
  people: string[];
}

/** Contact this often or more is regular contact. */
const REGULAR = new Set(['daily', 'weekly']);
/** At most this many living people in the inventory counts as few. */
export const FEW_PEOPLE = 3;

const died = (p: Person) => p.deceased && p.changedNearOnset === true;

/**
 * The problem areas the interpersonal inventory suggests, each with its reason (IPT.md): a person
 * who died near the onset suggests grief; an open dispute suggests role dispute; a relationship
 * that changed near the onset suggests role transition; few people (at most FEW_PEOPLE living) none
 * of whom is in touch weekly or more suggest interpersonal deficits. Only suggestions: the
 * clinician chooses. Nothing before the inventory holds anyone.
 */
export function focusSuggestions(people: readonly Person[], disputes: readonly Dispute[]): FocusSuggestion[] {
  const out: FocusSuggestion[] = [];
  const add = (area: ProblemArea, reason: SuggestionReason, who: readonly Person[] | string[]) => {
    const ids = who.map((p) => (typeof p === 'string' ? p : p.id));
    if (ids.length || reason === 'isolated') out.push({ area, reason, people: ids });
  };
  add('grief', 'death-near-onset', people.filter(died));
  add('role-dispute', 'open-dispute', [...new Set(disputes.filter((d) => !d.outcome).map((d) => d.personId))]);
  add('role-transition', 'changed-near-onset', people.filter((p) => !p.deceased && p.changedNearOnset === true));
  const living = people.filter((p) => !p.deceased);
  if (people.length > 0 && living.length <= FEW_PEOPLE && !living.some((p) => p.contact && REGULAR.has(p.contact))) add('interpersonal-deficits', 'isolated', []);
  return out;
}

/** Why choosing interpersonal deficits asks the clinician to confirm: with another area, or while a person died near the onset. */
export type DeficitsWarning = 'with-other-area' | 'death-near-onset';

/**
 * The manual's rule: interpersonal deficits only when no other area applies (the "hidden grief"
 * trap). The reasons a focus that holds it goes against the rule; none when it does not.
 */
export function deficitsWarnings(focus: readonly ProblemArea[], people: readonly Person[]): DeficitsWarning[] {
  if (!focus.includes('interpersonal-deficits')) return [];
  return [...(focus.length > 1 ? (['with-other-area'] as const) : []), ...(people.some(died) ? (['death-near-onset'] as const) : [])];
}

/**
 * The formulation with a new text and agreement date. A changed text is kept in the history
 * (date, before, after), as the contract keeps its renegotiations. Pure; the caller stores it.
 */
export function reviseFormulation(was: Formulation | undefined, text: string, agreed: string | undefined, date: string): Formulation {
  const history = was ? [...was.history, ...(was.text.trim() !== text.trim() ? [{ date, before: was.text, after: text }] : [])] : [];
  return { text, ...(agreed ? { agreed } : {}), history };
}

/**
 * Whether the patient's agreement covers the formulation as it reads now: agreed, and not changed
 * after the day of the agreement.
 */
export function formulationAgreed(f: Formulation | undefined): boolean {
  if (!f?.agreed) return false;
  const last = f.history[f.history.length - 1];
  return !last || last.date <= f.agreed;
}

/** What the initial phase still lacks before the middle phase: an agreed focus and formulation. */
export function initialPhaseGaps(course: Pick<Course, 'focus' | 'formulation'>): Array<'focus' | 'formulation'> {
  return [...(course.focus.length ? [] : (['focus'] as const)), ...(formulationAgreed(course.formulation) ? [] : (['formulation'] as const))];
}
