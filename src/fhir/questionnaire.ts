/**
 * A measure taken item by item, in its Observation and back. The Observation is the instrument's
 * LOINC panel (its value stays the total); each item is a component coded with its LOINC item code
 * and valued with its LOINC answer, an item not answered a component with a data-absent reason;
 * PHQ-9's difficulty question is a component of its own (not scored), and so is the total, under
 * its total-score code. What has no verified LOINC
 * code (EPDS's items, GAD-7's difficulty) goes in the `items` extension, and the acknowledgement of
 * a safety alert in the `acknowledged` extension. codes.ts says where each code was verified.
 * The administration itself is also a QuestionnaireResponse, which the Observation names in
 * `derivedFrom`; the import reads the measure from the Observation and checks the response agrees.
 * @module
 */
import { isQuestionnaire, same, type Measure, type Questionnaire } from '../model/index.js';
import {
  DATA_ABSENT_REASON_SYSTEM,
  EXTENSIONS,
  FHIR_INSTANT,
  LOINC,
  LOINC_DIFFICULTY,
  LOINC_CODES,
  LOINC_DIFFICULTY_ANSWERS,
  LOINC_FREQUENCY_ANSWERS,
  LOINC_ITEMS,
  UCUM,
  questionnaireUrl,
} from './codes.js';
import { isFhirReference } from './patient.js';
import { codeIn, compact, extensionsOf, invalidEntry, isRec, list, rec, str, valueAt, type Entry, type Rec } from './read.js';
import type { FhirExtension } from './types.js';

const questionnaire = (instrument: unknown): Questionnaire | undefined => (typeof instrument === 'string' && isQuestionnaire(instrument) ? instrument : undefined);
const loinc = (code: string) => ({ coding: [{ system: LOINC, code }] });
/** A total score as FHIR: a Quantity of UCUM `{score}`. */
export const totalQuantity = (score: number) => ({ value: score, unit: 'score', system: UCUM, code: '{score}' });
/** An item not answered. */
const NOT_ANSWERED = { coding: [{ system: DATA_ABSENT_REASON_SYSTEM, code: 'unknown' }] };

/** The components of a measure's Observation: its items and its difficulty where they have verified LOINC codes. */
export function measureComponents(m: Measure): Rec[] {
  const q = questionnaire(m.instrument);
  const codes = q && LOINC_ITEMS[q];
  const difficulty = q && LOINC_DIFFICULTY[q];
  return [
    ...(codes && m.items
      ? m.items.map((x, i) => ({ code: loinc(codes[i]!), ...(x === null ? { dataAbsentReason: NOT_ANSWERED } : { valueCodeableConcept: loinc(LOINC_FREQUENCY_ANSWERS[x]!) }) }))
      : []),
    ...(difficulty && m.difficulty !== undefined ? [{ code: loinc(difficulty), valueCodeableConcept: loinc(LOINC_DIFFICULTY_ANSWERS[m.difficulty]!) }] : []),
    // The panel's value is the total; its total-score code stays findable as a component too.
    ...(q && m.items ? [{ code: loinc(LOINC_CODES[q]!), valueQuantity: totalQuantity(m.score) }] : []),
  ];
}

/** The extensions of a measure's Observation: what has no verified LOINC code, and the acknowledgement. */
export function measureExtensions(m: Measure): FhirExtension[] {
  const q = questionnaire(m.instrument);
  const uncoded = [
    ...(m.items && !(q && LOINC_ITEMS[q]) ? m.items.map((x) => (x === null ? { url: 'item', valueCode: 'unanswered' } : { url: 'item', valueInteger: x })) : []),
    ...(m.difficulty !== undefined && !(q && LOINC_DIFFICULTY[q]) ? [{ url: 'difficulty', valueInteger: m.difficulty }] : []),
  ];
  const ack = m.acknowledged;
  return [
    ...(m.version !== undefined ? [{ url: EXTENSIONS.hamdVersion, valueInteger: m.version }] : []),
    ...(uncoded.length > 0 ? [{ url: EXTENSIONS.items, extension: uncoded }] : []),
    ...(ack
      ? [
          {
            url: EXTENSIONS.acknowledged,
            extension: [
              FHIR_INSTANT.test(ack.at) ? { url: 'at', valueDateTime: ack.at } : { url: 'at', valueString: ack.at },
              ...(ack.by ? [{ url: 'by', valueReference: isFhirReference(ack.by) ? { reference: ack.by } : { display: ack.by } }] : []),
            ],
          },
        ]
      : []),
  ];
}

