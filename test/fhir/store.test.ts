import { expect } from '@open-wc/testing';
import { fromFhirBundle, toFhirBundle } from '../../src/fhir/index.js';
import { fromDocument } from '../../src/model/index.js';
import { openStore, type IptStore } from '../../src/store/index.js';
import { rejection, sampleState } from '../fixtures.js';
import { richDocument } from './fixtures.js';

const stores: IptStore[] = [];
const memory = async () => {
  const store = await openStore({ storage: 'memory' });
  stores.push(store);
  return store;
};
afterEach(() => stores.splice(0).forEach((s) => s.close()));

/** What a host does: export the course, send it as FHIR JSON, read it back, import it. */
async function carry(from: IptStore, courseId: string, type: 'collection' | 'transaction') {
  const json = JSON.stringify(toFhirBundle(await from.exportCourse(courseId), { type }));
  return fromFhirBundle(JSON.parse(json), { courseId });
}

describe('FHIR with a real store', () => {
  for (const type of ['collection', 'transaction'] as const) {
    it(`carries a course from one store to another unchanged (${type})`, async () => {
      const a = await memory();
      await a.importCourse(richDocument());
      await a.importCourse({ ...richDocument('c2'), exported: '2026-01-01T00:00:00.000Z' });
      const b = await memory();
      await b.importCourse(await carry(a, 'course:2026_A', type));
      expect(await b.listCourses()).to.deep.equal(['course:2026_A']);
      expect(await b.getCourse('course:2026_A')).to.deep.equal(await a.getCourse('course:2026_A'));
      expect(await b.getCourse('course:2026_A')).to.deep.equal(fromDocument(richDocument()));
    });
  }

  it('carries the sample course, and replaces a course only when asked', async () => {
    const a = await memory();
    await a.importCourse({ format: 'ipt-elements/course', version: 1, exported: '2026-01-01T00:00:00.000Z', ...sampleState() });
    const b = await memory();
    await b.createCourse({ id: 'c1', contract: { sessions: 8 } });
    const doc = await carry(a, 'c1', 'transaction');
    expect((await rejection(b.importCourse(doc))).code).to.equal('invalid-input');
    expect((await b.getCourse('c1'))!.course.contract.sessions).to.equal(8);
    await b.importCourse(doc, { replace: true });
    expect(await b.getCourse('c1')).to.deep.equal(await a.getCourse('c1'));
  });

  it('imports nothing from a bad bundle', async () => {
    const a = await memory();
    await a.importCourse(richDocument());
    const bundle = JSON.parse(JSON.stringify(toFhirBundle(await a.exportCourse('course:2026_A'))));
    bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Observation').resource.valueQuantity.value = 99;
    const b = await memory();
    await b.createCourse({ id: 'course:2026_A', contract: { sessions: 8 } });
    const before = await b.getCourse('course:2026_A');
    const error = await rejection((async () => b.importCourse(fromFhirBundle(bundle), { replace: true }))());
    expect(error.code).to.equal('invalid-input');
    expect(await b.getCourse('course:2026_A')).to.deep.equal(before);
    const c = await memory();
    expect((await rejection((async () => c.importCourse(fromFhirBundle(bundle)))())).code).to.equal('invalid-input');
    expect(await c.listCourses()).to.deep.equal([]);
    expect((await rejection((async () => c.importCourse(fromFhirBundle(toFhirBundle(richDocument()), { courseId: 'c1' })))())).code).to.equal('invalid-input');
    expect(await c.listCourses()).to.deep.equal([]);
  });
});
