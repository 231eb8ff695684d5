import { expect } from '@open-wc/testing';
import { fromFhirBundle, IDENTIFIER_SYSTEMS, toFhirBundle } from '../../src/fhir/index.js';
import { refusal, richDocument } from './fixtures.js';

type Any = Record<string, any>;
const bundle = (type: 'collection' | 'transaction' = 'collection'): Any => JSON.parse(JSON.stringify(toFhirBundle(richDocument(), { type })));
const find = (b: Any, type: string, n = 0) => b.entry.filter((e: Any) => e.resource.resourceType === type)[n].resource as Any;


describe('FHIR import: what it refuses', () => {
  it('refuses what is not a FHIR Bundle', () => {
    for (const value of [null, 'Bundle', 42, [], {}, { resourceType: 'Patient' }, richDocument()]) {
      expect(refusal(() => fromFhirBundle(value)).message).to.equal('Invalid FHIR bundle: it is not a FHIR Bundle (a JSON object with resourceType "Bundle")');
    }
    expect(refusal(() => fromFhirBundle({ resourceType: 'Bundle', type: 'history', entry: [] })).field).to.equal('type');
    expect(refusal(() => fromFhirBundle({ resourceType: 'Bundle', type: 'collection', entry: {} })).field).to.equal('entry');
    expect(refusal(() => fromFhirBundle({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'x' }] })).field).to.equal('entry.0.resource');
  });

  it('refuses a bundle without exactly one ipt-elements CarePlan', () => {
    const none = bundle();
    none.entry.shift();
    expect(refusal(() => fromFhirBundle(none)).message).to.equal('Invalid FHIR bundle: it holds no CarePlan of an ipt-elements course');
    expect(refusal(() => fromFhirBundle({ resourceType: 'Bundle', type: 'collection' })).message).to.contain('holds no CarePlan');
    const two = bundle();
    two.entry.push({ ...two.entry[0], fullUrl: 'urn:uuid:00000000-0000-8000-8000-000000000000' });
    expect(refusal(() => fromFhirBundle(two)).message).to.contain('holds 2 CarePlans');
  });

  it('refuses another course than the one expected, and records of another course', () => {
    expect(fromFhirBundle(bundle(), { courseId: 'course:2026_A' }).course.id).to.equal('course:2026_A');
    const error = refusal(() => fromFhirBundle(bundle(), { courseId: 'c-other' }));
    expect(error.message).to.equal('Invalid FHIR bundle: entry 0 (CarePlan) is another course than the one expected');
    const mixed = bundle();
    find(mixed, 'Goal').identifier[0].value = 'c-other/g1';
    expect(refusal(() => fromFhirBundle(mixed)).message).to.match(/^Invalid FHIR bundle: entry \d+ \(Goal\) belongs to another course than the CarePlan$/);
  });

  it('refuses records of another patient', () => {
    const b = bundle();
    find(b, 'Observation').subject = { reference: 'Patient/43' };
    expect(refusal(() => fromFhirBundle(b)).message).to.match(/\(Observation\) names another patient than the CarePlan$/);
    const missing = bundle();
    delete find(missing, 'Goal').subject;
    expect(refusal(() => fromFhirBundle(missing)).field).to.match(/^entry\.\d+\.resource\.subject$/);
  });

  it('refuses a patient named by free text, without quoting it', () => {
    const b = bundle();
    for (const e of b.entry) for (const field of ['subject', 'patient']) if (e.resource[field]?.reference) e.resource[field].reference = 'Jane Doe, born 1970';
    const error = refusal(() => fromFhirBundle(b));
    expect(error.message).to.equal('Invalid FHIR bundle: entry 0 (CarePlan) names its patient by something that is not a FHIR reference');
    expect(error.field).to.equal('entry.0.resource.subject.reference');
  });

  it('refuses references to resources the bundle does not hold', () => {
    const goalGone = bundle();
    goalGone.entry = goalGone.entry.filter((e: Any) => e.resource.resourceType !== 'Goal');
    const error = refusal(() => fromFhirBundle(goalGone));
    expect(error.message).to.equal('Invalid FHIR bundle: entry 0 (CarePlan) refers to a resource the bundle does not hold');
    expect(error.field).to.equal('entry.0.resource.goal.0.reference');
    const personGone = bundle();
    personGone.entry = personGone.entry.filter((e: Any) => e.resource.resourceType !== 'RelatedPerson');
    expect(refusal(() => fromFhirBundle(personGone)).message).to.match(/\(Condition\) refers to a resource the bundle does not hold/);
  });

  it('refuses a Goal or a focus Condition of the course that the CarePlan does not list (nothing is dropped)', () => {
    const goal = bundle();
    goal.entry[0].resource.goal = goal.entry[0].resource.goal.slice(0, 1);
    const error = refusal(() => fromFhirBundle(goal));
    const left = goal.entry.findIndex((e: Any) => e.resource.resourceType === 'Goal' && e.resource.identifier[0].value === 'course:2026_A/g2');
    expect([error.message, error.field]).to.deep.equal([`Invalid FHIR bundle: entry ${left} (Goal) is a Goal of the course that the CarePlan's goal list leaves out`, `entry.${left}.resource`]);
    const noList = bundle('transaction');
    delete noList.entry[0].resource.goal;
    expect(refusal(() => fromFhirBundle(noList)).message).to.contain("the CarePlan's goal list leaves out");
    const focus = bundle();
    focus.entry[0].resource.addresses.pop();
    expect(refusal(() => fromFhirBundle(focus)).message).to.match(/^Invalid FHIR bundle: entry \d+ \(Condition\) is a focus Condition of the course that the CarePlan's addresses leave out$/);
    const twice = bundle();
    twice.entry[0].resource.goal.push(twice.entry[0].resource.goal[0]);
    expect(refusal(() => fromFhirBundle(twice)).message).to.contain('goals.2.id repeats an id');
  });

  it('refuses a reference to the wrong kind of resource', () => {
    const b = bundle();
    find(b, 'Observation').encounter = { reference: b.entry[0].fullUrl };
    expect(refusal(() => fromFhirBundle(b)).message).to.match(/\(Observation\) refers to something that is not a session of the course$/);
    const focus = bundle();
    focus.entry[0].resource.addresses[0] = { reference: focus.entry.find((e: Any) => e.resource.resourceType === 'Goal').fullUrl };
    expect(refusal(() => fromFhirBundle(focus)).field).to.equal('entry.0.resource.addresses.0');
  });

  it('refuses identifiers that do not fit: wrong resource type, bad id, two identifiers', () => {
    const wrongType = bundle();
    find(wrongType, 'Goal').identifier[0].system = IDENTIFIER_SYSTEMS.session;
    expect(refusal(() => fromFhirBundle(wrongType)).message).to.contain('carries a session identifier, which only Encounter resources carry');
    const badId = bundle();
    find(badId, 'Goal').identifier[0].value = 'course:2026_A/has space';
    expect(refusal(() => fromFhirBundle(badId)).message).to.contain('not a valid id');
    const twice = bundle();
    find(twice, 'Goal').identifier.push({ system: IDENTIFIER_SYSTEMS.goal, value: 'course:2026_A/g9' });
    expect(refusal(() => fromFhirBundle(twice)).message).to.contain('more than one ipt-elements identifier');
  });

  it('refuses wrong types and values, naming the entry and the field, never quoting the value', () => {
    const b = bundle('transaction');
    find(b, 'Encounter', 1).period.start = 'Tuesday, after the fight';
    const error = refusal(() => fromFhirBundle(b));
    expect(error.message).to.match(/^Invalid FHIR bundle: entry \d+ \(Encounter\) does not make a valid record: sessions\.1\.date must be a real date/);
    expect(error.message).not.to.contain('fight');
    const ring = bundle();
    find(ring, 'RelatedPerson').extension[0].extension[0] = { url: 'ring', valueString: 'close friend' };
    expect(refusal(() => fromFhirBundle(ring)).message).to.match(/\(RelatedPerson\) does not make a valid record: people\.0\.ring must be a number$/);
    const status = bundle();
    delete find(status, 'Encounter').extension;
    find(status, 'Encounter').status = 'in-progress';
    expect(refusal(() => fromFhirBundle(status)).message).to.match(/\(Encounter\) does not make a valid record: sessions\.0\.status must be one of/);
    const score = bundle();
    find(score, 'Observation').valueQuantity.value = 99;
    expect(refusal(() => fromFhirBundle(score)).message).to.contain('measures.0.score is outside the range of its instrument');
    const course = bundle();
    course.entry[0].resource.activity = [];
    expect(refusal(() => fromFhirBundle(course)).message).to.equal('Invalid FHIR bundle: entry 0 (CarePlan) does not make a valid record: course.contract.sessions is required');
    const empty = bundle();
    find(empty, 'Observation').extension = [{ url: 'https://ipt-elements.dev/fhir/StructureDefinition/empty-text', valueString: '__proto__.polluted' }];
    expect(refusal(() => fromFhirBundle(empty)).message).to.contain('empty-text');
    expect(({} as Any).polluted).to.equal(undefined);
  });

  it('leaves aside resources that are not the course’s, and reads references by Type/id', () => {
    const b = bundle();
    b.entry.push({ fullUrl: 'urn:uuid:11111111-1111-8111-8111-111111111111', resource: { resourceType: 'Patient', id: '42' } });
    b.entry.push({ resource: { resourceType: 'Observation', status: 'final', code: { text: 'blood pressure' } } });
    expect(fromFhirBundle(b)).to.deep.equal(richDocument());
    // As a server returns the resources: fullUrls at the server, references by Type/id.
    const served = bundle();
    const byUrl = new Map(served.entry.map((e: Any) => [e.fullUrl, `${e.resource.resourceType}/${e.resource.id}`]));
    const json = JSON.stringify(served).replace(/"reference":"(urn:uuid:[^"]+)"/g, (_, url) => `"reference":"${byUrl.get(url)}"`);
    const rebased = JSON.parse(json);
    rebased.type = 'searchset';
    rebased.entry.forEach((e: Any) => (e.fullUrl = `https://fhir.example.org/${e.resource.resourceType}/${e.resource.id}`));
    expect(fromFhirBundle(rebased)).to.deep.equal(richDocument());
  });
});