/**
 * The answer of a component: the index of its LOINC answer among `answers`, its points
 * (valueInteger), or null for a data-absent reason. Refuses any other.
 */
function answerOf(e: Entry, component: Rec, path: string, answers: readonly string[]): number | null {
  if (component.valueCodeableConcept !== undefined) {
    const at = answers.indexOf(str(codeIn(component.valueCodeableConcept, LOINC)) ?? '');
    if (at < 0) throw invalidEntry(e, 'has an item component whose answer is not a LOINC answer of that item', `${path}.valueCodeableConcept`);
    return at;
  }
  if (component.valueInteger !== undefined) {
    if (!Number.isInteger(component.valueInteger)) throw invalidEntry(e, 'has an item component whose points are not a whole number', `${path}.valueInteger`);
    return component.valueInteger as number;
  }
  if (isRec(component.dataAbsentReason) && Object.keys(component).every((k) => k === 'code' || k === 'dataAbsentReason')) return null;
  throw invalidEntry(e, 'has an item component with no LOINC answer, points or data-absent reason', path);
}

/**
 * A measure's items, difficulty and acknowledgement from its Observation. Refuses, naming the
 * element: a component that is not an item (or the difficulty question) of the instrument, one item
 * twice, an answer that is not one of the item's, items or a difficulty given both as components
 * and in the extension, and a repeated extension. Whether the values fit the instrument is the
 * document's validation.
 */
export function readMeasureItems(e: Entry, instrument: unknown): Rec {
  const r = e.resource;
  const q = questionnaire(instrument);
  const codes = (q && LOINC_ITEMS[q]) || [];
  const difficultyCode = q && LOINC_DIFFICULTY[q];
  const given: Array<number | null | undefined> = codes.map(() => undefined);
  let fromComponents = false;
  let difficulty: number | null | undefined;
  let total = false;
  list(r.component).forEach((c, i) => {
    const component = rec(c);
    const path = `component.${i}`;
    const code = str(codeIn(component.code, LOINC)) ?? '';
    const at = codes.indexOf(code);
    if (at >= 0) {
      if (given[at] !== undefined) throw invalidEntry(e, 'has two components for one item', path);
      given[at] = answerOf(e, component, path, LOINC_FREQUENCY_ANSWERS);
      fromComponents = true;
    } else if (q && code === LOINC_CODES[q]) {
      if (total) throw invalidEntry(e, 'has two components for the total', path);
      total = true;
      if (rec(component.valueQuantity).value !== rec(r.valueQuantity).value) throw invalidEntry(e, 'has a total component that is not its value', `${path}.valueQuantity`);
    } else if (difficultyCode !== undefined && code === difficultyCode) {
      if (difficulty !== undefined) throw invalidEntry(e, 'has two components for the difficulty question', path);
      difficulty = answerOf(e, component, path, LOINC_DIFFICULTY_ANSWERS);
      if (difficulty === null) throw invalidEntry(e, 'has a difficulty component with no answer', path);
    } else {
      throw invalidEntry(e, `has a component that is not an item of ${q ?? 'its instrument'} (by its LOINC code)`, `${path}.code`);
    }
  });

  const uncoded = extensionsOf(r, EXTENSIONS.items);
  const acknowledged = extensionsOf(r, EXTENSIONS.acknowledged);
  if (uncoded.length > 1 || acknowledged.length > 1) throw invalidEntry(e, 'repeats the items or acknowledged extension', 'extension');
  const inExtension = extensionsOf(uncoded[0], 'item').map((x) => (x.valueCode === 'unanswered' ? null : x.valueInteger));
  const difficultyInExtension = valueAt(uncoded[0], 'difficulty');
  if ((fromComponents && inExtension.length > 0) || (difficulty !== undefined && difficultyInExtension !== undefined)) {
    throw invalidEntry(e, 'gives items or a difficulty both as components and in the items extension', 'extension');
  }
  const ack = acknowledged[0];
  const by = rec(valueAt(ack, 'by'));
  return compact({
    items: fromComponents ? given.map((x) => x ?? null) : inExtension.length > 0 ? inExtension : undefined,
    difficulty: difficulty ?? difficultyInExtension,
    acknowledged: ack ? compact({ at: valueAt(ack, 'at'), by: by.reference ?? by.display }) : undefined,
  });
}

