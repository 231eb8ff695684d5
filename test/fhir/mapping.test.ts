import { expect } from '@open-wc/testing';
import { CODE_SYSTEMS, EXTENSIONS, IDENTIFIER_SYSTEMS, toFhirBundle, type FhirBundle, type FhirResource } from '../../src/fhir/index.js';
import { minimalDocument, richDocument } from './fixtures.js';

type Any = Record<string, any>;
const ofType = (bundle: FhirBundle, type: string) => bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource as Any);
const codings = (concepts: Any[] | Any | undefined) => [concepts ?? []].flat().flatMap((c: Any) => c.coding ?? []);
const ext = (resource: Any, url: string) => (resource.extension ?? []).find((e: Any) => e.url === url);
const sub = (extension: Any | undefined, name: string) => extension?.extension?.find((e: Any) => e.url === name);
const identifier = (r: FhirResource) => (r.identifier as Any[])[0];

describe('FHIR mapping', () => {
  const doc = richDocument();
  const bundle = toFhirBundle(doc);
  const urls = new Set(bundle.entry.map((e) => e.fullUrl));
  const resolve = (ref: Any) => bundle.entry.find((e) => e.fullUrl === ref.reference)?.resource as Any;

  it('makes one resource per record, a CarePlan first', () => {
    expect(bundle).to.include({ resourceType: 'Bundle', type: 'collection', timestamp: doc.exported });
    expect(bundle.entry[0]!.resource.resourceType).to.equal('CarePlan');
    const count = (t: string) => ofType(bundle, t).length;
    expect([count('CarePlan'), count('Condition'), count('RelatedPerson'), count('Goal'), count('Encounter'), count('Appointment'), count('Observation')]).to.deep.equal([
      1,
      doc.course.focus.length + doc.disputes.length,
      doc.people.length,
      doc.goals.length,
      doc.sessions.length,
      doc.sessions.filter((s) => s.status !== 'attended').length,
      doc.measures.length,
    ]);
  });

  it('gives the CarePlan the course: period, focus Conditions, goals, contract, patient', () => {
    const [plan] = ofType(bundle, 'CarePlan') as [Any];
    expect(plan).to.include({ status: 'revoked', intent: 'plan' });
    expect(plan.subject).to.deep.equal({ reference: 'Patient/42' });
    expect(plan.period).to.deep.equal({ start: '2026-01-05', end: '2026-05-20' });
    // First the diagnosis (the host's Condition, marked), then the focus Conditions.
    expect(plan.addresses[0]).to.deep.equal({ extension: [{ url: EXTENSIONS.diagnosis, valueBoolean: true }], reference: 'Condition/dx-7', display: 'Major depressive episode, moderate' });
    expect(plan.addresses.slice(1).map((r: Any) => codings(resolve(r).code)[0].code)).to.deep.equal(['role-dispute', 'grief']);
    expect(plan.goal.map((r: Any) => resolve(r).description.text)).to.deep.equal(doc.goals.map((g) => g.text));
    expect(plan.activity.at(-1).detail).to.deep.equal({
      code: { coding: [{ system: 'https://ipt-elements.dev/fhir/CodeSystem/initial-task', code: 'sick-role', display: 'Sick role given' }] },
      status: 'completed',
      scheduledPeriod: { start: '2026-01-05' },
      description: 'Excused from overtime <i>for now</i>',
    });
    expect(plan.note).to.have.length(1);
    expect(ext(plan.note[0], EXTENSIONS.formulation).extension.map((e: Any) => e.url)).to.deep.equal(['agreed', 'change', 'change']);
    expect(ext(plan, EXTENSIONS.protocol).valueCode).to.equal('iptuk');
    expect(plan.activity.slice(0, -1).map((a: Any) => [ext(a.detail, EXTENSIONS.sessionKind).valueCode, codings(a.detail.code)[0].code, a.detail.scheduledTiming.repeat])).to.deep.equal([
      ['acute', '443730003', { count: 14 }],
      ['maintenance', '443730003', { count: 6, frequency: 1, period: 2, periodUnit: 'wk', boundsPeriod: { start: '2026-05-01' } }],
    ]);
    // Stopped during maintenance: the acute contract was completed, maintenance stopped, with the reason.
    expect(plan.activity.slice(0, -1).map((a: Any) => [a.detail.status, a.detail.statusReason])).to.deep.equal([
      ['completed', undefined],
      ['stopped', { text: 'Moved abroad' }],
    ]);
    expect(identifier(plan as FhirResource)).to.deep.equal({ system: IDENTIFIER_SYSTEMS.course, value: doc.course.id });
    expect(sub(ext(plan, EXTENSIONS.authorization), 'reference').valueString).to.equal('AUTH-77');
  });

  it('gives the CarePlan and its contracts the status of the course: running, completed or stopped early (issue 19, item 10)', () => {
    const statuses = (d: typeof doc) => {
      const plan = toFhirBundle(d).entry[0]!.resource as Any;
      const contracts = plan.activity.filter((a: Any) => ext(a.detail, EXTENSIONS.sessionKind));
      return [plan.status, plan.period, ...contracts.map((a: Any) => [ext(a.detail, EXTENSIONS.sessionKind).valueCode, a.detail.status, a.detail.statusReason?.text])];
    };
    const sessions = doc.sessions.filter((s) => s.kind === 'acute');
    const measures = doc.measures.filter((m) => !m.sessionId || sessions.some((s) => s.id === m.sessionId));
    const acute = { ...doc, course: { ...doc.course, maintenance: undefined, ended: undefined }, sessions, measures };
    const period = { start: '2026-01-05' };
    expect(statuses(acute)).to.deep.equal(['active', period, ['acute', 'in-progress', undefined]]);
    expect(statuses({ ...acute, course: { ...acute.course, ended: { date: '2026-04-20', how: 'completed' } } })).to.deep.equal(['completed', { ...period, end: '2026-04-20' }, ['acute', 'completed', undefined]]);
    expect(statuses({ ...acute, course: { ...acute.course, ended: { date: '2026-02-20', how: 'stopped', reason: 'Stopped coming' } } })).to.deep.equal([
      'revoked',
      { ...period, end: '2026-02-20' },
      ['acute', 'stopped', 'Stopped coming'],
    ]);
    // Maintenance agreed: the acute contract is completed; maintenance scheduled until its first session, then in progress.
    const agreed = { ...doc, course: { ...doc.course, ended: undefined }, sessions, measures };
    expect(statuses(agreed)).to.deep.equal(['active', period, ['acute', 'completed', undefined], ['maintenance', 'scheduled', undefined]]);
    expect(statuses({ ...agreed, sessions: doc.sessions, measures: doc.measures })).to.deep.equal(['active', period, ['acute', 'completed', undefined], ['maintenance', 'in-progress', undefined]]);
    expect(statuses({ ...agreed, sessions: doc.sessions, measures: doc.measures, course: { ...agreed.course, ended: { date: '2026-09-01', how: 'completed', reason: 'Maintenance held' } } })).to.deep.equal([
      'completed',
      { ...period, end: '2026-09-01' },
      ['acute', 'completed', undefined],
      ['maintenance', 'completed', 'Maintenance held'],
    ]);
    // No start: the period holds the end alone.
    expect(statuses({ ...acute, course: { ...acute.course, start: undefined, ended: { date: '2026-04-20', how: 'completed' } } })[1]).to.deep.equal({ end: '2026-04-20' });
  });

  it('codes every Encounter as SNOMED CT 443730003 with the status of its session', () => {
    const encounters = ofType(bundle, 'Encounter');
    for (const e of encounters) expect(codings(e.type)).to.deep.include({ system: 'http://snomed.info/sct', code: '443730003', display: 'Interpersonal psychotherapy' });
    expect(encounters.map((e) => [e.status, ext(e, EXTENSIONS.sessionStatus).valueCode, e.period.start])).to.deep.equal([
      ['finished', 'attended', '2026-01-05'],
      ['cancelled', 'cancelled', '2026-01-12'],
      ['cancelled', 'no-show', '2026-01-19'],
      ['finished', 'attended', '2026-05-01'],
    ]);
    expect(encounters.map((e) => codings(e.type).find((c: Any) => c.system === CODE_SYSTEMS.sessionKind).code)).to.deep.equal(['acute', 'acute', 'acute', 'maintenance']);
  });

  it('says how each session was held: Encounter.class VR (virtual) for video and phone, AMB in person, and the v3 ParticipationMode in its type (issue 19, item 13)', () => {
    const encounters = ofType(bundle, 'Encounter');
    expect(doc.sessions.map((s) => s.mode)).to.deep.equal(['video', 'phone', 'video', 'in-person']);
    expect(encounters.map((e) => e.class)).to.deep.equal([
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' },
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' },
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' },
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    ]);
    const modes = encounters.map((e) => codings(e.type).filter((c: Any) => c.system === 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode'));
    expect(modes).to.deep.equal([
      [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode', code: 'VIDEOCONF', display: 'videoconferencing' }],
      [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode', code: 'PHONE', display: 'telephone' }],
      [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode', code: 'VIDEOCONF', display: 'videoconferencing' }],
      [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode', code: 'FACE', display: 'face-to-face' }],
    ]);
  });

  it('books each visit not attended as an Appointment, noshow or cancelled, which its Encounter names (issue 19, item 14)', () => {
    const appointments = ofType(bundle, 'Appointment');
    const encounters = ofType(bundle, 'Encounter');
    expect(appointments.map((a) => [a.status, identifier(a as FhirResource)])).to.deep.equal([
      ['cancelled', { system: IDENTIFIER_SYSTEMS.appointment, value: `${doc.course.id}/s:2` }],
      ['noshow', { system: IDENTIFIER_SYSTEMS.appointment, value: `${doc.course.id}/s_3` }],
    ]);
    // Attended sessions have none; each other Encounter names its own Appointment.
    expect(encounters.map((e) => (e.appointment ?? []).map((r: Any) => resolve(r)?.status))).to.deep.equal([[], ['cancelled'], ['noshow'], []]);
    expect(appointments[1]).to.deep.include({
      serviceType: [{ coding: [{ system: 'http://snomed.info/sct', code: '443730003', display: 'Interpersonal psychotherapy' }] }],
      start: '2026-01-19T12:00:00Z',
      end: '2026-01-19T12:00:00Z',
      requestedPeriod: [{ start: '2026-01-19', end: '2026-01-19' }],
      participant: [{ actor: { reference: 'Patient/42' }, status: 'accepted' }],
    });
    // Each Appointment comes before the Encounter that names it (a transaction creates it first).
    const at = (r: Any) => bundle.entry.findIndex((e) => e.resource === r);
    for (const e of encounters.filter((x) => x.appointment)) expect(at(resolve(e.appointment[0]))).to.equal(at(e) - 1);
  });

  it('codes measures with LOINC (PHQ-9 44261-6, GAD-7 70274-6, EPDS 99046-5) and the local instrument code', () => {
    const observations = ofType(bundle, 'Observation');
    const loinc = (o: Any) => codings(o.code).find((c: Any) => c.system === 'http://loinc.org')?.code;
    expect(observations.map(loinc)).to.deep.equal(['44261-6', '70274-6', '99046-5', undefined, undefined, undefined, undefined]);
    expect(observations.map((o) => codings(o.code).find((c: Any) => c.system === CODE_SYSTEMS.instrument).code)).to.deep.equal(doc.measures.map((m) => m.instrument));
    expect(observations.map((o) => o.valueQuantity.value)).to.deep.equal(doc.measures.map((m) => m.score));
    expect(observations[0]).to.include({ status: 'final', effectiveDateTime: '2026-01-05' });
    expect(resolve(observations[0]!.encounter).period.start).to.equal('2026-01-05');
    expect(observations[4]!.code.text).to.equal('WSAS');
    // A HAM-D's version, which FHIR has no element for (issue 19, item 7).
    expect(observations[6]!.extension).to.deep.include({ url: EXTENSIONS.hamdVersion, valueInteger: 21 });
  });

  it('makes a Goal per goal with FHIR statuses, its area, its target session', () => {
    const [g1, g2] = ofType(bundle, 'Goal') as [Any, Any];
    expect(g1.lifecycleStatus).to.equal('completed');
    expect(codings(g1.achievementStatus)).to.deep.equal([{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'achieved' }]);
    expect(g1.target).to.deep.equal([{ measure: { coding: [{ system: CODE_SYSTEMS.goalTarget, code: 'session', display: 'Session number' }] }, detailInteger: 8 }]);
    expect(g1).to.include({ startDate: '2026-01-05' });
    expect(codings(resolve(g1.addresses[0]).code)[0].code).to.equal('role-dispute');
    expect(g2.addresses).to.equal(undefined); // its area is not in the focus
    expect(codings(g2.category)[0]).to.include({ system: CODE_SYSTEMS.problemArea, code: 'interpersonal-deficits' });
  });

  it('makes a RelatedPerson per person: ring, support and conflict in an extension', () => {
    const [p1] = ofType(bundle, 'RelatedPerson') as [Any];
    expect(p1.patient).to.deep.equal({ reference: 'Patient/42' });
    expect(p1.name).to.deep.equal([{ text: 'J. D.' }]);
    expect(p1.relationship).to.deep.equal([{ text: 'partner' }]);
    const x = ext(p1, EXTENSIONS.person);
    expect(['ring', 'support', 'conflict'].map((k) => sub(x, k).valueInteger)).to.deep.equal([2, 3, 2]);
    expect(sub(x, 'conflicted').valueString).to.equal('Chores <b>and</b> money');
  });

  it('makes a Condition per focus area and per dispute, the stage on the local CodeSystem', () => {
    const conditions = ofType(bundle, 'Condition');
    const disputes = conditions.filter((c) => identifier(c as FhirResource).system === IDENTIFIER_SYSTEMS.dispute);
    expect(disputes.map((d) => codings(d.stage[0].summary)[0])).to.deep.equal([
      { system: CODE_SYSTEMS.disputeStage, code: 'renegotiation', display: 'Renegotiation' },
      { system: CODE_SYSTEMS.disputeStage, code: 'impasse', display: 'Impasse' },
      { system: CODE_SYSTEMS.disputeStage, code: 'impasse', display: 'Impasse' },
    ]);
    // An unresolved dispute is still a problem: active, with no abatement (its closing date is in the extension).
    expect(disputes.map((d) => [codings(d.clinicalStatus)[0].code, d.abatementDateTime])).to.deep.equal([
      ['resolved', '2026-03-01'],
      ['active', undefined],
      ['active', undefined],
    ]);
    expect(sub(ext(disputes[2]!, EXTENSIONS.dispute), 'closed').valueDate).to.equal('2026-03-08');
    const x = ext(disputes[0]!, EXTENSIONS.dispute);
    expect(resolve(sub(x, 'person').valueReference).name[0].text).to.equal('J. D.');
    expect(x.extension.filter((e: Any) => e.url === 'move').length).to.equal(3);
  });

  it('categorises every problem-area and dispute Condition as a US Core health concern, never as a diagnosis (issue 19, item 12)', () => {
    const conditions = ofType(bundle, 'Condition');
    expect(conditions).to.have.length(doc.course.focus.length + doc.disputes.length);
    for (const c of conditions) {
      expect(c.category).to.deep.equal([{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/condition-category', code: 'health-concern', display: 'Health Concern' }] }]);
      expect(codings(c.category).map((k: Any) => k.code)).to.not.include.members(['problem-list-item', 'encounter-diagnosis']);
    }
  });

  it('derives stable resource ids from record ids, hashing those FHIR cannot take', () => {
    const ids = bundle.entry.map((e) => e.resource.id!);
    for (const id of ids) expect(id).to.match(/^[A-Za-z0-9.-]{1,64}$/);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.include.members(['session-s1', 'person-p1', 'goal-g1', 'measure-m1', 'focus-grief']);
    expect(ofType(bundle, 'Encounter').map((e) => e.id).filter((id) => id.startsWith('session.'))).to.have.length(3); // s:2, s_3 and the long id
    expect(toFhirBundle(richDocument()).entry.map((e) => e.resource.id)).to.deep.equal(ids);
    expect(identifier(ofType(bundle, 'Encounter')[1] as FhirResource)).to.deep.equal({ system: IDENTIFIER_SYSTEMS.session, value: `${doc.course.id}/s:2` });
  });

  it('refers within the bundle by urn:uuid fullUrls that all resolve', () => {
    for (const e of bundle.entry) expect(e.fullUrl).to.match(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(urls.size).to.equal(bundle.entry.length);
    const refs = JSON.stringify(bundle).match(/"reference":"[^"]*"/g)!.map((r) => r.slice(13, -1));
    // The host's Condition of the diagnosis is the one reference outside the bundle.
    for (const ref of refs) expect(ref === 'Patient/42' || ref === 'Condition/dx-7' || urls.has(ref), ref).to.equal(true);
  });

  it('writes no subject and a data-absent-reason where the course has no patient', () => {
    const b = toFhirBundle(minimalDocument());
    expect(b.entry).to.have.length(1);
    expect(b.entry[0]!.resource.subject).to.deep.equal({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] });
  });
});

describe('FHIR transaction bundle', () => {
  const doc = richDocument();

  it('upserts each resource by a conditional update on its identifier and patient, without ids', () => {
    const bundle = toFhirBundle(doc, { type: 'transaction' });
    expect(bundle.type).to.equal('transaction');
    for (const e of bundle.entry) {
      const { system, value } = identifier(e.resource);
      expect(e.resource.id).to.equal(undefined);
      expect(e.request).to.deep.equal({ method: 'PUT', url: `${e.resource.resourceType}?identifier=${system}|${value}&patient=Patient/42` });
    }
    expect(bundle.entry[0]!.request!.url).to.equal(`CarePlan?identifier=${IDENTIFIER_SYSTEMS.course}|course:2026_A&patient=Patient/42`);
  });

  it('can create only what the server lacks (POST with ifNoneExist)', () => {
    const bundle = toFhirBundle(doc, { type: 'transaction', conditional: 'create' });
    for (const e of bundle.entry) {
      const { system, value } = identifier(e.resource);
      expect(e.request).to.deep.equal({ method: 'POST', url: e.resource.resourceType, ifNoneExist: `identifier=${system}|${value}&patient=Patient/42` });
    }
  });

  it('uses the same urn:uuid fullUrls and references as the collection', () => {
    const collection = toFhirBundle(doc);
    const transaction = toFhirBundle(doc, { type: 'transaction' });
    expect(transaction.entry.map((e) => e.fullUrl)).to.deep.equal(collection.entry.map((e) => e.fullUrl));
    expect(transaction.entry.map((e) => ({ ...e.resource, id: undefined }))).to.deep.equal(collection.entry.map((e) => ({ ...e.resource, id: undefined })));
  });

  it('refuses an unknown bundle type or conditional mode', () => {
    expect(() => toFhirBundle(doc, { type: 'batch' as never })).to.throw('type must be');
    expect(() => toFhirBundle(doc, { type: 'transaction', conditional: 'delete' as never })).to.throw('conditional must be');
  });
});
