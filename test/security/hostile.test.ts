/**
 * Issue 9, hostile input: a corpus of markup and script payloads (payloads.ts) through every text
 * field of every record, stored and shown by the four widgets, and typed into their forms. Nothing
 * runs (each payload that runs calls the canary __pwn) and every text is shown as text. Attributes,
 * export and import: hostile-io.test.ts.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { type CourseState } from '../../src/index.js';
import { diskStore, log, memoryStore, patience, type EventType } from '../elements/helpers.js';
import { uniqueDb } from '../fixtures.js';
import {
  afterEffects, contains, DISPUTE_TEXTS, expectNothingForeign, FIELDS, fired, fits, foreignIn, holding, kept, lacks, named, PERSON_TEXTS,
  placeCourse, placed, rootText, runsInItsContext, settle, TEXTS, writeCorpus, type Survey, type Widget,
} from './hostile-helpers.js';
import { fill, LIMITS, overLimit, PAYLOADS } from './payloads.js';

/** What a form field holds for a stored text: a text area (used for text with line breaks) normalizes them to \n. */
const inField = (text: string) => text.replace(/\r\n?/g, '\n');

describe('hostile input: the corpus', () => {
  it('holds over 100 distinct attack shapes, not one payload with a counter', () => {
    expect(PAYLOADS.length).to.be.at.least(100);
    expect(new Set(TEXTS).size).to.equal(PAYLOADS.length);
    // With the canary numbers taken out, the shapes still differ.
    expect(new Set(TEXTS.map((t) => t.replace(/\d+/g, '#'))).size).to.be.at.least(100);
    const kinds = (re: RegExp) => TEXTS.filter((t) => re.test(t)).length;
    expect(kinds(/<script/i), 'script tags').to.be.at.least(10);
    expect(kinds(/\son\w+\s*=/i), 'event handlers').to.be.at.least(30);
    expect(kinds(/javascript:/i), 'javascript: URLs').to.be.at.least(10);
    expect(kinds(/<svg/i), 'SVG').to.be.at.least(10);
    expect(kinds(/[\u202A-\u202E\u2066-\u2069]/), 'bidi overrides').to.be.at.least(5);
    expect(kinds(/\u0000/), 'NUL').to.be.at.least(3);
    expect(kinds(/[\u200B-\u200D\u2060\uFEFF]/), 'zero-width').to.be.at.least(2);
    expect(kinds(/lit\$/), 'Lit markers').to.be.at.least(3);
    expect(TEXTS.filter((t) => t.length >= 4000).length, 'strings at the longest limit').to.be.at.least(4);
  });

  it('is seen by the checks: parsed into a shadow root, payloads make foreign markup and fire the canary', async () => {
    const host = document.createElement('div');
    placed.push(host);
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<section>${PAYLOADS[10]!.text}${PAYLOADS[46]!.text}<p title='${PAYLOADS[84]!.text}'></p></section>`;
    expect(foreignIn(host)).to.include.members(['<img>', '<img src>', '<img onerror>', '<svg> outside a figure', '<svg onload>']);
    // Both run once their image's request has failed: wait for that, however long it takes.
    await waitUntil(() => [10, 84].every((n) => fired.includes(n)), 'payloads 10 and 84 ran', { timeout: patience() });
    expect(fired).to.include.members([10, 84]);
    fired.splice(0);
  });

  it('is live: each payload that runs somewhere does run there, in a throwaway frame', async function () {
    // Over 70 frames at once: on a busy machine they take a while to load and run.
    this.timeout(60000);
    const live = PAYLOADS.filter((p) => p.runs);
    expect(live.length).to.be.at.least(70);
    const within = patience();
    const results = await Promise.all(live.map(async (p) => [p, await runsInItsContext(p, within)] as const));
    expect(results.filter(([, ran]) => !ran).map(([p]) => `${p.n} ${p.what} (${p.runs})`), 'payloads that did not run in their context').to.deep.equal([]);
    expect(fired, 'the frames ran nothing in this page').to.deep.equal([]);
  });
});

describe('hostile input: every text field, stored and shown by the four widgets', () => {
  it('stores every payload in every text field as given (trimmed at the ends), also after a reopen', async () => {
    const db = uniqueDb('hostile');
    const store = await diskStore(db);
    await writeCorpus(store, 'h1', TEXTS);
    const check = (state: CourseState) => {
      for (const f of FIELDS) for (const p of holding(f.limit)) expect(f.read(state, p.n), named(p.n, f.name)).to.equal(kept(p.text));
      expect(state.people.length).to.equal(PAYLOADS.length);
    };
    check((await store.getCourse('h1'))!);
    store.close();
    check((await (await diskStore(db)).getCourse('h1'))!);
  });

  it('shows every payload as text in the four widgets, makes no element or attribute of it, and runs none', async function () {
    // Two courses of over 200 records in the four widgets, every person opened twice: about 30 s on a busy machine.
    this.timeout(120000);
    // The same course with plain text: what the widgets render when no text is hostile.
    const benignStore = await memoryStore();
    await writeCorpus(benignStore, 'b1', PAYLOADS.map((p) => fill(`Ana María ${p.n} `, Math.min(p.text.length, 100)).trim()));
    const baseline = new Map<Widget, Survey>();
    const store = await memoryStore();
    await writeCorpus(store, 'h1', TEXTS);
    const state = (await store.getCourse('h1'))!;

    for (const [s, id] of [[benignStore, 'b1'], [store, 'h1']] as const) {
      const hostile = id === 'h1';
      const { course, w } = await placeCourse(s, id);
      const widgets = Object.values(w);
      const seen = new Map<Widget, Survey>();
      const look = () => expectNothingForeign(widgets, hostile ? baseline : undefined, seen);
      look();
      if (hostile) {
        const circle = rootText(w['ipt-relationship-circle']);
        const tracker = rootText(w['ipt-dispute-tracker']);
        const goals = rootText(w['ipt-goal-checklist']);
        const counter = rootText(w['ipt-session-counter']);
        const formulation = rootText(w['ipt-formulation']);
        for (const p of PAYLOADS) {
          const t = kept(p.text);
          if (fits(p.text, LIMITS.short)) {
            contains(circle, t, named(p.n, 'the circle'));
            contains(tracker, `${t} · ${t}`, named(p.n, 'a dispute heading'));
            contains(counter, `${t} ${p.n}`, named(p.n, 'the measures of a session'));
          }
          if (fits(p.text, LIMITS.goal)) contains(goals, t, named(p.n, 'the goals'));
          for (const f of DISPUTE_TEXTS) contains(tracker, t, named(p.n, `dispute ${f}`));
          contains(counter, t, named(p.n, 'the contract history'));
          contains(formulation, t, named(p.n, "the formulation's changes"));
        }
        for (const x of widgets) lacks(rootText(x), state.course.patient, `the patient reference is never shown (${x.localName})`);
      }
      // Each person's details, as a form and (readonly) as text.
      const circleEl = w['ipt-relationship-circle'];
      for (const readonly of [false, true]) {
        course.readonly = readonly;
        await course.updateComplete;
        await settle(circleEl);
        for (const p of hostile ? state.people : state.people.slice(0, 3)) {
          circleEl.shadowRoot!.querySelector<HTMLElement>(`tr[data-person-id="${p.id}"] button.link`)!.click();
          await settle(circleEl);
          const panel = circleEl.shadowRoot!.querySelector(`[data-panel="person:${p.id}"]`)!;
          expect(panel, `the details of ${p.id}`).to.exist;
          if (hostile && readonly) {
            for (const f of ['name', 'relationship', ...PERSON_TEXTS] as const) if (p[f]) contains(panel.textContent, p[f], `${p.id} ${f}`);
          } else if (hostile) {
            for (const f of PERSON_TEXTS) {
              // A textarea gives its value with line breaks normalized to \n (HTML's value API).
              expect(panel.querySelector<HTMLTextAreaElement>(`[name=${f}]`)!.value, `${p.id} ${f}`).to.equal(p[f].replace(/\r\n?/g, '\n'));
            }
            // A text with line breaks is shown in a text area (a one-line input would drop them).
            expect(panel.querySelector<HTMLInputElement>('[name=name]')!.value, `${p.id} name`).to.equal(inField(p.name));
          }
          expectNothingForeign([circleEl], hostile ? baseline : undefined, seen);
        }
      }
      course.readonly = false;
      await course.updateComplete;
      // The authorization form (its reference) and the new-dispute form (people by name).
      const counterEl = w['ipt-session-counter'];
      await settle(counterEl);
      counterEl.shadowRoot!.querySelector<HTMLElement>('[data-opens=authorization]')!.click();
      await settle(counterEl);
      const reference = counterEl.shadowRoot!.querySelector<HTMLInputElement>('[name=reference]')!.value;
      if (hostile) expect(reference).to.equal(inField(state.course.authorization!.reference!));
      const trackerEl = w['ipt-dispute-tracker'];
      trackerEl.shadowRoot!.querySelector<HTMLElement>('[data-opens=add]')!.click();
      await settle(trackerEl);
      if (hostile) {
        const options = [...trackerEl.shadowRoot!.querySelectorAll('option')].map((o) => o.textContent);
        for (const p of holding(LIMITS.short)) expect(options, named(p.n, 'the person select')).to.include(`${kept(p.text)} (${kept(p.text)})`);
      }
      look();
      if (!hostile) for (const [k, v] of seen) baseline.set(k, v);
      course.remove();
    }
    await afterEffects();
    expect(fired, 'payloads that ran').to.deep.equal([]);
  });

  it('shows the course texts (patient never, the authorization reference in its form) for every payload', async function () {
    this.timeout(30000);
    const store = await memoryStore();
    await writeCorpus(store, 'h2', ['plain']);
    const { w } = await placeCourse(store, 'h2');
    const counter = w['ipt-session-counter'];
    counter.shadowRoot!.querySelector<HTMLElement>('[data-opens=authorization]')!.click();
    await settle(counter);
    const base = (await store.getCourse('h2'))!.course;
    for (const p of PAYLOADS) {
      const patient = fits(p.text, LIMITS.patient) ? kept(p.text) : 'Patient/1';
      const reference = fits(p.text, LIMITS.short) ? kept(p.text) : `ref ${p.n}`;
      await store.put('h2', 'course', { ...base, patient, authorization: { ...base.authorization!, reference } });
      const field = () => counter.shadowRoot!.querySelector<HTMLInputElement>('[name=reference]')!;
      const shown = inField(reference);
      for (let k = 0; k < 50 && field().value !== shown; k++) await settle(counter);
      expect(field().value, named(p.n, 'the reference field')).to.equal(shown);
      for (const x of Object.values(w)) lacks(rootText(x), patient, named(p.n, `the patient in ${x.localName}`));
      expectNothingForeign(Object.values(w));
    }
    expect(log().of('ipt-error')).to.deep.equal([]);
    await afterEffects();
    expect(fired, 'payloads that ran').to.deep.equal([]);
  });
});

describe("hostile input: typed into the widgets' forms", () => {
  /** Fills a form's fields (as typing would leave them) and submits it as a user would. */
  async function submit(el: Widget, form: string, values: Record<string, string>, wait: EventType = 'ipt-change'): Promise<Record<string, string>> {
    const f = el.shadowRoot!.querySelector<HTMLFormElement>(form)!;
    expect(f, form).to.exist;
    const typed: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      const field = f.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      field.value = value;
      typed[name] = field.value;
    }
    const done = log().next(wait);
    f.requestSubmit();
    await done.catch((e: Error) => {
      throw new Error(`${el.localName} ${form}: ${e.message}; shown: ${rootText(el).replace(/\s+/g, " ").slice(0, 600)}`);
    });
    await settle(el);
    return typed;
  }
  const open = async (el: Widget, selector: string) => {
    el.shadowRoot!.querySelector<HTMLElement>(selector)!.click();
    await settle(el);
  };

  it('saves what was typed, shows it as text, and runs nothing', async function () {
    // Dozens of forms filled and saved, then axe over the four widgets: about 25 s on a busy machine.
    this.timeout(90000);
    const store = await memoryStore();
    await writeCorpus(store, 'h3', []);
    const { w } = await placeCourse(store, 'h3');
    const circle = w['ipt-relationship-circle'];
    const goals = w['ipt-goal-checklist'];
    const tracker = w['ipt-dispute-tracker'];
    const counter = w['ipt-session-counter'];
    const sample = PAYLOADS.filter((p) => p.n % 8 === 0 || p.text.length >= 4000);
    const short = sample.filter((p) => fits(p.text, LIMITS.short));
    const typed: Array<[string, (s: CourseState) => unknown]> = [];

    for (const [k, p] of short.entries()) {
      await open(circle, '[data-opens=add]');
      const v = await submit(circle, 'form[data-panel=add]', { name: p.text, relationship: p.text });
      const person = (await store.getCourse('h3'))!.people.find((x) => x.name === kept(v.name!));
      expect(person, named(p.n, 'the add-person form')).to.exist;
      typed.push([kept(v.relationship!), () => person!.relationship]);
      // The details of the new person are open: its free texts.
      const long = sample[k % sample.length]!.text;
      const d = await submit(circle, `form[data-panel="person:${person!.id}"]`, Object.fromEntries(PERSON_TEXTS.map((f) => [f, long])));
      for (const f of PERSON_TEXTS) typed.push([kept(d[f]!), (s) => s.people.find((x) => x.id === person!.id)![f]]);
      await open(tracker, '[data-opens=add]');
      // The tracker hears of the new person in a task of its own.
      await waitUntil(() => tracker.shadowRoot!.querySelector(`form[data-panel=add] option[value="${person!.id}"]`), 'the tracker offers the new person', { timeout: patience() });
      const t = await submit(tracker, 'form[data-panel=add]', { personId: person!.id, ...Object.fromEntries(DISPUTE_TEXTS.map((f) => [f, long])) });
      for (const f of DISPUTE_TEXTS) typed.push([kept(t[f]!), (s) => s.disputes.find((x) => x.personId === person!.id)![f]]);
    }
    await open(goals, '[data-opens=add]');
    for (const p of sample.filter((x) => fits(x.text, LIMITS.goal))) {
      const v = await submit(goals, 'form[data-panel=add]', { text: p.text });
      expect((await store.getCourse('h3'))!.goals.map((g) => g.text), named(p.n, 'the add-goal form')).to.include(kept(v.text!));
    }
    for (const [k, p] of short.slice(0, 8).entries()) {
      const form = counter.shadowRoot!.querySelector<HTMLFormElement>('#record-form')!;
      const box = form.querySelector<HTMLInputElement>('[name="take-other"]')!;
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
      await settle(counter);
      const v = await submit(counter, '#record-form', { date: `2026-02-0${k + 1}`, 'score-other': String(k), label: p.text });
      typed.push([kept(v.label!), (s) => s.measures.find((m) => m.score === k)?.label]);
      await open(counter, '[data-opens=renegotiate]');
      const r = await submit(counter, 'form[data-panel=renegotiate]', { to: String(20 + k), reason: p.text });
      typed.push([kept(r.reason!), (s) => s.course.contract.history.find((h) => h.to === 20 + k)?.reason]);
    }
    await open(counter, '[data-opens=authorization]');
    const a = await submit(counter, 'form[data-panel=authorization]', { end: '2026-12-31', reference: short[1]!.text });
    typed.push([kept(a.reference!), (s) => s.course.authorization?.reference]);

    const state = (await store.getCourse('h3'))!;
    for (const [text, read] of typed) expect(read(state)).to.equal(text);
    const shown = Object.values(w).map(rootText).join('\n');
    for (const p of short) contains(shown, kept(p.text).replace(/[\r\n]/g, ''), named(p.n, 'the widgets'));
    expectNothingForeign(Object.values(w));
    // Hostile names and texts leave the widgets accessible (axe).
    for (const x of Object.values(w)) await expect(x).to.be.accessible();
    expect(log().of('ipt-error')).to.deep.equal([]);
    await afterEffects();
    expect(fired, 'payloads that ran').to.deep.equal([]);
  });

  it('refuses a typed text over its limit with invalid-input and keeps it in the field', async () => {
    const store = await memoryStore();
    await writeCorpus(store, 'h4', []);
    const { w } = await placeCourse(store, 'h4');
    const circle = w['ipt-relationship-circle'];
    await open(circle, '[data-opens=add]');
    const name = overLimit(LIMITS.short, 7);
    const error = await submit(circle, 'form[data-panel=add]', { name }, 'ipt-error').then(() => log().of('ipt-error').at(-1)!);
    expect(error).to.include({ code: 'invalid-input', field: 'name' });
    expect(error.message).not.to.contain('<img');
    expect(circle.shadowRoot!.querySelector<HTMLInputElement>('form[data-panel=add] [name=name]')!.value).to.equal(name);
    expect((await store.getCourse('h4'))!.people).to.deep.equal([]);
    // Said at the field, in the widget's own words: nothing of what was typed.
    expect(circle.shadowRoot!.querySelector('#field-problem')!.textContent).to.equal('Too long: keep it to 120 characters or fewer.');
    await afterEffects();
    expect(fired).to.deep.equal([]);
  });
});