/** Where an Observation's acknowledgement names the practitioner: a reference the bundle need not hold (the host's). */
export function acknowledgerPaths(e: Entry): Set<string> {
  return new Set(
    list(e.resource.extension).flatMap((x, i) =>
      isRec(x) && x.url === EXTENSIONS.acknowledged ? list(x.extension).flatMap((part, j) => (rec(part).url === 'by' ? [`extension.${i}.extension.${j}.valueReference.reference`] : [])) : [],
    ),
  );
}

/**
 * The answers of a measure taken item by item, as QuestionnaireResponse items (an item not answered
 * has none). PHQ-9 and GAD-7: linked by `/<LOINC item code>`, answered with the item's LOINC answer,
 * and PHQ-9's difficulty question too; EPDS: linked by the item's number, answered with its points.
 */
function responseItems(q: Questionnaire, items: ReadonlyArray<number | null>, difficulty: unknown): Rec[] {
  const codes = LOINC_ITEMS[q];
  const answered = (linkId: string, value: Rec) => [{ linkId, answer: [value] }];
  const coded = (code: string) => ({ valueCoding: { system: LOINC, code } });
  const difficultyCode = LOINC_DIFFICULTY[q];
  return [
    ...items.flatMap((x, i) => (x === null ? [] : codes ? answered(`/${codes[i]}`, coded(LOINC_FREQUENCY_ANSWERS[x]!)) : answered(String(i + 1), { valueInteger: x }))),
    ...(difficultyCode && typeof difficulty === 'number' ? answered(`/${difficultyCode}`, coded(LOINC_DIFFICULTY_ANSWERS[difficulty]!)) : []),
  ];
}

/** The QuestionnaireResponse of a measure taken item by item (undefined for any other): completed, authored on its date. */
export function responseParts(m: Measure, subject: Rec, encounter: Rec | undefined): Rec | undefined {
  const q = questionnaire(m.instrument);
  if (!q || !m.items) return undefined;
  return { questionnaire: questionnaireUrl(q), status: 'completed', ...subject, ...(encounter ? { encounter } : {}), authored: m.date, item: responseItems(q, m.items, m.difficulty) };
}

/**
 * Checks that the QuestionnaireResponse a measure's Observation names (`derivedFrom`) is its own and
 * agrees with the measure read from the Observation: the same questionnaire, status completed, the
 * same date, session and answers. Refuses, naming the element, anything else.
 */
export function checkResponse(e: Entry, measure: Rec, response: Entry, sessionOf: (reference: unknown) => string | undefined): void {
  const q = questionnaire(measure.instrument);
  const r = response.resource;
  const items = measure.items;
  if (!q || !Array.isArray(items)) throw invalidEntry(e, 'names a QuestionnaireResponse but is not a questionnaire taken item by item', 'derivedFrom.0');
  const disagree = (what: string, path: string) => invalidEntry(response, `does not agree with its measure's Observation: ${what}`, path);
  if (r.questionnaire !== questionnaireUrl(q)) throw disagree(`it must answer ${questionnaireUrl(q)}`, 'questionnaire');
  if (r.status !== 'completed') throw disagree('its status must be completed', 'status');
  if (r.authored !== measure.date) throw disagree('another date', 'authored');
  if (sessionOf(rec(r.encounter).reference) !== measure.sessionId) throw disagree('another session', 'encounter');
  if (!same(list(r.item), responseItems(q, items as Array<number | null>, measure.difficulty))) throw disagree('other answers', 'item');
}
