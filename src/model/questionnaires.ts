import type { Instrument, Measure } from './schemas.js';

/** The instruments answered item by item (`<ipt-questionnaire instrument>`). */
export const QUESTIONNAIRES = ['PHQ-9', 'GAD-7', 'EPDS'] as const;
export type Questionnaire = (typeof QUESTIONNAIRES)[number];

/** How an instrument is scored: its items, the points of each answer, its safety item, its rule for missing items. */
export interface QuestionnaireSpec {
  /** Per item, the points of each answer in the order the published form lists them. */
  points: ReadonlyArray<readonly number[]>;
  /** The index of the item whose answer above 0 must reach the clinician, whatever the total. */
  safety?: number;
  /** Whether the form asks how difficult the problems made daily life (kept apart from the total). */
  difficulty: boolean;
  /** The most items that may be missing for a total to be given (see scoreItems). */
  maxMissing: number;
}

const UP = [0, 1, 2, 3] as const;
const DOWN = [3, 2, 1, 0] as const;

/**
 * PHQ-9 (Kroenke, Spitzer and Williams 2001): nine items 0-3, total 0-27; the functional-difficulty
 * question is not scored. Missing items: "If one or two values are missing from the score, then
 * they can be substituted with the average score of the non-missing items. Questionnaires with more
 * than two missing values should be disregarded" (NHS Data Dictionary, Patient Health
 * Questionnaire-9). GAD-7 (Spitzer, Kroenke, Williams and Löwe 2006): seven items 0-3, total 0-21;
 * no published rule for missing items was found, so a total needs every item. EPDS (Cox, Holden and
 * Sagovsky 1987): ten items 0-3, total 0-30, items 3 and 5-10 listed from 3 down to 0 (reverse
 * scored); no published rule for missing items, so a total needs every item.
 */
export const QUESTIONNAIRE_SPECS: Record<Questionnaire, QuestionnaireSpec> = {
  'PHQ-9': { points: Array(9).fill(UP), safety: 8, difficulty: true, maxMissing: 2 },
  'GAD-7': { points: Array(7).fill(UP), difficulty: true, maxMissing: 0 },
  EPDS: { points: [UP, UP, DOWN, UP, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN], safety: 9, difficulty: false, maxMissing: 0 },
};

export const isQuestionnaire = (i: Instrument | string): i is Questionnaire => (QUESTIONNAIRES as readonly string[]).includes(i);

/** An answer: the points of the option chosen, or null when the item was not answered. */
export type ItemAnswer = number | null;

export interface ItemScore {
  /** The total by the instrument's rule; undefined when too many items are missing for one. */
  total: number | undefined;
  answered: number;
  missing: number;
  /** True when missing items were filled with the mean of the answered ones. */
  prorated: boolean;
}

/**
 * The total of an administration by the instrument's published rule. Items hold points (0-3), not
 * option positions: EPDS's reverse scoring lies in QUESTIONNAIRE_SPECS' points, applied when an
 * option is chosen. With missing items within the rule (PHQ-9: one or two), each is given the mean
 * of the answered items: the total is the sum times items / answered, rounded half up.
 */
export function scoreItems(instrument: Questionnaire, items: readonly ItemAnswer[]): ItemScore {
  const spec = QUESTIONNAIRE_SPECS[instrument];
  const n = spec.points.length;
  const given = items.slice(0, n).filter((x): x is number => typeof x === 'number');
  const answered = given.length;
  const missing = n - answered;
  const sum = given.reduce((a, b) => a + b, 0);
  if (missing === 0) return { total: sum, answered, missing, prorated: false };
  if (missing > spec.maxMissing || answered === 0) return { total: undefined, answered, missing, prorated: false };
  return { total: Math.round((sum * n) / answered), answered, missing, prorated: true };
}

/** True when the items are a valid administration of the instrument: the right count, each null or one of its item's points. */
export function validItems(instrument: Instrument, items: readonly unknown[]): boolean {
  if (!isQuestionnaire(instrument)) return false;
  const { points } = QUESTIONNAIRE_SPECS[instrument];
  return items.length === points.length && items.every((x, i) => x === null || points[i]!.includes(x as number));
}

/** The safety item's answer of a measure taken item by item (PHQ-9 item 9, EPDS item 10), when it was answered. */
export function safetyAnswer(m: Pick<Measure, 'instrument' | 'items'>): number | undefined {
  const at = isQuestionnaire(m.instrument) ? QUESTIONNAIRE_SPECS[m.instrument].safety : undefined;
  const x = at === undefined ? undefined : m.items?.[at];
  return typeof x === 'number' ? x : undefined;
}

/** True when a measure's safety item was answered above 0: the clinician must see it, whatever the total. */
export const raisesRisk = (m: Pick<Measure, 'instrument' | 'items'>): boolean => (safetyAnswer(m) ?? 0) > 0;

/** The measures whose safety alert no clinician has acknowledged yet, newest first. */
export function openRisks(measures: readonly Measure[]): Measure[] {
  return measures.filter((m) => raisesRisk(m) && !m.acknowledged).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** A patient's answers before Send, kept over a reload: each item's points or null (the difficulty question last, when asked), and the question shown. */
export interface QuestionnaireDraft {
  answers: ItemAnswer[];
  step: number;
}

/**
 * A stored draft read back for `q`, or undefined when it does not fit the instrument: as many
 * answers as it has questions, each one of that question's points or null, and a step among them.
 */
export function draftOf(q: Questionnaire, value: unknown): QuestionnaireDraft | undefined {
  const spec = QUESTIONNAIRE_SPECS[q];
  const allowed = spec.difficulty ? [...spec.points, UP] : spec.points;
  const d = value as Partial<QuestionnaireDraft> | undefined;
  const answers = d?.answers;
  const fits =
    Array.isArray(answers) &&
    answers.length === allowed.length &&
    answers.every((a, i) => a === null || allowed[i]!.includes(a as number)) &&
    Number.isInteger(d!.step) &&
    d!.step! >= 0 &&
    d!.step! < allowed.length;
  return fits ? { answers: [...answers], step: d!.step! } : undefined;
}
