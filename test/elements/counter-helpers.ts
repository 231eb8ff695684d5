/**
 * Helpers for the <ipt-session-counter> browser tests: mounting, its forms. The generic ones
 * (stores, event log, seeded courses, keyboard) are in helpers.ts.
 */
import type { IptSessionCounter, IptStore, Measure, Session } from '../../src/index.js';
import { $, $$, log, mountElement, textOf, type Match } from './helpers.js';

export * from './helpers.js';

// ---------------------------------------------------------------- mounting

export interface CounterMountOptions {
  store?: IptStore;
  courseId?: string | null;
  database?: string;
  readonly?: boolean;
  planned?: string;
  today?: string | null;
  ready?: boolean;
}

/** Mounts an <ipt-session-counter> (see mountElement). */
export function mount(o: CounterMountOptions = {}): Promise<IptSessionCounter> {
  return mountElement('ipt-session-counter', { ...o, ...(o.planned !== undefined ? { attrs: { 'planned-sessions': o.planned } } : {}) });
}

// ---------------------------------------------------------------- the counter's parts

/** Opens the list of recorded sessions (its rows are made once it is open: after its toggle event). */
export async function openSessions(el: IptSessionCounter): Promise<void> {
  const details = $<HTMLDetailsElement>(el, 'details.sessions')!;
  if (details.open) return;
  const toggled = new Promise((resolve) => details.addEventListener('toggle', resolve, { once: true }));
  details.open = true;
  await toggled;
  await el.updateComplete;
}

export const heading = (el: Element) => textOf($(el, 'header[part="summary"] h2'));
export const badge = (el: Element) => textOf($(el, 'header[part="summary"] .badge'));
export const FORMS = {
  start: 'form[aria-labelledby="start-title"]',
  record: 'form[aria-labelledby="record-title"]',
  edit: 'tr.editing form',
  authorization: 'section[part="authorization"] form',
  contract: 'section[aria-labelledby="contract-title"] form',
  maintenance: 'section[aria-labelledby="maint-title"] form',
} as const;

export function field<T extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(el: Element, form: keyof typeof FORMS, name: string): T {
  const f = $<T>(el, `${FORMS[form]} [name="${name}"]`);
  if (!f) throw new Error(`no field ${name} in the ${form} form`);
  return f;
}

/** A field of one of the forms. */
export const fieldIn = (form: keyof typeof FORMS, name: string): Match => (e) => e.matches(`[name="${name}"]`) && !!e.closest(FORMS[form]);

/** Ticks (or unticks) an instrument in a form's measures (the record form by default), which then offers its score field. */
export async function pickInstrument(el: IptSessionCounter, instrument: Measure['instrument'], on = true, form: keyof typeof FORMS = 'record'): Promise<void> {
  const box = field(el, form, `take-${instrument}`);
  box.checked = on;
  box.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** The instruments ticked in a form's measures. */
export const ticked = (el: IptSessionCounter, form: keyof typeof FORMS = 'record') =>
  $$<HTMLInputElement>(el, `${FORMS[form]} input[name^="take-"]`).filter((b) => b.checked).map((b) => b.name.slice(5));

/** Fills the record form without the keyboard and submits it as a user would (with validation). */
export async function recordViaForm(
  el: IptSessionCounter,
  date: string,
  status: Session['status'] = 'attended',
  measure?: [Measure['instrument'], number],
): Promise<CustomEvent> {
  field(el, 'record', 'date').value = date;
  field<HTMLSelectElement>(el, 'record', 'status').value = status;
  // Exactly the instrument given is ticked (the form may offer the last visit's).
  for (const i of ticked(el)) await pickInstrument(el, i as Measure['instrument'], false);
  if (measure) {
    await pickInstrument(el, measure[0]);
    field(el, 'record', `score-${measure[0]}`).value = String(measure[1]);
  }
  const logged = log().next('ipt-session-logged');
  $<HTMLFormElement>(el, FORMS.record)!.requestSubmit();
  const e = await logged;
  await el.updateComplete;
  return e;
}

