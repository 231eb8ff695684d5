/**
 * The demo's sample course (demo/sample.js) is a course a trainer could show as good practice
 * (issue 19, the demo; IPT.md): each rule below is what the issue found broken in it.
 */
import { expect } from '@open-wc/testing';
import {
  deficitsWarnings,
  focusSuggestions,
  formulationAgreed,
  measureDue,
  numberSessions,
  parseDocument,
  phaseBounds,
  presetOf,
  sessionOn,
  type CourseDocument,
} from '../../src/model/index.js';

// Loaded by URL, as the demo loads it (a plain script module of the demo, outside the package).
const SAMPLE = '../../demo/sample.js';

describe('the demo sample course as good practice (issue 19)', () => {
  let doc: CourseDocument;
  before(async () => {
    const { sampleCourse } = (await import(SAMPLE)) as { sampleCourse: (id: string) => unknown };
    doc = parseDocument(sampleCourse('demo-course'));
  });
  const attended = () => numberSessions(doc.course, doc.sessions).filter((n) => n.number !== undefined && n.session.kind === 'acute');

  it('keeps the contract agreed at the start, within its protocol', () => {
    expect(doc.course.contract.history).to.deep.equal([]);
    expect(doc.course.protocol).to.equal('acute');
    expect(doc.course.contract.sessions).to.be.within(12, 16);
    expect(doc.course.contract.sessions).to.equal(presetOf('acute').contract);
  });

  it('takes a death near the onset as grief, first, never interpersonal deficits (the "hidden grief" trap)', () => {
    const suggested = focusSuggestions(doc.people, doc.disputes);
    expect(suggested.map((s) => s.area)).to.include('grief');
    expect(doc.course.focus[0]).to.equal('grief');
    expect(doc.course.focus).to.have.length.within(1, 2);
    expect(doc.course.focus).to.not.include('interpersonal-deficits');
    expect(deficitsWarnings(doc.course.focus, doc.people)).to.deep.equal([]);
    // Every focus area is one the inventory suggests, and every goal is of the focus.
    for (const area of doc.course.focus) expect(suggested.map((s) => s.area)).to.include(area);
    for (const g of doc.goals) expect(doc.course.focus).to.include(g.area);
    for (const area of doc.course.focus) expect(doc.goals.some((g) => g.area === area), area).to.equal(true);
  });

  it('does the initial phase in its sessions: diagnosis, sick role at session 1, a formulation the patient agreed by its last session', () => {
    const held = attended();
    const { initialEnd } = phaseBounds(doc.course.contract.sessions, doc.course.phases);
    expect(doc.course.diagnosis?.text).to.be.a('string');
    expect(doc.course.sickRole?.date).to.equal(held[0]!.session.date);
    expect(formulationAgreed(doc.course.formulation)).to.equal(true);
    expect(doc.course.formulation!.agreed! <= held[initialEnd - 1]!.session.date).to.equal(true);
    expect(doc.course.formulation!.text).to.match(/Mum died/);
  });

  it('measures PHQ-9 and GAD-7 at intake and every 4 sessions, at attended sessions only', () => {
    const held = attended();
    const due = held.filter((n) => measureDue(doc.course, n.number!)).map((n) => n.session.id);
    expect(due.length).to.be.greaterThan(1);
    for (const instrument of ['PHQ-9', 'GAD-7'] as const) {
      const at = doc.measures.filter((m) => m.instrument === instrument).map((m) => m.sessionId);
      expect(at, instrument).to.deep.equal(due);
    }
    const ids = new Set(held.map((n) => n.session.id));
    for (const m of doc.measures) expect(ids.has(m.sessionId!), m.id).to.equal(true);
  });

  it('records each dispute move at the attended session of its date', () => {
    for (const d of doc.disputes) {
      for (const move of d.history) expect(move.session, move.date).to.equal(sessionOn(doc.course, doc.sessions, move.date));
    }
  });
});
