/**
 * The widgets of a page read a course once, write without reading it again, and show themselves
 * busy only when a write is slow.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { toDocument, validate, type IptStore } from '../../src/index.js';
import { $, $$, COURSE, courseState, diskStore, holdWrites, log, mountElement, patience, textOf, until } from './helpers.js';
import { control } from './goal-checklist-helpers.js';
import { reads } from '../fixtures.js';

async function seeded(): Promise<IptStore> {
  const store = await diskStore();
  const state = courseState({ sessions: 4 });
  state.people = [validate('person', { id: 'p1', courseId: COURSE, name: 'Ana', ring: 2 })];
  state.goals = [validate('goal', { id: 'g1', courseId: COURSE, text: 'Call Ana weekly', area: 'role-dispute', order: 1, set: '2026-01-05' })];
  await store.importCourse(toDocument(state), { replace: true });
  return store;
}

const TAGS = ['ipt-session-counter', 'ipt-relationship-circle', 'ipt-dispute-tracker', 'ipt-goal-checklist'] as const;

describe('widgets: one read of a course', () => {
  it('four widgets of a page read the course once; a tick is stored and shown by all without a read', async () => {
    const store = await seeded();
    // A store the page has not read yet.
    const [widgets, mounted] = await reads(async () => {
      const all = await Promise.all(TAGS.map((tag) => mountElement(tag, { store, ready: false })));
      await waitUntil(() => log().of('ipt-ready').length === 4, 'all four ready', { timeout: patience() });
      return all;
    });
    expect(mounted).to.equal(1);
    const [checklist] = widgets.slice(3);
    const changed = log().next('ipt-change');
    const [, written] = await reads(async () => {
      control(checklist!, 'g1', 'check').click();
      await changed;
    });
    expect(written).to.equal(0);
    expect(control(checklist!, 'g1', 'check').checked).to.equal(true);
    expect((await store.getCourse(COURSE))!.goals[0]!.achievement).to.equal('achieved');
  });
});

describe('widgets: one task each for a large course', () => {
  /** How many of the widgets were still loading as each one became ready. */
  async function loadingAtEachReady(store: IptStore): Promise<number[]> {
    const loading: number[] = [];
    const widgets: Element[] = [];
    const onReady = () => loading.push(widgets.filter((w) => (w as unknown as { phase: string }).phase === 'loading').length);
    document.addEventListener('ipt-ready', onReady);
    widgets.push(...(await Promise.all(TAGS.map((tag) => mountElement(tag, { store, ready: false })))));
    await waitUntil(() => loading.length === 4, 'all four ready', { timeout: patience() });
    document.removeEventListener('ipt-ready', onReady);
    return loading;
  }

  it('widgets given a large course at once render it in tasks of their own', async () => {
    const store = await diskStore();
    await store.importCourse(toDocument(courseState({ sessions: 101 })));
    // When the first is ready the three others have not rendered the course yet, and so on.
    expect(await loadingAtEachReady(store)).to.deep.equal([3, 2, 1, 0]);
  });

  it('a course of 100 records or fewer renders in all four at once', async () => {
    expect(await loadingAtEachReady(await seeded())).to.deep.equal([0, 0, 0, 0]);
  });
});

describe('widgets: busy only when slow', () => {
  it('a quick move never disables the controls; a slow one does while it lasts, then gives them back', async () => {
    const store = await seeded();
    const el = await mountElement('ipt-relationship-circle', { store });
    const disabled: string[] = [];
    const watch = new MutationObserver((records) => records.forEach((r) => (r.target as Element).hasAttribute('disabled') && disabled.push((r.target as Element).getAttribute('aria-label') ?? '')));
    watch.observe(el.shadowRoot!, { attributes: true, attributeFilter: ['disabled'], subtree: true });
    let moved = log().next('ipt-change');
    $<HTMLButtonElement>(el, 'button[aria-label="Move Ana closer"]')!.click();
    await moved;
    await el.updateComplete;
    watch.takeRecords().forEach((r) => (r.target as Element).hasAttribute('disabled') && disabled.push((r.target as Element).getAttribute('aria-label') ?? ''));
    // Ana is now on ring 1: Closer is disabled for that reason, and nothing else ever was.
    expect(disabled).to.deep.equal(['Move Ana closer']);
    watch.disconnect();

    const { release } = holdWrites(store);
    moved = log().next('ipt-change');
    $<HTMLButtonElement>(el, 'button[aria-label="Move Ana further"]')!.click();
    // The write is held at the gate: once it has taken longer than a quick one, the controls show it.
    await until(el, () => $$<HTMLButtonElement>(el, '[data-dir]').every((b) => b.disabled), 'every ring button disabled while the write lasts');
    expect($$<HTMLButtonElement>(el, '[data-dir]').every((b) => b.disabled), 'every ring button disabled while the write lasts').to.equal(true);
    release();
    await moved;
    await el.updateComplete;
    expect($<HTMLButtonElement>(el, 'button[aria-label="Move Ana further"]')!.disabled).to.equal(false);
    await waitUntil(() => textOf($(el, '[role=status]')) === 'Ana: ring 2', 'the move is said');
  });
});
