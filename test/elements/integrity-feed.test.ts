/**
 * Integrity defects of issue 16, on the widgets' side: a host listener that throws, a database
 * deleted under the widgets (wipe() here or in another tab), a flood of notices on the channel.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/locales/es.js';
import { toDocument, validate, wipe, type IptStore } from '../../src/index.js';
import { captureReported, databaseNames, deleteDb, reads, rejection, scopedFactory, uniqueDb } from '../fixtures.js';
import { $, COURSE, courseState, diskStore, log, mountElement, patience, settle, shown, until } from './helpers.js';
import { addField, openAdd, seedGoals } from './goal-checklist-helpers.js';

/** A course with Ana in the circle and a goal that names her. */
async function seeded(store: IptStore): Promise<void> {
  const state = courseState({ sessions: 3 });
  state.people = [validate('person', { id: 'p1', courseId: COURSE, name: 'Ana', relationship: 'sister', ring: 2 })];
  state.goals = [validate('goal', { id: 'g1', courseId: COURSE, text: 'Call Ana weekly', area: 'role-dispute', order: 1, set: '2026-01-05' })];
  await store.importCourse(toDocument(state), { replace: true });
}

describe('widgets: a host listener that throws', () => {
  const reported = captureReported();

  it('a goal saved while a host listener throws is saved: one ipt-change, no ipt-error, the form emptied for the next, one goal stored', async () => {
    const store = await diskStore();
    await seedGoals(store, [], ['grief']);
    store.subscribe(COURSE, () => {
      throw new Error('host bug');
    });
    const el = await mountElement('ipt-goal-checklist', { store });
    await openAdd(el);
    const text = addField<HTMLTextAreaElement>(el, 'text');
    text.value = 'Visit the grave with my brother';
    text.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    $<HTMLFormElement>(el, 'form[data-panel]')!.requestSubmit();
    await waitUntil(() => log().of('ipt-change').length + log().of('ipt-error').length > 0, 'the save lands or fails', { timeout: patience() });
    await settle(el);
    expect(log().of('ipt-error')).to.deep.equal([]);
    expect(log().of('ipt-change')).to.have.length(1);
    expect(addField<HTMLTextAreaElement>(el, 'text').value, 'the form is emptied for the next goal').to.equal('');
    expect(shown(el)).not.to.contain('Not saved');
    expect((await store.getCourse(COURSE))!.goals.map((g) => g.text)).to.deep.equal(['Visit the grave with my brother']);
    expect(reported).to.have.length(1);
  });
});

describe('widgets: their database deleted', () => {
  it('wipe() in another tab: the names go, the widget says the course is gone, and a save does not create the database again', async () => {
    const database = uniqueDb('gone');
    await seeded(await diskStore(database));
    // This tab: its own store on the database, as the page's widgets would have.
    const store = await diskStore(database);
    const circle = await mountElement('ipt-relationship-circle', { store });
    const goals = await mountElement('ipt-goal-checklist', { store, attrs: { lang: 'es' } });
    expect(shown(circle)).to.contain('Ana');
    expect(shown(goals)).to.contain('Call Ana weekly');
    await deleteDb(database);
    await until(circle, () => !shown(circle).includes('Ana'), 'the circle no longer shows Ana');
    await until(goals, () => !shown(goals).includes('Call Ana'), 'the checklist no longer shows the goal');
    expect(shown(circle)).to.contain('This course is no longer stored here');
    expect(shown(goals)).to.contain('Este tratamiento ya no se guarda aquí');
    expect(shown(circle)).not.to.contain('Not saved');
    expect(log().of('ipt-error').map((e) => e.code)).to.deep.equal(['terminated', 'terminated']);
    // Nothing left to save from: no form, no control of the course; the store refuses.
    expect($(circle, 'form') === null, 'no form').to.equal(true);
    const error = await rejection(store.put(COURSE, 'person', { id: 'p2', name: 'Luis', ring: 1 }));
    expect(error.code).to.equal('terminated');
    expect(await databaseNames()).not.to.include(database);
  });

  it('wipe() in this page: the widgets on the shared store show the course gone, and the database stays deleted', async () => {
    const database = uniqueDb('gone');
    const seeder = await diskStore(database);
    await seeded(seeder);
    seeder.close();
    const circle = await mountElement('ipt-relationship-circle', { database });
    expect(shown(circle)).to.contain('Ana');
    await wipe({ indexedDB: scopedFactory(database) });
    await until(circle, () => !shown(circle).includes('Ana'), 'the circle no longer shows Ana');
    expect(shown(circle)).to.contain('This course is no longer stored here');
    await settle(circle);
    expect(await databaseNames()).not.to.include(database);
  });
});

describe('widgets: a flood of notices on the channel', () => {
  it('5,000 notices from another script make a few reads of the course, not one each', async function () {
    this.timeout(60000);
    const store = await diskStore();
    await seeded(store);
    const tags = ['ipt-session-counter', 'ipt-relationship-circle', 'ipt-dispute-tracker', 'ipt-goal-checklist'] as const;
    const widgets = await Promise.all(tags.map((tag) => mountElement(tag, { store, ready: false })));
    await waitUntil(() => log().of('ipt-ready').length === 4, 'all four ready', { timeout: patience() });
    const channel = new BroadcastChannel(`ipt-elements:${store.database}`);
    const [, n] = await reads(async () => {
      // A channel made after the store's hears a message after it: once this one has the last, the store has heard them all.
      const after = new BroadcastChannel(`ipt-elements:${store.database}`);
      const delivered = new Promise((resolve) => (after.onmessage = (e) => e.data === 'last' && resolve(undefined)));
      for (let i = 0; i < 5000; i++) channel.postMessage({ courseId: COURSE, changes: [{ entity: 'goal', id: 'g1', op: 'update' }] });
      channel.postMessage('last');
      await delivered;
      after.close();
      for (let i = 0; i < 5; i++) await Promise.all(widgets.map((w) => settle(w)));
    });
    channel.close();
    expect(n).to.be.below(50);
    expect(n).to.be.above(0);
    expect(shown(widgets[1]!)).to.contain('Ana');
  });
});
