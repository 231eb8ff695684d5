/**
 * Helpers of the hostile-input tests: the canary every payload calls, a throwaway frame that shows
 * a payload does run where a page gets it wrong, a course that holds the corpus in every text
 * field, a survey of the elements and attributes the widgets' shadow roots hold, and mounting the
 * four widgets in <ipt-course>.
 */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { IptCourse, IptSessionCounter } from '../../src/index.js';
import type { CourseState } from '../../src/model/document.js';
import type { Change, IptStore } from '../../src/store/store.js';
import { log } from '../elements/helpers.js';
import { openSessions } from '../elements/counter-helpers.js';
import { LIMITS, PAYLOADS, type Context, type Payload } from './payloads.js';

// ---------------------------------------------------------------- the canary

/** The numbers of the payloads that ran in this page (see payloads.ts). */
export const fired: number[] = [];
(globalThis as unknown as { __pwn: (n: number) => void }).__pwn = (n) => void fired.push(n);

/**
 * Waits until what a payload shown so far would have started has had its chance to run: a control
 * started now that runs the way most of them do (an image whose request fails, its error event,
 * then a task for a timer the handler would start) has run. On a busy machine that takes longer,
 * and so does this wait (a fixed time did not). It proves no absence on its own: the widgets'
 * shadow roots are also checked for any element or attribute a payload could make (foreignIn).
 */
export async function afterEffects(): Promise<void> {
  const control = document.createElement('img');
  await new Promise((resolve) => {
    control.addEventListener('error', resolve, { once: true });
    control.src = 'x';
  });
  await new Promise((r) => setTimeout(r, 0));
}

// ---------------------------------------------------------------- proving a payload is live

const WRAP: Record<Context, (p: string) => string> = {
  html: (p) => `<div>${p}</div>`,
  attr: (p) => `<div title="${p}">x</div>`,
  sattr: (p) => `<div title='${p}'>x</div>`,
  url: () => `<a id="target">x</a>`,
  jsd: (p) => `<script>var s = "${p}";</script>`,
  jss: (p) => `<script>var s = '${p}';</script>`,
  style: (p) => `<style>p { color: ${p} }</style>`,
  textarea: (p) => `<textarea>${p}</textarea>`,
  title: (p) => `<title>${p}</title>`,
  comment: (p) => `<!-- ${p} -->`,
  noscript: (p) => `<noscript>${p}</noscript>`,
  xmp: (p) => `<xmp>${p}</xmp>`,
};

/** Payload number → what runs when that payload reports from its frame. */
const reported = new Map<number, () => void>();
(globalThis as unknown as { __live: (n: number) => void }).__live = (n) => reported.get(n)?.();

/**
 * Whether a payload runs when a page writes it into its context as markup: in a throwaway
 * same-origin frame whose `__pwn` reports here, then every element of it is hovered, focused and
 * clicked (links and form buttons followed). What a payload starts happens when it happens (an
 * image's error after its request failed, a followed link after the navigation task, a toggle
 * event in a task of its own), later still on a busy machine: this waits for the frame's load
 * event and then for the payload's own report, and gives up only after `within` ms.
 */
