/**
 * The React example of the README, run in React 19: custom elements are native there, so
 * attributes, properties (`store`) and `on<event>` props reach the widgets without a wrapper.
 */
import { expect } from '@open-wc/testing';
import type { ReactElement } from 'react';
import type { Root } from 'react-dom/client';
// React is CommonJS only: the test runner serves it bundled as an ES module (web-test-runner.config.js).
import { React, ReactDOM, ReactDOMClient } from './react-bundle.js';
import '../../src/define.js';
import { openStore, toDocument, type IptStore } from '../../src/index.js';
import { courseState } from '../elements/helpers.js';

const { createElement, useState } = React;
const { flushSync } = ReactDOM;
const { createRoot } = ReactDOMClient;

let root: Root | undefined;
let host: HTMLElement | undefined;
let store: IptStore | undefined;
afterEach(() => {
  root?.unmount();
  host?.remove();
  store?.close();
});

/** The README's component: the counter and the checklist of one course, with the events a portal listens to. */
function Course(props: { courseId: string; store: IptStore; onSaved: (entity: string) => void; onGoal: (goalId: string) => void }): ReactElement {
  const [locked, setLocked] = useState(false);
  return createElement(
    'div',
    null,
    createElement('button', { type: 'button', id: 'lock', onClick: () => setLocked(true) }, 'Lock'),
    createElement('ipt-course', { 'course-id': props.courseId, store: props.store, readonly: locked ? true : undefined },
      createElement('ipt-session-counter', { 'onipt-change': (e: CustomEvent) => props.onSaved(e.detail.entity) }),
      createElement('ipt-goal-checklist', { 'onipt-goal-change': (e: CustomEvent) => props.onGoal(e.detail.goalId) }),
    ),
  );
}

describe('React 19', () => {
  it('renders the widgets with a store property, hears their events, and passes a state change down', async () => {
    store = await openStore({ storage: 'memory' });
    const state = courseState({ sessions: 2 });
    await store.importCourse(toDocument({ ...state, goals: [{ id: 'g1', courseId: state.course.id, text: 'Walk daily', area: 'grief', order: 1, set: '2026-01-05', lifecycle: 'active' }] }));
    const saved: string[] = [];
    const goals: string[] = [];
    host = document.body.appendChild(document.createElement('div'));
    root = createRoot(host);
    // Each widget is ready in a task of its own: wait for both.
    let readies = 0;
    const ready = new Promise<void>((r) => host!.addEventListener('ipt-ready', () => ++readies === 2 && r()));
    flushSync(() => root!.render(createElement(Course, { courseId: state.course.id, store: store!, onSaved: (e: string) => saved.push(e), onGoal: (g: string) => goals.push(g) })));
    await ready;
    const counter = host.querySelector('ipt-session-counter')!;
    const checklist = host.querySelector('ipt-goal-checklist')!;
    expect(counter.store, 'the store reached the widget as a property').to.equal(store);
    await counter.updateComplete;
    await checklist.updateComplete;
    expect(counter.shadowRoot!.querySelector('h2')!.textContent).to.equal('Session 2 of 16');

    // An event handler prop hears the widget's event.
    const goalChanged = new Promise((r) => checklist.addEventListener('ipt-goal-change', r, { once: true }));
    checklist.shadowRoot!.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    await goalChanged;
    expect(goals).to.deep.equal(['g1']);

    counter.shadowRoot!.querySelector<HTMLFormElement>('#record-form')!.requestSubmit();
    await new Promise((r) => counter.addEventListener('ipt-session-logged', r, { once: true }));
    expect(saved).to.deep.equal(['session']);

    // React state → attribute on the container → every widget.
    flushSync(() => host!.querySelector<HTMLButtonElement>('#lock')!.click());
    await host.querySelector('ipt-course')!.updateComplete;
    await counter.updateComplete;
    expect(counter.readonly).to.equal(true);
    expect(counter.shadowRoot!.querySelector('form')).to.equal(null);
  });
});
