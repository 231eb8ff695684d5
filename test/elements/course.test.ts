/** <ipt-course>: the widgets inside share its course and store; its attributes configure them all. */
import { expect } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { toDocument, validate, type IptCourse, type IptStore } from '../../src/index.js';
import { $, COURSE, courseState, log, memoryStore, shown, textOf, until } from './helpers.js';

const placed: Element[] = [];
afterEach(() => placed.splice(0).forEach((e) => e.remove()));

/** Puts markup in the page and waits until every widget inside has loaded its course. */
async function place(markup: string, store?: IptStore): Promise<IptCourse> {
  const host = document.createElement('div');
  host.innerHTML = markup;
  const course = host.querySelector('ipt-course')!;
  if (store) course.store = store;
  const widgets = host.querySelectorAll('ipt-session-counter, ipt-relationship-circle').length;
  const ready = log().nextAll('ipt-ready', widgets);
  document.body.append(host);
  placed.push(host);
  await ready;
  return course;
}

async function seeded(courseId = COURSE): Promise<IptStore> {
  const store = await memoryStore();
  const state = courseState({ sessions: 4 }, courseId);
  state.people = [validate('person', { id: 'p1', courseId, name: 'Ana', ring: 1 })];
  await store.importCourse(toDocument(state), { replace: true });
  return store;
}

describe('ipt-course', () => {
  it('gives the widgets inside its course and its store', async () => {
    const store = await seeded();
    const course = await place(
      `<ipt-course course-id="${COURSE}" today="2026-06-01"><ipt-session-counter></ipt-session-counter><div><ipt-relationship-circle></ipt-relationship-circle></div></ipt-course>`,
      store,
    );
    const counter = course.querySelector('ipt-session-counter')!;
    const circle = course.querySelector('ipt-relationship-circle')!;
    expect(counter.courseId).to.equal(COURSE);
    expect(counter.store).to.equal(store);
    expect(circle.store).to.equal(store);
    expect(textOf($(counter, 'header h2'))).to.equal('Session 4 of 16');
    expect(shown(circle)).to.contain('Ana');
    expect(log().of('ipt-error')).to.deep.equal([]);
  });

  it('passes changes of its attributes down: another course, readonly, theme', async () => {
    const store = await seeded();
    const other = courseState({ sessions: 2 }, 'c2');
    await store.importCourse(toDocument(other));
    const course = await place(`<ipt-course course-id="${COURSE}"><ipt-session-counter></ipt-session-counter></ipt-course>`, store);
    const counter = course.querySelector('ipt-session-counter')!;
    course.setAttribute('course-id', 'c2');
    await until(counter, () => textOf($(counter, 'header h2')) === 'Session 2 of 16', 'the other course shows');
    course.setAttribute('readonly', '');
    course.setAttribute('theme', 'dark');
    await course.updateComplete;
    await counter.updateComplete;
    expect(counter.readonly).to.equal(true);
    expect(counter.getAttribute('theme')).to.equal('dark');
    expect($(counter, 'form')).to.equal(null);
    course.removeAttribute('readonly');
    course.removeAttribute('theme');
    await course.updateComplete;
    await counter.updateComplete;
    expect(counter.readonly).to.equal(false);
    expect(counter.hasAttribute('theme')).to.equal(false);
  });

  it("keeps a widget's own attributes over the container's", async () => {
    const store = await seeded();
    await store.importCourse(toDocument(courseState({ sessions: 2 }, 'c2')));
    const course = await place(`<ipt-course course-id="${COURSE}" readonly><ipt-session-counter course-id="c2"></ipt-session-counter></ipt-course>`, store);
    const counter = course.querySelector('ipt-session-counter')!;
    expect(textOf($(counter, 'header h2'))).to.equal('Session 2 of 16');
    expect(counter.readonly, 'readonly still comes from the container').to.equal(true);
  });

  it('reaches widgets inside another component\'s shadow root', async () => {
    const store = await seeded();
    class Wrapper extends LitElement {
      override render() {
        return html`<ipt-session-counter></ipt-session-counter>`;
      }
    }
    if (!customElements.get('test-wrapper')) customElements.define('test-wrapper', Wrapper);
    const course = await place(`<ipt-course course-id="${COURSE}"><test-wrapper></test-wrapper></ipt-course>`, store);
    const wrapper = course.querySelector('test-wrapper') as Wrapper;
    await wrapper.updateComplete;
    const counter = wrapper.shadowRoot!.querySelector('ipt-session-counter')!;
    await until(counter, () => textOf($(counter, 'header h2')) === 'Session 4 of 16', 'the counter inside the shadow root shows the course');
    expect(counter.store).to.equal(store);
  });

  it('stops passing changes to a widget taken out of it', async function () {
    this.timeout(30000); // axe (its first run in this file loads it): seconds on a busy machine
    const store = await seeded();
    const course = await place(`<ipt-course course-id="${COURSE}"><ipt-session-counter></ipt-session-counter></ipt-course>`, store);
    const counter = course.querySelector('ipt-session-counter')!;
    counter.remove();
    placed.push(counter);
    course.setAttribute('readonly', '');
    await course.updateComplete;
    expect(counter.readonly).to.equal(false);
    await expect(course).to.be.accessible();
  });

  it('gives its patient to a course started inside it, and refuses a patient that is no Patient reference', async () => {
    const store = await memoryStore();
    const course = await place(`<ipt-course course-id="${COURSE}" patient="Patient/p-42"><ipt-session-counter></ipt-session-counter></ipt-course>`, store);
    const counter = course.querySelector('ipt-session-counter')!;
    expect(counter.patient).to.equal('Patient/p-42');
    const created = log().next('ipt-change');
    counter.shadowRoot!.querySelector<HTMLFormElement>('form[aria-labelledby="start-title"]')!.requestSubmit();
    await created;
    expect((await store.requireCourse(COURSE)).course.patient).to.equal('Patient/p-42');
    expect(shown(counter), 'the reference is never shown').to.not.contain('p-42');
    const refused = log().next('ipt-error');
    course.setAttribute('patient', 'https://evil.example/Patient/1');
    expect((await refused).detail).to.deep.equal({ code: 'invalid-input', message: 'Invalid patient: must be a literal reference, Patient/<id>', field: 'patient' });
    expect(counter.patient).to.equal('');
  });
});