export async function runsInItsContext(p: Payload, within: number): Promise<boolean> {
  const context = p.runs!;
  let report!: () => void;
  const ran = new Promise<true>((resolve) => (report = () => resolve(true)));
  reported.set(p.n, report);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), within)));
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html><head><script>function __pwn(n){parent.__live(n)}</script></head><body>${WRAP[context](p.text)}</body></html>`;
  // The frame's own document, parsed, its images and frames loaded or failed (never the initial about:blank).
  const loaded = new Promise<'loaded'>((resolve) => frame.addEventListener('load', () => resolve('loaded'), { once: true }));
  document.body.append(frame);
  try {
    // A payload that runs while the document is parsed (a script) reports before the load event.
    const first = await Promise.race([loaded, ran, giveUp]);
    if (first !== 'loaded') return first;
    const doc = frame.contentDocument!;
    expect(doc.URL, `the frame of payload ${p.n} shows its own document`).to.equal('about:srcdoc');
    const win = frame.contentWindow as unknown as typeof globalThis;
    if (context === 'url') {
      const target = doc.getElementById('target')!;
      target.setAttribute('href', p.text);
      target.click();
    }
    for (const el of doc.querySelectorAll('*')) {
      el.dispatchEvent(new win.MouseEvent('mouseover', { bubbles: true }));
      // A page in the background gets no real focus (the runner runs two files at once): a focus event stands in.
      el.dispatchEvent(new win.FocusEvent('focus'));
      if (el instanceof win.HTMLElement) {
        el.focus();
        el.click();
      } else el.dispatchEvent(new win.MouseEvent('click', { bubbles: true }));
    }
    return await Promise.race([ran, giveUp]);
  } finally {
    clearTimeout(timer);
    reported.delete(p.n);
    frame.remove();
  }
}

// ---------------------------------------------------------------- a course holding the corpus

/** A text field of the model, its limit, and how to read it from a course's state. */
export interface TextField {
  name: string;
  limit: number;
  /** The stored values of this field, by payload index. */
  read(state: CourseState, i: number): string | undefined;
}

const at = <T extends { id: string }>(list: readonly T[], id: string) => list.find((r) => r.id === id);

export const PERSON_TEXTS = ['supportive', 'conflicted', 'expectations', 'wantedChange'] as const;
export const DISPUTE_TEXTS = ['issue', 'patientExpects', 'otherExpects', 'wantedChange', 'obstacles'] as const;

/** Every user-text field of every record (src/model/schemas.ts). The session has none. */
export const FIELDS: TextField[] = [
  { name: 'person.name', limit: LIMITS.short, read: (s, i) => at(s.people, `p${i}`)?.name },
  { name: 'person.relationship', limit: LIMITS.short, read: (s, i) => at(s.people, `p${i}`)?.relationship },
  ...PERSON_TEXTS.map((f) => ({ name: `person.${f}`, limit: LIMITS.long, read: (s: CourseState, i: number) => at(s.people, `p${i}`)?.[f] })),
  ...DISPUTE_TEXTS.map((f) => ({ name: `dispute.${f}`, limit: LIMITS.long, read: (s: CourseState, i: number) => at(s.disputes, `d${i}`)?.[f] })),
  { name: 'dispute.history.note', limit: LIMITS.long, read: (s, i) => at(s.disputes, `d${i}`)?.history[1]?.note },
  { name: 'goal.text', limit: LIMITS.goal, read: (s, i) => at(s.goals, `g${i}`)?.text },
  { name: 'measure.label', limit: LIMITS.short, read: (s, i) => at(s.measures, `m${i}`)?.label },
  { name: 'course.contract.history.reason', limit: LIMITS.long, read: (s, i) => s.course.contract.history[i]?.reason },
  { name: 'course.formulation.history.before', limit: LIMITS.long, read: (s, i) => s.course.formulation?.history[i]?.before },
  { name: 'course.formulation.history.after', limit: LIMITS.long, read: (s, i) => s.course.formulation?.history[i]?.after },
];
/** The course's own text fields: one value per course. */
export const COURSE_FIELDS: TextField[] = [
  // writeCorpus stores the patient as `Patient/<text>`.
  { name: 'course.patient', limit: LIMITS.patient - 'Patient/'.length, read: (s) => s.course.patient?.replace(/^Patient\//, '') },
  { name: 'course.authorization.reference', limit: LIMITS.short, read: (s) => s.course.authorization?.reference },
  { name: 'course.diagnosis.text', limit: 300, read: (s) => s.course.diagnosis?.text },
  { name: 'course.sickRole.note', limit: LIMITS.long, read: (s) => s.course.sickRole?.note },
  { name: 'course.formulation.text', limit: LIMITS.long, read: (s) => s.course.formulation?.text },
];

/** What the model keeps of a text: trimmed at the ends, nothing else. */
export const kept = (text: string) => text.trim();
/** Whether a text fits a field (the model counts UTF-16 code units, after trimming). */
export const fits = (text: string, limit: number) => kept(text).length > 0 && kept(text).length <= limit;
/** The text a field holds for payload i: the payload when it fits, else a plain stand-in. */
const or = (text: string, limit: number, i: number) => (fits(text, limit) ? text : `plain ${i}`);

/**
 * Writes a course holding `texts[i]` in every text field of record i (person p<i>, dispute d<i>
 * with that person, goal g<i>, measure m<i>, contract change i) through the store: one course, then
 * one transaction of puts, each validated by the store.
 */
export async function writeCorpus(store: IptStore, courseId: string, texts: readonly string[], courseText = texts[0] ?? 'plain'): Promise<void> {
  await store.createCourse({
    id: courseId,
    patient: `Patient/${kept(or(courseText, LIMITS.patient - 'Patient/'.length, 0))}`,
    focus: ['role-dispute'],
    contract: { sessions: 16, history: texts.map((t, i) => ({ date: '2026-01-05', from: 16, to: 16, reason: or(t, LIMITS.long, i) })) },
    authorization: { sessions: 12, start: '2026-01-01', end: '2026-12-31', reference: or(courseText, LIMITS.short, 0) },
    diagnosis: { text: or(courseText, 300, 0) },
    sickRole: { date: '2026-01-05', note: or(courseText, LIMITS.long, 0) },
    formulation: {
      text: or(courseText, LIMITS.long, 0),
      history: texts.map((t, i) => ({ date: '2026-01-05', before: or(t, LIMITS.long, i), after: or(t, LIMITS.long, i) })),
    },
  });
  const sessions = Array.from({ length: 4 }, (_, k) => ({ id: `s${k}`, date: `2026-01-0${5 + k}`, status: 'attended' as const }));
  const changes: Change[] = sessions.map((record) => ({ op: 'put', entity: 'session', record }));
  texts.forEach((t, i) => {
    const person = { id: `p${i}`, name: or(t, LIMITS.short, i), relationship: fits(t, LIMITS.short) ? t : '', ring: 1 + (i % 3) };
    changes.push({ op: 'put', entity: 'person', record: { ...person, ...Object.fromEntries(PERSON_TEXTS.map((f) => [f, t])) } });
    changes.push({
      op: 'put',
      entity: 'dispute',
      record: {
        id: `d${i}`,
        personId: `p${i}`,
        ...Object.fromEntries(DISPUTE_TEXTS.map((f) => [f, t])),
        stage: 'impasse',
        history: [
          { to: 'renegotiation', date: '2026-01-05' },
          { from: 'renegotiation', to: 'impasse', date: '2026-01-06', session: 2, note: t },
        ],
      } as never,
    });
    changes.push({ op: 'put', entity: 'goal', record: { id: `g${i}`, text: or(t, LIMITS.goal, i), area: 'role-dispute', order: i, set: '2026-01-05' } });
    const label = fits(t, LIMITS.short) ? { label: t } : {};
    changes.push({ op: 'put', entity: 'measure', record: { id: `m${i}`, instrument: 'other', score: i, date: '2026-01-05', sessionId: `s${i % 4}`, ...label } });
  });
  await store.apply(courseId, changes);
}

// ---------------------------------------------------------------- what the shadow roots hold

/** Elements a widget never renders: a payload's markup, had it been parsed. */
export const FOREIGN = new Set([
  'script', 'iframe', 'frame', 'object', 'embed', 'img', 'image', 'video', 'audio', 'source', 'math', 'mtext', 'mglyph', 'style', 'link', 'meta',
  'base', 'a', 'foreignobject', 'animate', 'set', 'use', 'marquee', 'template', 'noscript', 'xmp', 'x', 'xss', 'body', 'html', 'head', 'title',
  'portal', 'path',
]);
/** Attributes a widget never sets: where a URL or a style would be read, or a handler compiled. */
export const FOREIGN_ATTRIBUTES = /^(on.*|href|xlink:href|src|srcset|srcdoc|action|formaction|data|style|background|poster|autofocus|contenteditable)$/i;

/** Every element in a widget's shadow root (and any shadow root within). */
export function shadowElements(el: Element): Element[] {
  const out: Element[] = [];
  const walk = (root: ParentNode) => {
    for (const e of root.querySelectorAll('*')) {
      out.push(e);
      if (e.shadowRoot) walk(e.shadowRoot);
    }
  };
  if (el.shadowRoot) walk(el.shadowRoot);
  return out;
}

export interface Survey {
  tags: Set<string>;
  attributes: Set<string>;
  svgs: number;
}

/** The element names, attribute names and number of svg elements a widget's shadow root holds. */
export function survey(el: Element, into: Survey = { tags: new Set(), attributes: new Set(), svgs: 0 }): Survey {
  const all = shadowElements(el);
  for (const e of all) {
    into.tags.add(e.localName);
    for (const a of e.getAttributeNames()) into.attributes.add(a);
  }
  into.svgs = Math.max(into.svgs, all.filter((e) => e.localName === 'svg').length);
  return into;
}

/** What in a widget's shadow root could only have come from a payload's markup (empty when none). */
export function foreignIn(el: Element): string[] {
  const found: string[] = [];
  for (const e of shadowElements(el)) {
    if (FOREIGN.has(e.localName)) found.push(`<${e.localName}>`);
    for (const a of e.getAttributeNames()) if (FOREIGN_ATTRIBUTES.test(a)) found.push(`<${e.localName} ${a}>`);
    if (e.localName === 'svg' && e.parentElement?.localName !== 'figure') found.push('<svg> outside a figure');
  }
  return found;
}

// ---------------------------------------------------------------- mounting and reading the widgets

export const TEXTS = PAYLOADS.map((p) => p.text);
export const TODAY = '2026-06-01';
export const TAGS = ['ipt-session-counter', 'ipt-relationship-circle', 'ipt-dispute-tracker', 'ipt-goal-checklist', 'ipt-formulation'] as const;
export type Widget = LitElement & HTMLElement;

export const placed: Element[] = [];
afterEach(() => placed.splice(0).forEach((e) => e.remove()));
beforeEach(() => fired.splice(0));

/** Resolves once `n` more ipt-ready events have come (one event answers every waiter of log().next). */
export async function allReady(n: number): Promise<void> {
  const target = log().of('ipt-ready').length + n;
  await log().nextAll('ipt-ready', n);
  expect(log().of('ipt-ready').length, 'widgets ready').to.equal(target);
}

/** Mounts <ipt-course> with the four widgets on a store's course and waits until all four are ready. */
export async function placeCourse(store: IptStore, courseId: string): Promise<{ course: IptCourse; w: Record<(typeof TAGS)[number], Widget> }> {
  const course = document.createElement('ipt-course');
  course.setAttribute('course-id', courseId);
  course.setAttribute('today', TODAY);
  course.store = store;
  for (const t of TAGS) course.append(document.createElement(t));
  const ready = allReady(TAGS.length);
  document.body.append(course);
  placed.push(course);
  await ready;
  const w = Object.fromEntries(TAGS.map((t) => [t, course.querySelector(t) as Widget])) as Record<(typeof TAGS)[number], Widget>;
  await Promise.all(Object.values(w).map((x) => x.updateComplete));
  // Everything shows: the list of recorded sessions is made only once it is open.
  await openSessions(w['ipt-session-counter'] as IptSessionCounter);
  return { course, w };
}

export const rootText = (el: Element) => el.shadowRoot!.textContent ?? '';
/** Asserts that a (long) text holds a string, without printing the whole text on failure. */
export const contains = (text: string | null, part: string, message: string) => expect((text ?? '').includes(part), `${message}: ${JSON.stringify(part).slice(0, 200)} missing`).to.equal(true);
export const lacks = (text: string | null, part: string | undefined, message: string) => expect((text ?? '').includes(part!), `${message}: ${JSON.stringify(part).slice(0, 200)} shown`).to.equal(false);
export const settle = async (el: Widget) => {
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
};
/** The payloads (with their index) that a field of a given limit holds. */
export const holding = (limit: number) => PAYLOADS.filter((p) => fits(p.text, limit));
/** A failure message naming a payload. */
export const named = (i: number, where: string) => `payload ${i} (${PAYLOADS[i]!.what}) in ${where}`;

/** Asserts that none of the widgets holds an element or attribute a payload could have made. */
export function expectNothingForeign(widgets: Widget[], baseline?: Map<Widget, Survey>, seen?: Map<Widget, Survey>) {
  for (const w of widgets) {
    expect(foreignIn(w), `${w.localName} holds markup from a payload`).to.deep.equal([]);
    const s = survey(w, seen?.get(w));
    seen?.set(w, s);
    const base = baseline?.get(w);
    if (!base) continue;
    expect([...s.tags].filter((t) => !base.tags.has(t)), `${w.localName}: elements a benign course never shows`).to.deep.equal([]);
    expect([...s.attributes].filter((a) => !base.attributes.has(a)), `${w.localName}: attributes a benign course never has`).to.deep.equal([]);
    expect(s.svgs, `${w.localName}: svg elements`).to.be.at.most(base.svgs);
  }
}
