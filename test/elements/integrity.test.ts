/**
 * Integrity defects found by the adversarial test, on the widgets' side: a bad store property, a
 * form saved with texts nobody touched, one parser for whole numbers and dates.
 */
import { expect } from '@open-wc/testing';
import { toDocument, validate } from '../../src/index.js';
import '../../src/locales/es.js';
import { rawOpen, uniqueDb } from '../fixtures.js';
import { $, $$, COURSE, courseState, diskStore, log, mountElement, settle, shown, textOf } from './helpers.js';

describe('widgets: a store property that is no store', () => {
  for (const bad of [{}, 'x', 42]) {
    it(`refuses store = ${JSON.stringify(bad)} with invalid-input naming store, and does not hang on Loading`, async () => {
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent) => errors.push(e.error);
      window.addEventListener('error', onError);
      const failed = log().next('ipt-error');
      const el = document.createElement('ipt-goal-checklist');
      el.setAttribute('course-id', COURSE);
      (el as unknown as { store: unknown }).store = bad;
      document.body.append(el);
      try {
        expect((await failed).detail).to.deep.include({ code: 'invalid-input', field: 'store' });
        await el.updateComplete;
        expect($(el, '[role=status]:not(.visually-hidden)')?.textContent ?? '').to.not.contain('Loading');
        expect(errors, 'no uncaught error').to.deep.equal([]);
      } finally {
        window.removeEventListener('error', onError);
        el.remove();
      }
    });
  }
});

describe('widgets: saving a form writes only what was changed', () => {
  it('keeps CRLF line breaks and a lone surrogate in texts the person did not touch', async () => {
    const store = await diskStore();
    const state = courseState();
    state.people = [validate('person', { id: 'p1', courseId: COURSE, name: 'Ana', relationship: 'friend', ring: 2, supportive: 'Calls\r\nevery Sunday', conflicted: 'Odd \uD800 char' })];
    await store.importCourse(toDocument(state));
    const el = await mountElement('ipt-relationship-circle', { store });
    $$<HTMLButtonElement>(el, 'button').find((b) => b.getAttribute('aria-label') === 'Details of Ana')!.click();
    await settle(el);
    const form = $<HTMLFormElement>(el, 'form[data-panel]')!;
    const field = form.querySelector<HTMLInputElement>('[name="relationship"]')!;
    field.value = 'sister';
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const saved = log().next('ipt-change');
    form.requestSubmit();
    await saved;
    const ana = (await store.getCourse(COURSE))!.people[0]!;
    expect(ana).to.include({ relationship: 'sister', supportive: 'Calls\r\nevery Sunday', conflicted: 'Odd \uD800 char' });
  });
});

describe('widgets: one parser for whole numbers', () => {
  for (const rings of ['0x3', '3.0', '1e1', ' ']) {
    it(`refuses rings="${rings}" (decimal digits only)`, async () => {
      const failed = log().next('ipt-error');
      const el = await mountElement('ipt-relationship-circle', { store: await diskStore(), attrs: { rings }, ready: false });
      expect((await failed).detail).to.deep.include({ code: 'invalid-input', field: 'rings' });
      el.remove();
    });
  }

  it('takes today="0001-01-01" as the real date it is', async () => {
    const store = await diskStore();
    await store.importCourse(toDocument(courseState()));
    const el = await mountElement('ipt-goal-checklist', { store, today: '0001-01-01' });
    await settle(el);
    expect(log().of('ipt-error')).to.deep.equal([]);
    expect(el.today).to.equal('0001-01-01');
  });
});

describe('widgets: long lists', () => {
  it('the inventory of 450 people shows 200 rows and Show more, which shows 200 more each time, by keyboard too', async () => {
    const store = await diskStore();
    const state = courseState();
    state.people = Array.from({ length: 450 }, (_, i) => validate('person', { id: `p${String(i).padStart(3, '0')}`, courseId: COURSE, name: `Person ${i}`, ring: 1 + (i % 3) }));
    await store.importCourse(toDocument(state));
    const el = await mountElement('ipt-relationship-circle', { store });
    expect($$(el, 'tbody tr')).to.have.length(200);
    const more = () => $<HTMLButtonElement>(el, '[data-more="people"]');
    expect(more()!.textContent!.trim()).to.equal('Show more (200 of 450 shown)');
    more()!.focus();
    more()!.click();
    await el.updateComplete;
    expect($$(el, 'tbody tr')).to.have.length(400);
    expect(el.shadowRoot!.activeElement, 'focus stays on Show more').to.equal(more());
    more()!.click();
    await el.updateComplete;
    expect($$(el, 'tbody tr')).to.have.length(450);
    expect(more()).to.equal(null);
  });
});

