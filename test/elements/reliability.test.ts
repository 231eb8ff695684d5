/**
 * The widgets when storage fails or another tab writes: a full disk (the edit is kept, Retry
 * saves it), an edit made elsewhere meanwhile (merged, or refused as a conflict with the typed
 * text kept), an encrypted store without its key (locked, nothing shown), a stored record that no
 * longer validates (set aside; the rest shows).
 */
import { expect } from '@open-wc/testing';
import { toDocument, validate, type CourseState, type IptRelationshipCircle, type Person } from '../../src/index.js';
import { open, closeStores, rawOpen, uniqueDb } from '../fixtures.js';
import { $, $$, COURSE, courseState, diskStore, log, mountElement, settle, shown, textOf, until } from './helpers.js';
import { control, goal, seedGoals, storedGoal } from './goal-checklist-helpers.js';

const restore: Array<() => void> = [];
afterEach(() => {
  restore.splice(0).forEach((undo) => undo());
  closeStores();
});

/** Makes IndexedDB refuse the next `times` puts for lack of space. */
function fullDisk(times = 1): void {
  const original = IDBObjectStore.prototype.put;
  let left = times;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'records' && left-- > 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.apply(this, args);
  };
  restore.push(() => (IDBObjectStore.prototype.put = original));
}

const ana = (extra: Partial<Person> = {}) => validate('person', { id: 'p1', courseId: COURSE, name: 'Ana', relationship: 'friend', ring: 2, ...extra });

async function circleWithAna(database = uniqueDb('rel')) {
  const store = await diskStore(database);
  const state = courseState();
  state.people = [ana()];
  await store.importCourse(toDocument(state));
  const el = await mountElement('ipt-relationship-circle', { store });
  return { store, el, database };
}

/** Opens Ana's details form. */
async function openAna(el: IptRelationshipCircle): Promise<HTMLFormElement> {
  $$<HTMLButtonElement>(el, 'button').find((b) => b.getAttribute('aria-label') === 'Details of Ana')!.click();
  await settle(el);
  return $<HTMLFormElement>(el, 'form[data-panel]')!;
}

/** Another tab (its own store on the database) changes Ana, as a widget there would; resolves with that store. */
async function otherTabEditsAna(database: string, changes: Partial<Person>) {
  const other = await open(database);
  const base = (await other.getCourse(COURSE))!.people[0]!;
  await other.apply(COURSE, [{ op: 'put', entity: 'person', record: { ...base, ...changes }, base }]);
  return other;
}

