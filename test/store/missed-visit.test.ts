/** Issue 19, item 6: no measure on a cancelled or missed visit, refused by the store and by every import. */
import { expect } from '@open-wc/testing';
import { toDocument } from '../../src/index.js';
import { fromFhirBundle, toFhirBundle } from '../../src/fhir/index.js';
import { closeStores, open, rejection, sampleState, uniqueDb } from '../fixtures.js';

afterEach(closeStores);

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const WHY = 'Invalid measure: a cancelled or missed session holds no measure';

for (const sealed of [false, true]) {
  describe(`the store refuses a measure on a visit not attended (${sealed ? 'encrypted' : 'in clear'})`, () => {
    async function store() {
      const s = await open(uniqueDb('missed'), sealed ? { key: await newKey() } : {});
      await s.importCourse(toDocument(sampleState()));
      await s.put('c1', 'session', { id: 's2', date: '2026-01-12', status: 'no-show' });
      return s;
    }

    it('a measure put on a no-show', async () => {
      const s = await store();
      const error = await rejection(s.put('c1', 'measure', { id: 'm2', instrument: 'GAD-7', score: 9, date: '2026-01-12', sessionId: 's2' }));
      expect([error.code, error.message]).to.deep.equal(['invalid-input', WHY]);
      expect((await s.getCourse('c1'))!.measures.map((m) => m.id)).to.deep.equal(['m1']);
    });

    it('a session that holds a measure marked cancelled, and the same in one action with its measure', async () => {
      const s = await store();
      const error = await rejection(s.put('c1', 'session', { id: 's1', date: '2026-01-05', status: 'cancelled' }));
      expect([error.code, error.field]).to.deep.equal(['invalid-input', sealed ? 'sessionId' : 'status']);
      expect((await s.getCourse('c1'))!.sessions.find((x) => x.id === 's1')!.status).to.equal('attended');
      const both = await rejection(
        s.apply('c1', [
          { op: 'put', entity: 'session', record: { id: 's3', date: '2026-01-19', status: 'cancelled' } },
          { op: 'put', entity: 'measure', record: { id: 'm3', instrument: 'PHQ-9', score: 20, date: '2026-01-19', sessionId: 's3' } },
        ]),
      );
      expect(both.message).to.equal(WHY);
      expect((await s.getCourse('c1'))!.sessions.map((x) => x.id)).to.deep.equal(['s1', 's2']);
    });

    it('still takes a measure on an attended visit, and a measure removed before its session is marked missed', async () => {
      const s = await store();
      await s.put('c1', 'measure', { id: 'm2', instrument: 'GAD-7', score: 9, date: '2026-01-05', sessionId: 's1' });
      await s.apply('c1', [
        { op: 'delete', entity: 'measure', id: 'm1' },
        { op: 'delete', entity: 'measure', id: 'm2' },
        { op: 'put', entity: 'session', record: { id: 's1', date: '2026-01-05', status: 'no-show' } },
      ]);
      const state = (await s.getCourse('c1'))!;
      expect([state.measures.length, state.sessions[0]!.status]).to.deep.equal([0, 'no-show']);
    });
  });
}

describe('imports refuse a measure on a visit not attended', () => {
  function missedWithMeasure() {
    const state = sampleState();
    state.sessions[0] = { ...state.sessions[0]!, status: 'no-show' };
    return toDocument(state);
  }

  it('a course document, naming the measure', async () => {
    const s = await open(uniqueDb('missed-import'));
    const error = await rejection(s.importCourse(missedWithMeasure()));
    expect([error.code, error.field, error.message]).to.deep.equal([
      'invalid-input',
      'measures.0.sessionId',
      'Invalid course document: measures.0.sessionId is a cancelled or missed session, which holds no measure',
    ]);
    expect(await s.getCourse('c1')).to.equal(undefined);
  });

  it('a FHIR bundle whose Encounter of a measure was cancelled', () => {
    const bundle = toFhirBundle(toDocument(sampleState())) as { entry: Array<{ resource: Record<string, unknown> }> };
    const encounter = bundle.entry.find((e) => e.resource.resourceType === 'Encounter')!.resource;
    encounter.status = 'cancelled';
    delete encounter.extension;
    let error: (Error & { field?: string }) | undefined;
    try {
      fromFhirBundle(bundle);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/^Invalid FHIR bundle: entry \d+ \(Observation\) does not make a valid record: measures.0.sessionId is a cancelled or missed session, which holds no measure$/);
  });
});