describe('widgets: a stored record the store cannot read', () => {
  /** A course with Ana and Ben, one goal, and a stored person (p3) that does not validate (ring 9). */
  async function withBadPerson() {
    const database = uniqueDb('aside');
    const store = await diskStore(database);
    const state = courseState();
    state.course = validate('course', { ...state.course, focus: ['role-dispute'] });
    state.people = ['Ana', 'Ben'].map((name, i) => validate('person', { id: `p${i + 1}`, courseId: COURSE, name, ring: 1 }));
    state.goals = [validate('goal', { id: 'g1', courseId: COURSE, text: 'Talk', area: 'role-dispute', order: 1, set: '2026-01-05' })];
    await store.importCourse(toDocument(state));
    store.close();
    const raw = await rawOpen(database);
    await new Promise<void>((resolve) => {
      const tx = raw.transaction('records', 'readwrite');
      tx.objectStore('records').put({ courseId: COURSE, entity: 'person', id: 'p3', rev: 1, updated: 0, data: { id: 'p3', courseId: COURSE, name: 'Cy', ring: 9 } });
      tx.oncomplete = () => resolve();
    });
    raw.close();
    return diskStore(database);
  }

  it('the circle shows the rest with a problem saying how many records could not be read, and fires ipt-error', async () => {
    const store = await withBadPerson();
    const failed = log().next('ipt-error');
    const el = await mountElement('ipt-relationship-circle', { store });
    expect((await failed).detail).to.deep.include({ code: 'unreadable' });
    expect($$(el, 'tbody tr')).to.have.length(2);
    expect(shown(el)).to.contain('Ana').and.to.contain('Ben').and.not.to.contain('Cy');
    expect(textOf($(el, '[role=alert]'))).to.contain('1 stored record of this course could not be read');
    await expect(el).to.be.accessible();
  });

  it('says it in Spanish, and a widget that does not show people says nothing', async () => {
    const store = await withBadPerson();
    const host = document.createElement('div');
    host.lang = 'es';
    document.body.append(host);
    try {
      const circle = document.createElement('ipt-relationship-circle');
      const goals = document.createElement('ipt-goal-checklist');
      for (const el of [circle, goals]) {
        el.setAttribute('course-id', COURSE);
        (el as unknown as { store: unknown }).store = store;
      }
      const ready = log().nextAll('ipt-ready', 2);
      host.append(circle, goals);
      await ready;
      await Promise.all([circle.updateComplete, goals.updateComplete]);
      expect(textOf($(circle, '[role=alert]'))).to.contain('No se pudo leer 1 registro');
      expect($(goals, '[role=alert]')).to.equal(null);
      expect(shown(goals)).to.contain('Talk');
      expect(log().of('ipt-error').map((e) => e.code)).to.deep.equal(['unreadable']);
    } finally {
      host.remove();
    }
  });

  it('a course record that cannot be read shows a problem, not the Start form, and nothing overwrites it', async () => {
    const database = uniqueDb('aside-course');
    const raw = await rawOpen(database, 2, (db, tx) => {
      db.createObjectStore('records', { keyPath: ['courseId', 'entity', 'id'] }).createIndex('entity', 'entity');
      db.createObjectStore('meta', { keyPath: 'key' });
      tx.objectStore('meta').put({ key: 'format', value: 'ipt-elements' });
      tx.objectStore('records').put({ courseId: COURSE, entity: 'course', id: COURSE, rev: 1, updated: 0, data: { id: COURSE, patient: 'Patient/7', contract: { sessions: 120 } } });
    });
    raw.close();
    const store = await diskStore(database);
    const failed = log().next('ipt-error');
    const el = await mountElement('ipt-session-counter', { store, ready: false });
    expect((await failed).detail).to.deep.include({ code: 'unreadable' });
    await settle(el);
    expect(shown(el)).not.to.contain('There is no course with this id yet');
    expect($(el, 'form')).to.equal(null);
    expect(textOf($(el, '[role=alert]'))).to.contain('could not be read');
  });
});
