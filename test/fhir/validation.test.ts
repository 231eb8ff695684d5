import { expect } from '@open-wc/testing';
import { toFhirBundle, type FhirBundle } from '../../src/fhir/index.js';
import { toDocument } from '../../src/model/index.js';
import { sampleState } from '../fixtures.js';
import { minimalDocument, richDocument } from './fixtures.js';
import { issuesOf, loadDefinitions } from './validator.js';

const minimal = minimalDocument();
/** A transaction needs a patient: the minimal course gets one there, in each form of reference. */
const withPatient = (patient: string) => ({ ...minimal, course: { ...minimal.course, patient } });
const rich = richDocument();
/** Without a patient, the Appointments of missed visits carry a data-absent-reason for their participant. */
const richWithoutPatient = { ...rich, course: { ...rich.course, patient: undefined } };
const documents = { rich, 'rich without a patient': richWithoutPatient, minimal, sample: toDocument(sampleState()) };
const patients = ['Patient?identifier=https://hospital.example/mrn|12345', 'https://fhir.example.org/r4/Patient/42', 'urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301'];
const resourcesOf = (bundle: FhirBundle) => [bundle, ...bundle.entry.map((e) => e.resource)];

describe('FHIR export: R4 structure validation (@medplum/core)', function () {
  this.timeout(60000);
  before(async function () {
    // The R4 definitions are about 37 MB of JSON to fetch, parse and index: over a minute on a busy machine.
    this.timeout(180000);
    await loadDefinitions();
  });

  for (const [name, doc] of Object.entries(documents)) {
    for (const type of ['collection', 'transaction'] as const) {
      it(`passes for every resource of the ${name} course as a ${type}`, () => {
        const bundle = toFhirBundle(type === 'transaction' && !doc.course.patient ? withPatient('Patient/7') : doc, { type });
        for (const resource of resourcesOf(bundle)) {
          expect(issuesOf(resource), `${resource.resourceType} ${JSON.stringify(resource).slice(0, 200)}`).to.deep.equal([]);
        }
      });
    }
  }

  it('passes for a transaction whose patient is a conditional reference, a URL or a urn:uuid', () => {
    for (const patient of patients) {
      for (const resource of resourcesOf(toFhirBundle(withPatient(patient), { type: 'transaction' }))) {
        // medplum reads a reference's type from its first segment, so it warns about an absolute URL (valid FHIR) as it does about urn:uuid.
        const issues = issuesOf(resource).filter((i) => !(patient.startsWith('https:') && i.severity === 'warning' && i.details?.text?.startsWith('Invalid reference: got "https:"')));
        expect(issues, patient).to.deep.equal([]);
      }
    }
  });

  it('passes for a transaction of conditional creates', () => {
    for (const resource of resourcesOf(toFhirBundle(documents.rich, { type: 'transaction', conditional: 'create' }))) {
      expect(issuesOf(resource)).to.deep.equal([]);
    }
  });

  it('catches a broken resource: the validator is really at work', () => {
    const bundle = toFhirBundle(documents.rich);
    const goal = structuredClone(bundle.entry.find((e) => e.resource.resourceType === 'Goal')!.resource);
    delete goal.description;
    expect(issuesOf(goal).map((i) => [i.severity, i.expression?.[0]])).to.deep.include(['error', 'Goal.description']);
    const encounter = structuredClone(bundle.entry.find((e) => e.resource.resourceType === 'Encounter')!.resource);
    (encounter.period as { start: string }).start = '2026-1-5';
    expect(issuesOf(encounter).some((i) => i.severity === 'error')).to.equal(true);
    const person = { ...bundle.entry.find((e) => e.resource.resourceType === 'RelatedPerson')!.resource, ring: 2 };
    expect(issuesOf(person).some((i) => i.severity === 'error' && /additional property/.test(i.details?.text ?? ''))).to.equal(true);
    const extension = structuredClone(bundle.entry[0]!.resource);
    (extension.extension as object[]).push({ url: 'https://example.org/x' });
    expect(issuesOf(extension).some((i) => i.severity === 'error')).to.equal(true);
    // and a warning other than the urn:uuid one is kept
    const observation = structuredClone(bundle.entry.find((e) => e.resource.resourceType === 'Observation')!.resource);
    observation.encounter = { reference: 'Patient/1' };
    expect(issuesOf(observation).map((i) => i.severity)).to.deep.equal(['warning']);
  });
});
