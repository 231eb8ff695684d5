import { expect } from '@open-wc/testing';
import { fromFhirBundle, toFhirBundle } from '../../src/fhir/index.js';
import { toDocument } from '../../src/model/index.js';
import { sampleState } from '../fixtures.js';
import { minimalDocument, richDocument } from './fixtures.js';

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('FHIR round trip: document → Bundle → document', () => {
  for (const type of ['collection', 'transaction'] as const) {
    it(`gives back every field of a course with every optional field set (${type})`, () => {
      const doc = richDocument();
      expect(fromFhirBundle(viaJson(toFhirBundle(doc, { type })))).to.deep.equal(doc);
    });

    it(`gives back a minimal course: no start, no records, and no patient in a collection (${type})`, () => {
      // A transaction needs a patient (test/fhir/patient.test.ts).
      const doc = type === 'collection' ? minimalDocument() : { ...minimalDocument(), course: { ...minimalDocument().course, patient: 'Patient/7' } };
      expect(doc.course.start).to.equal(undefined);
      expect(fromFhirBundle(viaJson(toFhirBundle(doc, { type })))).to.deep.equal(doc);
    });
  }

  it('gives back the sample course and a transaction of conditional creates', () => {
    const doc = toDocument(sampleState(), new Date('2026-02-01T10:00:00Z'));
    expect(fromFhirBundle(toFhirBundle(doc))).to.deep.equal(doc);
    expect(fromFhirBundle(toFhirBundle(richDocument(), { type: 'transaction', conditional: 'create' }))).to.deep.equal(richDocument());
  });

  it('tells an empty text from an absent one (FHIR strings cannot be empty)', () => {
    const doc = richDocument();
    doc.course.patient = '';
    doc.course.authorization!.reference = '';
    const back = fromFhirBundle(viaJson(toFhirBundle(doc)));
    expect(back.course.patient).to.equal('');
    expect(back.course.authorization!.reference).to.equal('');
    expect(back.course.contract.history.map((c) => c.reason)).to.deep.equal(['More time for the dispute', '', undefined]);
    expect(back.disputes[0]!.history.map((m) => m.note)).to.deep.equal(['Silent for weeks', '', undefined]);
    expect(back.measures.map((m) => m.label)).to.deep.equal([undefined, 'GAD-7 at intake', undefined, undefined, 'WSAS', '', undefined]);
    expect(back).to.deep.equal(doc);
  });

  it('gives back the initial phase: the diagnosis with and without a Condition, the sick role, the formulation, the protocol (issue 21)', () => {
    const doc = richDocument();
    const bundle = toFhirBundle(doc, { type: 'transaction' });
    const plan = bundle.entry[0]!.resource as Record<string, any>;
    // The diagnosis and the focus are what the CarePlan addresses; the host's Condition is referred to as it is.
    expect(plan.addresses[0]).to.deep.include({ reference: 'Condition/dx-7', display: 'Major depressive episode, moderate' });
    expect(plan.addresses).to.have.length(3);
    expect(plan.note[0].text).to.equal('Low mood began with the dispute over chores');
    expect(plan.activity.at(-1).detail).to.deep.include({ status: 'completed', scheduledPeriod: { start: '2026-01-05' }, description: 'Excused from overtime <i>for now</i>' });
    expect(fromFhirBundle(viaJson(bundle))).to.deep.equal(doc);
    // No Condition, a sick role without a note, a formulation neither agreed nor changed, empty texts in its history.
    doc.course.diagnosis = { text: 'Depression' };
    doc.course.sickRole = { date: '2026-01-05', note: '' };
    doc.course.formulation = { text: 'Low mood', history: [] };
    expect(fromFhirBundle(viaJson(toFhirBundle(doc)))).to.deep.equal(doc);
    doc.course.formulation = { text: 'Low mood', history: [{ date: '2026-01-12', before: '', after: 'Low mood' }] };
    delete doc.course.protocol;
    delete doc.course.diagnosis;
    expect(fromFhirBundle(viaJson(toFhirBundle(doc)))).to.deep.equal(doc);
  });

  it('refuses a CarePlan that marks two diagnoses (issue 21)', () => {
    const bundle = viaJson(toFhirBundle(richDocument())) as unknown as { entry: Array<{ resource: Record<string, any> }> };
    const plan = bundle.entry[0]!.resource;
    plan.addresses.push(plan.addresses[0]);
    expect(() => fromFhirBundle(bundle)).to.throw(/marks more than one diagnosis/);
    // A reference outside the bundle is taken only as the diagnosis.
    plan.addresses.pop();
    plan.addresses.push({ reference: 'Condition/elsewhere' });
    expect(() => fromFhirBundle(bundle)).to.throw(/refers to a resource the bundle does not hold/);
  });

  it('keeps an exported date that is not a FHIR instant', () => {
    const doc = { ...minimalDocument(), exported: 'yesterday' };
    const bundle = toFhirBundle(doc);
    expect(bundle.timestamp).to.equal(undefined);
    expect(fromFhirBundle(bundle).exported).to.equal('yesterday');
  });

  it('keeps the order of the focus, the goals and every list', () => {
    const doc = richDocument();
    doc.course.focus = ['grief', 'role-dispute'];
    doc.goals.reverse();
    doc.sessions.reverse();
    doc.measures.reverse();
    expect(fromFhirBundle(toFhirBundle(doc))).to.deep.equal(doc);
  });

  it('is pure: the same document gives the same bundle', () => {
    expect(toFhirBundle(richDocument(), { type: 'transaction' })).to.deep.equal(toFhirBundle(richDocument(), { type: 'transaction' }));
  });
});
