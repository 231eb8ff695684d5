/** Languages: Spanish ships beside English; the language follows the element's or the page's `lang`, also when it changes. */
import { expect } from '@open-wc/testing';
import '../../src/locales/es.js';
import { toDocument, validate, type IptStore } from '../../src/index.js';
import { $, COURSE, courseState, log, memoryStore, shown, textOf, until } from './helpers.js';

const placed: Element[] = [];
afterEach(() => {
  placed.splice(0).forEach((e) => e.remove());
  document.documentElement.lang = 'en';
});

async function seeded(): Promise<IptStore> {
  const store = await memoryStore();
  const state = courseState({ sessions: 14, measures: [[0, 'PHQ-9', 12]] });
  state.course = validate('course', { ...state.course, focus: ['role-dispute'] });
  state.people = [validate('person', { id: 'p1', courseId: COURSE, name: 'Ana', relationship: 'hermana', ring: 2, support: 3 })];
  state.disputes = [validate('dispute', { id: 'd1', courseId: COURSE, personId: 'p1', stage: 'impasse', history: [{ to: 'impasse', date: '2026-01-05' }] })];
  state.goals = [validate('goal', { id: 'g1', courseId: COURSE, text: 'Hablar con Ana cada semana', area: 'role-dispute', order: 1, set: '2026-01-05' })];
  await store.importCourse(toDocument(state), { replace: true });
  return store;
}

const TAGS = ['ipt-session-counter', 'ipt-relationship-circle', 'ipt-dispute-tracker', 'ipt-goal-checklist', 'ipt-formulation'] as const;

async function place(lang: string | null, store: IptStore) {
  const host = document.createElement('div');
  if (lang) host.lang = lang;
  host.innerHTML = `<ipt-course course-id="${COURSE}" today="2026-06-01">${TAGS.map((t) => `<${t}></${t}>`).join('')}</ipt-course>`;
  host.querySelector('ipt-course')!.store = store;
  const ready = log().nextAll('ipt-ready', TAGS.length);
  document.body.append(host);
  placed.push(host);
  await ready;
  return TAGS.map((t) => host.querySelector(t)!);
}

describe('languages', () => {
  it('speaks Spanish in every widget under lang="es-MX", and axe finds nothing', async function () {
    this.timeout(30000); // four widgets in two languages, and axe over each: seconds on a busy machine
    const [counter, circle, disputes, goals, formulation] = await place('es-MX', await seeded());
    expect(textOf($(counter!, 'header h2'))).to.equal('Sesión 14 de 16');
    expect(shown(counter!)).to.contain('Quedan 2 sesiones').and.contain('hable ahora del final');
    expect(shown(circle!)).to.contain('Inventario interpersonal').and.contain('de apoyo');
    expect(shown(disputes!)).to.contain('Estancamiento').and.contain('Disputa de roles'.slice(0, 7));
    expect(shown(goals!)).to.contain('Objetivos del tratamiento').and.contain('0 de 1 logrados');
    // Dates through Intl in the language.
    expect(shown(goals!)).to.contain('ene 2026');
    expect(shown(formulation!)).to.contain('Fase inicial').and.contain('Falta acordar: la formulación.');
    for (const el of [counter, circle, disputes, goals, formulation]) await expect(el).to.be.accessible();
  });

  it('follows the page when its lang changes, without a reload', async () => {
    const [counter, circle] = await place(null, await seeded());
    expect(textOf($(counter!, 'header h2'))).to.equal('Session 14 of 16');
    document.documentElement.lang = 'es';
    await until(counter!, () => textOf($(counter!, 'header h2')) === 'Sesión 14 de 16', 'the counter switches to Spanish');
    await circle!.updateComplete;
    expect(shown(circle!)).to.contain('Inventario interpersonal');
    document.documentElement.lang = 'en';
    await until(counter!, () => textOf($(counter!, 'header h2')) === 'Session 14 of 16', 'and back to English');
  });

  it('says a problem in Spanish in a Spanish page; the host still hears the error in English', async () => {
    const [counter] = await place('es', await seeded());
    const error = log().next('ipt-error');
    counter!.setAttribute('today', '2026-02-30');
    const heard = (await error).detail;
    await counter!.updateComplete;
    const banner = textOf($(counter!, '[role=alert]'));
    expect(banner).to.contain('No se guardó').and.contain('Un valor no es válido');
    expect(banner).not.to.contain(heard.message);
    expect(heard).to.deep.include({ code: 'invalid-input', field: 'today' });
    await expect(counter!).to.be.accessible();
  });

  it('falls back to English for a language it does not have', async () => {
    const [counter] = await place('de', await seeded());
    expect(textOf($(counter!, 'header h2'))).to.equal('Session 14 of 16');
  });
});
