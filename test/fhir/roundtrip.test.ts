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

  it('gives back how each session was held; an export made before modes (class AMB, no ParticipationMode) reads as video, the default (issue 19, item 13)', () => {
    const doc = richDocument();
    for (const mode of ['video', 'phone', 'in-person'] as const) {
      doc.sessions[0]!.mode = mode;
      expect(fromFhirBundle(viaJson(toFhirBundle(doc))).sessions[0]!.mode).to.equal(mode);
    }
    const old = viaJson(toFhirBundle(richDocument())) as unknown as { entry: Array<{ resource: Record<string, any> }> };
    for (const { resource } of old.entry.filter((e) => e.resource.resourceType === 'Encounter')) {
      resource.class = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' };
      resource.type = resource.type.slice(0, 2);
    }
    expect(fromFhirBundle(old).sessions.map((s) => s.mode)).to.deep.equal(['video', 'video', 'video', 'video']);
    // A mode the mapping does not know is refused, naming the entry.
    const bad = viaJson(toFhirBundle(richDocument())) as unknown as { entry: Array<{ resource: Record<string, any> }> };
    bad.entry.find((e) => e.resource.resourceType === 'Encounter')!.resource.type[2].coding[0].code = 'EMAILWRIT';
    expect(() => fromFhirBundle(bad)).to.throw(/entry \d+ \(Encounter\) does not make a valid record/);
  });

  it('gives back how and when the course ended, with an empty or no reason, and a course that runs; an older export (active, no end) reads as running (issue 19, item 10)', () => {
    const doc = richDocument();
    for (const ended of [{ date: '2026-05-20', how: 'completed' as const }, { date: '2026-05-20', how: 'stopped' as const, reason: '' }, undefined]) {
      doc.course.ended = ended;
      if (!ended) delete doc.course.ended;
      expect(fromFhirBundle(viaJson(toFhirBundle(doc)))).to.deep.equal(doc);
      delete doc.course.maintenance;
      expect(fromFhirBundle(viaJson(toFhirBundle(doc)))).to.deep.equal(doc);
      doc.course.maintenance = richDocument().course.maintenance;
    }
    // A completed CarePlan without an end date makes no valid course: refused, naming the CarePlan.
    const bundle = viaJson(toFhirBundle(richDocument())) as unknown as { entry: Array<{ resource: Record<string, any> }> };
    delete bundle.entry[0]!.resource.period.end;
    expect(() => fromFhirBundle(bundle)).to.throw(/entry 0 \(CarePlan\) does not make a valid record/);
  });

  it('gives back a no-show and a cancellation from their Appointments; reads an export made before Appointments; refuses an Appointment that disagrees or that no Encounter names (issue 19, item 14)', () => {
    type Bundle = { entry: Array<{ fullUrl: string; resource: Record<string, any> }> };
    const fresh = () => viaJson(toFhirBundle(richDocument())) as unknown as Bundle;
    const sessionStatus = 'https://ipt-elements.dev/fhir/StructureDefinition/session-status';
    // Without the session-status extension (another application's Encounter), the Appointment tells a no-show from a cancellation.
    const bare = fresh();
    for (const { resource } of bare.entry.filter((e) => e.resource.resourceType === 'Encounter')) resource.extension = resource.extension.filter((x: any) => x.url !== sessionStatus);
    expect(fromFhirBundle(bare)).to.deep.equal(richDocument());
    // An export made before Appointments: no Appointment, no Encounter.appointment, the extension says no-show.
    const old = fresh();
    old.entry = old.entry.filter((e) => e.resource.resourceType !== 'Appointment');
    for (const { resource } of old.entry) delete resource.appointment;
    expect(fromFhirBundle(old)).to.deep.equal(richDocument());
    // An Appointment whose status is not its session's.
    const wrong = fresh();
    wrong.entry.find((e) => e.resource.resourceType === 'Appointment' && e.resource.status === 'noshow')!.resource.status = 'cancelled';
    expect(() => fromFhirBundle(wrong)).to.throw(/\(Encounter\) names an Appointment whose status is not that of its session/);
    // An Appointment of the course that no Encounter names.
    const loose = fresh();
    for (const { resource } of loose.entry) delete resource.appointment;
    expect(() => fromFhirBundle(loose)).to.throw(/\(Appointment\) is an Appointment of the course that no session's Encounter names/);
    // An Encounter that names another session's Appointment.
    const crossed = fresh();
    const encounters = crossed.entry.filter((e) => e.resource.appointment);
    [encounters[0]!.resource.appointment, encounters[1]!.resource.appointment] = [encounters[1]!.resource.appointment, encounters[0]!.resource.appointment];
    expect(() => fromFhirBundle(crossed)).to.throw(/names the Appointment of another session/);
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
