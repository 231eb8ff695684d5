/**
 * Protocol presets and the initial phase in the other widgets (issue 21): `protocol` on <ipt-course>
 * sets up a course started inside it; the counter says when the middle phase starts with no agreed
 * focus or formulation, and when a protocol asks for a measure; a bad protocol is refused.
 */
import { expect } from '@open-wc/testing';
import type { IptCourse, IptSessionCounter } from '../../src/index.js';
import { $, COURSE, courseState, log, memoryStore, mountElement, settle, shown, textOf } from './helpers.js';
import { toDocument, validate } from '../../src/index.js';

async function inCourse(attrs: Record<string, string>, store: Awaited<ReturnType<typeof memoryStore>>) {
  const ready = log().next('ipt-ready');
  const course = document.createElement('ipt-course') as IptCourse;
  for (const [k, v] of Object.entries(attrs)) course.setAttribute(k, v);
  course.setAttribute('course-id', COURSE);
  course.setAttribute('today', '2026-06-01');
  course.store = store;
  const counter = document.createElement('ipt-session-counter') as IptSessionCounter;
  course.append(counter);
  document.body.append(course);
  await ready;
  await counter.updateComplete;
  return { course, counter, remove: () => course.remove() };
}

describe('protocol presets', () => {
  it('<ipt-course protocol> starts a course with the contract, phases and protocol of the manual', async () => {
    const store = await memoryStore();
    const { counter, remove } = await inCourse({ protocol: 'iptuk' }, store);
    try {
      const planned = $<HTMLInputElement>(counter, '[name="planned"]')!;
      expect(planned.value).to.equal('16');
      const changed = log().next('ipt-change');
      $<HTMLFormElement>(counter, 'form')!.requestSubmit();
      await changed;
      await settle(counter);
      const { course } = (await store.getCourse(COURSE))!;
      expect(course).to.deep.include({ protocol: 'iptuk', phases: { initial: 4, termination: 3, window: 3 } });
      expect(textOf($(counter, '.legend'))).to.contain('Initial phase 1–4');
      await expect(counter).to.be.accessible();
    } finally {
      remove();
    }
  });

  it('offers the contract of interpersonal counselling and of WHO group IPT', async () => {
    for (const [protocol, sessions] of [['counselling', '6'], ['who-group', '8'], ['ipt-a', '12']] as const) {
      const store = await memoryStore();
      const { counter, remove } = await inCourse({ protocol }, store);
      expect($<HTMLInputElement>(counter, '[name="planned"]')!.value, protocol).to.equal(sessions);
      remove();
    }
  });

  it('refuses an unknown protocol with a clear message and starts the course with the defaults', async () => {
    const store = await memoryStore();
    const error = log().next('ipt-error');
    const { counter, remove } = await inCourse({ protocol: 'freud' }, store);
    try {
      expect((await error).detail).to.deep.equal({ code: 'invalid-input', message: 'Invalid protocol: must be one of acute, iptuk, counselling, who-group, ipt-a, stuart-robertson', field: 'protocol' });
      expect(textOf($(counter, '[part="error"]'))).to.contain('Invalid protocol');
      expect($<HTMLInputElement>(counter, '[name="planned"]')!.value).to.equal('16');
      const changed = log().next('ipt-change');
      $<HTMLFormElement>(counter, 'form')!.requestSubmit();
      await changed;
      expect((await store.getCourse(COURSE))!.course.protocol).to.equal(undefined);
    } finally {
      remove();
    }
  });
});

describe('the counter and the initial phase', () => {
  async function counterOn(sessions: number, course: object = {}) {
    const store = await memoryStore();
    const state = courseState({ sessions });
    state.course = validate('course', { ...state.course, ...course });
    await store.importCourse(toDocument(state), { replace: true });
    return mountElement('ipt-session-counter', { store });
  }
  const gaps = (el: Element) => textOf($(el, '[part="initial-gaps"]'));

  it('says nothing in the initial phase before its last session', async () => {
    expect(gaps(await counterOn(1))).to.equal('');
  });

  it('says when the middle phase starts with no agreed focus or formulation, and which', async () => {
    let el = await counterOn(2);
    expect(gaps(el), 'session 3 is still initial').to.equal('');
    el = await counterOn(3);
    expect(gaps(el)).to.equal('The middle phase starts with no agreed focus or formulation.');
    await expect(el).to.be.accessible();
    el = await counterOn(5, { focus: ['grief'] });
    expect(gaps(el)).to.equal('The middle phase starts with no agreed formulation.');
    el = await counterOn(5, { focus: ['grief'], formulation: { text: 'x', history: [] } });
    expect(gaps(el)).to.equal('The middle phase starts with no agreed formulation.');
    el = await counterOn(5, { formulation: { text: 'x', agreed: '2026-01-06', history: [] } });
    expect(gaps(el)).to.equal('The middle phase starts with no agreed focus.');
    el = await counterOn(5, { focus: ['grief'], formulation: { text: 'x', agreed: '2026-01-06', history: [] } });
    expect(gaps(el)).to.equal('');
    // Past the middle phase it is no longer the question.
    el = await counterOn(15);
    expect(gaps(el)).to.equal('');
  });

  it('says when the protocol asks for a measure at the next session', async () => {
    let el = await counterOn(4, { protocol: 'acute' });
    expect(shown(el)).to.contain('The protocol asks for a symptom measure at this session.');
    el = await counterOn(5, { protocol: 'acute' });
    expect(shown(el)).to.not.contain('asks for a symptom measure');
    el = await counterOn(4);
    expect(shown(el)).to.not.contain('asks for a symptom measure');
  });
});
