import { expect } from '@open-wc/testing';
import { fromFhirBundle, IDENTIFIER_SYSTEMS, isFhirReference, toFhirBundle, type FhirBundleEntry } from '../../src/fhir/index.js';
import type { CourseDocument } from '../../src/model/index.js';
import { minimalDocument, refusal, richDocument, viaJson } from './fixtures.js';

const withPatient = (doc: CourseDocument, patient: string | undefined): CourseDocument => ({ ...doc, course: { ...doc.course, patient } });
const identifier = (e: FhirBundleEntry) => (e.resource.identifier as Array<{ system: string; value: string }>)[0]!;


const REFERENCES = [
  'Patient/42',
  'Patient/a-b.C9',
  `Patient/${'x'.repeat(64)}`,
  'Patient?identifier=https://hospital.example/mrn|12345',
  'Patient?identifier=urn:oid:1.2.36.146.595.217.0.1|123&birthdate=1990-01-01',
  'https://fhir.example.org/r4/Patient/42',
  'http://localhost:8080/fhir/Patient/42/_history/3',
  'urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  'urn:oid:1.2.36.146.595.217.0.1',
];
const NOT_REFERENCES = [
  'Maria Lopez, DOB 1990-01-01',
  'Maria Lopez',
  '42',
  'patient/42',
  'Patient/',
  'Patient/4 2',
  'Patient/a_b:c',
  `Patient/${'x'.repeat(65)}`,
  'Patient?',
  'Patient?name',
  'Patient?name=Maria Lopez',
  'ftp://files.example.org/Patient/42',
  'https://',
  'https:// fhir.example.org/Patient/42',
  'javascript:alert(1)',
  'urn:uuid:not-a-uuid',
  'urn:oid:1.02.3',
];

describe('FHIR: the patient reference', () => {
  it('tells a FHIR reference from free text', () => {
    expect(REFERENCES.filter((r) => !isFhirReference(r))).to.deep.equal([]);
    expect(NOT_REFERENCES.filter((r) => isFhirReference(r))).to.deep.equal([]);
    expect(isFhirReference(' Patient/42')).to.equal(false); // (a course document trims it first)
  });

  it('exports and reads back every form of reference', () => {
    for (const patient of REFERENCES) {
      const doc = withPatient(richDocument(), patient);
      for (const type of ['collection', 'transaction'] as const) {
        const bundle = viaJson(toFhirBundle(doc, { type }));
        expect((bundle.entry[0]!.resource.subject as { reference: string }).reference).to.equal(patient);
        expect(fromFhirBundle(bundle)).to.deep.equal(doc);
      }
    }
  });

  it('refuses a patient that is not a FHIR reference, naming the field and never quoting it', () => {
    for (const patient of NOT_REFERENCES) {
      for (const type of ['collection', 'transaction'] as const) {
        const error = refusal(() => toFhirBundle(withPatient(richDocument(), patient), { type }));
        expect(error.field).to.equal('course.patient');
        expect(error.message).to.match(/^Invalid FHIR export: course\.patient must be a FHIR reference/);
        if (patient.length > 8) expect(error.message).not.to.contain(patient); // shorter ones are in the examples
      }
    }
    expect(refusal(() => toFhirBundle(withPatient(richDocument(), 'Maria Lopez, DOB 1990-01-01'))).message).not.to.match(/Maria|Lopez|1990/);
  });

  it('gives every resource its own subject: a host that changes one resource changes no other', () => {
    // With a patient reference, and without one (a data-absent-reason extension).
    for (const doc of [richDocument(), withPatient(richDocument(), undefined)]) {
      for (const type of doc.course.patient ? (['collection', 'transaction'] as const) : (['collection'] as const)) {
        const bundle = toFhirBundle(doc, { type });
        const before = viaJson(bundle);
        // Subject of the CarePlan, Conditions, Goals, Encounters and Observations; patient of a RelatedPerson.
        const subjects = bundle.entry.flatMap((e) => [e.resource.subject ?? e.resource.patient ?? []].flat() as Array<Record<string, any>>);
        expect(subjects.length, `resources with a subject (${type}, patient ${doc.course.patient})`).to.be.at.least(5);
        expect(new Set(subjects).size, 'distinct subject objects').to.equal(subjects.length);
        const extensions = subjects.flatMap((x) => x.extension ?? []);
        expect(new Set(extensions).size, 'distinct data-absent-reason extensions').to.equal(extensions.length);
        // A host fills in a display on the CarePlan's subject, and changes its data-absent-reason.
        const [first] = subjects;
        first!.display = 'Changed on the CarePlan only';
        if (first!.extension) first!.extension[0].valueCode = 'asked-declined';
        expect(viaJson(bundle).entry.slice(1), 'the other resources').to.deep.equal(before.entry.slice(1));
      }
    }
  });

  it('keeps a course without a patient in a collection (a data-absent-reason), and an empty one', () => {
    expect(fromFhirBundle(toFhirBundle(minimalDocument()))).to.deep.equal(minimalDocument());
    const empty = withPatient(richDocument(), '');
    expect(fromFhirBundle(viaJson(toFhirBundle(empty)))).to.deep.equal(empty);
  });
});