/** Types into a field as a person does (the input event marks it as typed). */
function typeInto(form: HTMLFormElement, name: string, value: string): void {
  const field = form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
const valueOf = (form: HTMLFormElement, name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value;

describe('widgets and another tab', () => {
  it('keeps what was typed in an open form when another tab changes the record, shows its change, and saves both', async () => {
    const { el, database } = await circleWithAna();
    const form = await openAna(el);
    typeInto(form, 'supportive', 'Calls every Sunday');
    const other = await otherTabEditsAna(database, { relationship: 'sister' });
    await until(el, () => valueOf(form, 'relationship') === 'sister', 'the form shows the other tab\'s change');
    expect(valueOf(form, 'supportive')).to.equal('Calls every Sunday');
    form.requestSubmit();
    await log().next('ipt-change');
    expect((await other.getCourse(COURSE))!.people[0]).to.include({ relationship: 'sister', supportive: 'Calls every Sunday' });
  });

  it('refuses a save that would overwrite a field another tab changed meanwhile: conflict shown, typed text kept, saved on the next Save', async function () {
    this.timeout(30000); // axe (its first run in this file loads it): seconds on a busy machine
    const { el, store, database } = await circleWithAna();
    const form = await openAna(el);
    typeInto(form, 'name', 'Anabel');
    await otherTabEditsAna(database, { name: 'Ana María' });
    // Saved before this tab has heard of the other's change.
    const failed = log().next('ipt-error');
    form.requestSubmit();
    expect((await failed).detail).to.deep.include({ code: 'conflict', field: 'name' });
    await until(el, () => shown(el).includes('Ana María'), 'the newer version shows');
    expect(textOf($(el, '[role=alert]'))).to.contain('changed in another window');
    expect(valueOf($<HTMLFormElement>(el, 'form[data-panel]')!, 'name'), 'typed text kept').to.equal('Anabel');
    expect((await store.getCourse(COURSE))!.people[0]!.name).to.equal('Ana María');
    await expect(el).to.be.accessible();
    $<HTMLFormElement>(el, 'form[data-panel]')!.requestSubmit();
    await log().next('ipt-change');
    expect((await store.getCourse(COURSE))!.people[0]!.name).to.equal('Anabel');
  });
});

describe('widgets: a text stored with line breaks', () => {
  it('keeps its line breaks when a form that shows it is saved', async () => {
    const store = await diskStore();
    const state = courseState();
    state.people = [ana({ name: 'Ana\nMaría', relationship: 'friend' })];
    await store.importCourse(toDocument(state));
    const el = await mountElement('ipt-relationship-circle', { store });
    $$<HTMLButtonElement>(el, 'button').find((b) => b.getAttribute('aria-label')?.startsWith('Details of Ana'))!.click();
    await settle(el);
    const form = $<HTMLFormElement>(el, 'form[data-panel]')!;
    expect(form.querySelector('[name="name"]')!.localName, 'shown in full, in a text area').to.equal('textarea');
    typeInto(form, 'relationship', 'sister');
    const saved = log().next('ipt-change');
    form.requestSubmit();
    await saved;
    expect((await store.getCourse(COURSE))!.people[0]).to.include({ name: 'Ana\nMaría', relationship: 'sister' });
    await expect(el).to.be.accessible();
  });
});

describe('widgets: a removal of something changed elsewhere', () => {
  it('refuses to remove a person another tab changed meanwhile: conflict shown, the change kept, no Undo', async () => {
    const { el, store, database } = await circleWithAna();
    await openAna(el);
    await otherTabEditsAna(database, { name: 'Ana María' });
    // Removed before this tab has heard of the other's change.
    const failed = log().next('ipt-error');
    $$<HTMLButtonElement>(el, 'form[data-panel] button.danger, [data-panel] button.danger')[0]!.click();
    expect((await failed).detail).to.deep.include({ code: 'conflict', field: 'id' });
    await until(el, () => shown(el).includes('Ana María'), 'the newer version shows');
    expect(textOf($(el, '[role=alert]'))).to.contain('changed in another window');
    expect($(el, '[data-undo]'), 'nothing removed, nothing to undo').to.equal(null);
    expect((await store.getCourse(COURSE))!.people.map((p) => p.name)).to.deep.equal(['Ana María']);
    await expect(el).to.be.accessible();
  });
});

describe('widgets on a full disk', () => {
  it('a goal checked on a full disk: quota-exceeded, the box unchecked again, Retry saves it', async () => {
    const store = await diskStore();
    await seedGoals(store, [goal('g1', 'grief')], ['grief']);
    const el = await mountElement('ipt-goal-checklist', { store });
    fullDisk();
    const failed = log().next('ipt-error');
    control(el, 'g1', 'check').click();
    expect((await failed).detail.code).to.equal('quota-exceeded');
    await settle(el);
    expect(control(el, 'g1', 'check').checked).to.equal(false);
    expect((await storedGoal(store, 'g1'))!.achievement).not.to.equal('achieved');
    await expect(el).to.be.accessible();
    const retry = $$<HTMLButtonElement>(el, '[role=alert] button').find((b) => textOf(b) === 'Try again')!;
    const saved = log().next('ipt-change');
    retry.click();
    await saved;
    await settle(el);
    expect((await storedGoal(store, 'g1'))!.achievement).to.equal('achieved');
    expect(control(el, 'g1', 'check').checked).to.equal(true);
    expect($(el, '[role=alert]')).to.equal(null);
  });

  it('a form saved on a full disk stays open with what was typed; Retry saves it and closes it', async () => {
    const { el, store } = await circleWithAna();
    const form = await openAna(el);
    typeInto(form, 'wantedChange', 'More time together');
    fullDisk();
    const failed = log().next('ipt-error');
    form.requestSubmit();
    expect((await failed).detail.code).to.equal('quota-exceeded');
    await settle(el);
    expect(valueOf($<HTMLFormElement>(el, 'form[data-panel]')!, 'wantedChange')).to.equal('More time together');
    const saved = log().next('ipt-change');
    $$<HTMLButtonElement>(el, '[role=alert] button').find((b) => textOf(b) === 'Try again')!.click();
    await saved;
    await settle(el);
    expect((await store.getCourse(COURSE))!.people[0]!.wantedChange).to.equal('More time together');
    expect($(el, 'form[data-panel]')).to.equal(null);
  });
});

describe('widgets on a store they cannot read', () => {
  it('IndexedDB that never answers: after the timeout the widget works in memory, says so, and fires storage-unavailable', async () => {
    const hanging = { open: () => new EventTarget() } as unknown as IDBFactory;
    const store = await open(uniqueDb('hang'), { indexedDB: hanging, openTimeout: 100 });
    await store.importCourse(toDocument(courseState()));
    const failed = log().next('ipt-error');
    const el = await mountElement('ipt-relationship-circle', { store });
    expect((await failed).detail.code).to.equal('storage-unavailable');
    expect(textOf($(el, '[role=alert]'))).to.contain('kept only until this page closes');
    await expect(el).to.be.accessible();
  });

  it('shows "locked" and nothing of the course when the store is encrypted and the page lacks the key', async () => {
    const database = uniqueDb('locked');
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const sealed = await open(database, { key });
    const state = courseState();
    state.people = [ana()];
    await sealed.importCourse(toDocument(state));
    const store = await open(database);
    const failed = log().next('ipt-error');
    const el = await mountElement('ipt-relationship-circle', { store, ready: false });
    expect((await failed).detail.code).to.equal('locked');
    await settle(el);
    expect(textOf($(el, '[role=alert]'))).to.contain('Locked');
    expect(shown(el)).not.to.contain('Ana');
    await expect(el).to.be.accessible();
  });

  it('sets aside a stored record that no longer validates and shows the rest', async () => {
    const { store, database } = await circleWithAna();
    await store.put(COURSE, 'person', { id: 'p2', name: 'Ben', ring: 1 });
    const raw = await rawOpen(database);
    await new Promise<void>((resolve) => {
      const tx = raw.transaction('records', 'readwrite');
      tx.objectStore('records').put({ courseId: COURSE, entity: 'person', id: 'p3', rev: 1, updated: 0, data: { id: 'p3', courseId: COURSE, ring: 9 } });
      tx.oncomplete = () => resolve();
    });
    raw.close();
    const el = await mountElement('ipt-relationship-circle', { store });
    expect($$(el, 'tbody tr')).to.have.length(2);
    expect(shown(el)).to.contain('Ben').and.to.contain('Ana');
  });
});

describe('widgets and another tab, after a delay or a failure', () => {
  it('a form saved after this tab heard another tab change the same field: conflict, the other value kept', async () => {
    const { el, store, database } = await circleWithAna();
    const form = await openAna(el);
    typeInto(form, 'supportive', 'Mine: calls on Sunday');
    await otherTabEditsAna(database, { supportive: 'Theirs: helps with rent' });
    // This tab hears it and reloads (the course it shows now holds the other value; the form keeps the typed one).
    const shownCourse = () => (el as unknown as { course?: CourseState }).course;
    await until(el, () => shownCourse()?.people[0]?.supportive === 'Theirs: helps with rent', 'this tab heard the other tab');
    const errors = log().of('ipt-error').length;
    const refused = log().next('ipt-error');
    $<HTMLFormElement>(el, 'form[data-panel]')!.requestSubmit();
    await refused;
    const codes = log().of('ipt-error').slice(errors).map((e) => e.code);
    expect({ codes, stored: (await store.getCourse(COURSE))!.people[0]!.supportive }).to.deep.equal({ codes: ['conflict'], stored: 'Theirs: helps with rent' });
  });

  it('Try again after a full disk keeps an edit another tab made meanwhile', async () => {
    const database = uniqueDb('w2');
    const store = await diskStore(database);
    await seedGoals(store, [goal('g1', 'grief')], ['grief']);
    const el = await mountElement('ipt-goal-checklist', { store });
    fullDisk();
    const failed = log().next('ipt-error');
    control(el, 'g1', 'check').click();
    expect((await failed).detail.code).to.equal('quota-exceeded');
    await settle(el);
    // Another tab edits the goal's text; this tab hears it.
    const other = await open(database);
    const base = (await other.getCourse(COURSE))!.goals[0]!;
    await other.apply(COURSE, [{ op: 'put', entity: 'goal', record: { ...base, text: 'Edited elsewhere' }, base }]);
    await until(el, () => shown(el).includes('Edited elsewhere'), 'reloaded');
    const saved = log().next('ipt-change');
    $$<HTMLButtonElement>(el, '[role=alert] button').find((b) => textOf(b) === 'Try again')!.click();
    await saved;
    const g = (await storedGoal(store, 'g1'))!;
    expect({ text: g.text, achievement: g.achievement }).to.deep.equal({ text: 'Edited elsewhere', achievement: 'achieved' });
  });

  it('Try again after another tab removed the record does not bring it back', async () => {
    const database = uniqueDb('w3');
    const store = await diskStore(database);
    await seedGoals(store, [goal('g1', 'grief'), goal('g2', 'grief')], ['grief']);
    const el = await mountElement('ipt-goal-checklist', { store });
    fullDisk();
    const failed = log().next('ipt-error');
    control(el, 'g1', 'check').click();
    await failed;
    await settle(el);
    const other = await open(database);
    await other.remove(COURSE, 'goal', 'g1');
    await until(el, () => !$(el, 'li[data-goal="g1"]'), 'gone here too');
    const retry = $$<HTMLButtonElement>(el, '[role=alert] button').find((b) => textOf(b) === 'Try again');
    expect(retry, 'retry still offered').to.not.equal(undefined);
    // The retried write is refused by the store (removed elsewhere): wait for that answer, not for a time.
    const refused = log().next('ipt-error');
    retry!.click();
    expect((await refused).detail).to.include({ code: 'conflict', field: 'id' });
    expect(await storedGoal(store, 'g1'), 'removed goal resurrected').to.equal(undefined);
  });

});