describe('FHIR transaction: every request is scoped to the patient', () => {
  it('keeps two patients’ courses with the same id apart on the server', () => {
    const urls = (patient: string, conditional: 'update' | 'create') =>
      toFhirBundle(withPatient(richDocument('c1'), patient), { type: 'transaction', conditional }).entry.map((e) => e.request!.url + (e.request!.ifNoneExist ?? ''));
    for (const conditional of ['update', 'create'] as const) {
      const [a, b] = [urls('Patient/1', conditional), urls('Patient/2', conditional)];
      expect(a).to.have.length(b.length);
      a.forEach((url, i) => expect(url).not.to.equal(b[i]));
    }
    const bundle = toFhirBundle(withPatient(richDocument('c1'), 'Patient/1'), { type: 'transaction' });
    expect(bundle.entry[0]!.request).to.deep.equal({ method: 'PUT', url: `CarePlan?identifier=${IDENTIFIER_SYSTEMS.course}|c1&patient=Patient/1` });
    for (const e of bundle.entry) {
      const { system, value } = identifier(e);
      expect(e.request).to.deep.equal({ method: 'PUT', url: `${e.resource.resourceType}?identifier=${system}|${value}&patient=Patient/1` });
    }
    for (const e of toFhirBundle(withPatient(richDocument('c1'), 'Patient/1'), { type: 'transaction', conditional: 'create' }).entry) {
      const { system, value } = identifier(e);
      expect(e.request).to.deep.equal({ method: 'POST', url: e.resource.resourceType, ifNoneExist: `identifier=${system}|${value}&patient=Patient/1` });
    }
  });

  it('escapes the patient in the search (keeping : and /), and chains a conditional patient reference', () => {
    const scope = (patient: string) => toFhirBundle(withPatient(minimalDocument(), patient), { type: 'transaction' }).entry[0]!.request!.url.split('|c-min&')[1];
    expect(scope('https://fhir.example.org/r4/Patient/42')).to.equal('patient=https://fhir.example.org/r4/Patient/42');
    expect(scope('urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301')).to.equal('patient=urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    const odd = 'https://fhir.example.org/Patient/42?a=1&b=2+3%4';
    expect(scope(odd)).to.equal('patient=https://fhir.example.org/Patient/42%3Fa%3D1%26b%3D2%2B3%254');
    expect(decodeURIComponent(scope(odd)!.slice('patient='.length))).to.equal(odd);
    expect(scope('Patient?identifier=https://hospital.example/mrn|12345&birthdate=1990-01-01')).to.equal(
      'patient.identifier=https://hospital.example/mrn|12345&patient.birthdate=1990-01-01',
    );
  });

  it('refuses a transaction of a course without a patient, and collections still export it', () => {
    for (const patient of [undefined, '']) {
      for (const conditional of ['update', 'create'] as const) {
        const error = refusal(() => toFhirBundle(withPatient(richDocument(), patient), { type: 'transaction', conditional }));
        expect(error.field).to.equal('course.patient');
        expect(error.message).to.contain('a transaction needs course.patient');
        expect(error.message).to.contain('do not overwrite each other');
      }
      expect(toFhirBundle(withPatient(richDocument(), patient)).type).to.equal('collection');
    }
  });

  it('refuses a transaction whose patient reference names another type than Patient', () => {
    for (const patient of ['Group/1', 'Group?identifier=x|1', 'https://fhir.example.org/Group/1']) {
      const error = refusal(() => toFhirBundle(withPatient(richDocument(), patient), { type: 'transaction' }));
      expect([error.field, error.message]).to.deep.equal([
        'course.patient',
        'Invalid FHIR export: a transaction needs course.patient to refer to a Patient (the patient search parameter matches Patients only)',
      ]);
      expect(toFhirBundle(withPatient(richDocument(), patient)).type).to.equal('collection');
    }
  });
});

describe('FHIR: a deployment’s own identifier systems', () => {
  const base = 'https://clinic.example/fhir/ipt';

  it('writes the identifiers under the base, and reads them back with the same base only', () => {
    for (const type of ['collection', 'transaction'] as const) {
      const bundle = viaJson(toFhirBundle(richDocument(), { type, identifierSystem: base }));
      expect(bundle.entry.map((e) => identifier(e).system.replace(/\/[a-z]+$/, ''))).to.deep.equal(bundle.entry.map(() => base));
      expect(identifier(bundle.entry[0]!)).to.deep.equal({ system: `${base}/course`, value: 'course:2026_A' });
      if (type === 'transaction') expect(bundle.entry[0]!.request!.url).to.equal(`CarePlan?identifier=${base}/course|course:2026_A&patient=Patient/42`);
      expect(fromFhirBundle(bundle, { identifierSystem: base })).to.deep.equal(richDocument());
      expect(refusal(() => fromFhirBundle(bundle)).message).to.equal('Invalid FHIR bundle: it holds no CarePlan of an ipt-elements course');
    }
    expect(refusal(() => fromFhirBundle(toFhirBundle(richDocument()), { identifierSystem: base })).message).to.contain('holds no CarePlan');
    expect(fromFhirBundle(toFhirBundle(richDocument(), { identifierSystem: 'urn:example:ipt' }), { identifierSystem: 'urn:example:ipt' })).to.deep.equal(richDocument());
  });

  it('refuses a base that cannot stand in a search URL', () => {
    for (const bad of ['', 'clinic', 'https://clinic.example/ipt/', 'https://clinic.example/a b', 'https://clinic.example/a|b', 'https://clinic.example/?a', 'https://x/&', `https://x/${'a'.repeat(200)}`, 42]) {
      const error = refusal(() => toFhirBundle(richDocument(), { identifierSystem: bad as string }));
      expect(error.field).to.equal('identifierSystem');
      expect(refusal(() => fromFhirBundle(toFhirBundle(richDocument()), { identifierSystem: bad as string })).field).to.equal('identifierSystem');
    }
  });
});
