import { expect } from '@open-wc/testing';
import { fromFhirBundle, IDENTIFIER_SYSTEMS, toFhirBundle } from '../../src/fhir/index.js';
import { IptError, parseDocument } from '../../src/model/index.js';
import { refusal, richDocument, viaJson } from './fixtures.js';

type Any = Record<string, any>;
const bundle = (type: 'collection' | 'transaction' = 'collection'): Any => viaJson(toFhirBundle(richDocument(), { type }));


// A seeded generator: the same mutations on every run.
let seed = 987654;
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;
const ODD: unknown[] = [null, 0, -1, 1.5, NaN, '', 'x', 'constructor', '__proto__', 'toString', [], [null], [1, 'a'], {}, { a: 1 }, true, false, 'urn:uuid:x', 'Patient/42', 1e308, '9'.repeat(400)];

function paths(node: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(at);
  if (Array.isArray(node)) node.forEach((v, i) => paths(v, [...at, i], out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) paths(v, [...at, k], out);
  return out;
}
/** One to three random changes: a value removed, replaced by an odd one, or doubled into a list. */
function mutate(value: unknown): unknown {
  const b = viaJson(value) as Any;
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const p = pick(paths(b).filter((q) => q.length > 0));
    let parent = b;
    for (const k of p.slice(0, -1)) parent = parent[k];
    const last = p[p.length - 1]!;
    const r = random();
    if (r < 0.3) {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else if (r < 0.9) parent[last] = structuredClone(pick(ODD));
    else parent[last] = [structuredClone(parent[last]), structuredClone(parent[last])];
  }
  return b;
}

describe('FHIR import: robustness', () => {
  it('only ever throws an IptError or returns a valid document, for 2000 mutated bundles', function () {
    this.timeout(60000);
    const failures: string[] = [];
    for (const type of ['collection', 'transaction'] as const) {
      const good = toFhirBundle(richDocument(), { type });
      for (let i = 0; i < 1000; i++) {
        try {
          parseDocument(viaJson(fromFhirBundle(mutate(good))));
        } catch (error) {
          if (!(error instanceof IptError)) failures.push(`${type} #${i}: ${(error as Error).name}: ${(error as Error).message}`);
        }
      }
    }
    expect(failures.slice(0, 10), `${failures.length} other errors`).to.deep.equal([]);
  });

  it('refuses odd shapes with an IptError', () => {
    const good = bundle();
    const each = (change: (r: Any) => Any) => ({ ...good, entry: good.entry.map((e: Any) => ({ ...e, resource: change(e.resource) })) });
    const cases: unknown[] = [
      null,
      undefined,
      0,
      'Bundle',
      [],
      { resourceType: 'Bundle', type: 'collection', entry: null },
      { resourceType: 'Bundle', type: 'collection', entry: [null] },
      { resourceType: 'Bundle', type: 'collection', entry: [{ resource: 'x' }] },
      { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 5 } }] },
      each((r) => ({ ...r, extension: 'x' })),
      each((r) => ({ ...r, extension: [null, 1, 'a', [], { url: 5 }] })),
    ];
    for (const value of cases) refusal(() => fromFhirBundle(value));
    // Identifiers of other systems beside the mapping's are left aside.
    expect(fromFhirBundle(each((r) => ({ ...r, identifier: [null, { system: 5 }, { system: 'urn:x', value: 'y' }, ...r.identifier] })))).to.deep.equal(richDocument());
  });

  it('refuses a deeply nested resource with an IptError, not a RangeError', () => {
    let deep: unknown = { reference: 'x' };
    for (let i = 0; i < 20000; i++) deep = { a: deep };
    const b = bundle();
    b.entry[0].resource.note = deep;
    const error = refusal(() => fromFhirBundle(b));
    expect([error.message, error.field]).to.deep.equal(['Invalid FHIR bundle: entry 0 (CarePlan) nests deeper than 64 levels', 'entry.0.resource']);
    let list: unknown = [];
    for (let i = 0; i < 20000; i++) list = [list];
    const c = bundle();
    c.entry[3].resource.extension = list;
    expect(refusal(() => fromFhirBundle(c)).message).to.match(/^Invalid FHIR bundle: entry 3 \(\w+\) nests deeper than 64 levels$/);
    // Nesting within the limit is read (and left aside when it is not the mapping's).
    let fine: unknown = { text: 'x' };
    for (let i = 0; i < 50; i++) fine = { a: fine };
    const d = bundle();
    // (Beside the formulation's note: a note that is not the mapping's is left aside.)
    d.entry[0].resource.note = [...d.entry[0].resource.note, fine];
    expect(fromFhirBundle(d)).to.deep.equal(richDocument());
  });

  it('refuses a bundle of more than 10000 entries', () => {
    const b = bundle();
    const other = { resource: { resourceType: 'Basic' } };
    b.entry.push(...Array.from({ length: 10001 - b.entry.length }, () => other));
    expect([refusal(() => fromFhirBundle(b)).message, refusal(() => fromFhirBundle(b)).field]).to.deep.equal(['Invalid FHIR bundle: it holds more than 10000 entries', 'entry']);
    b.entry.pop();
    expect(fromFhirBundle(b)).to.deep.equal(richDocument());
  });

  it('never quotes a resource type that is not one, nor a key, in an error', () => {
    const b = bundle();
    const goal = b.entry.find((e: Any) => e.resource.resourceType === 'Goal');
    goal.resource.resourceType = 'Maria Lopez, DOB 1990-01-01';
    const error = refusal(() => fromFhirBundle(b));
    expect(error.message).to.match(/^Invalid FHIR bundle: entry \d+ \(unknown resource type\) carries a goal identifier, which only Goal resources carry$/);
    const shaped = bundle();
    shaped.entry.find((e: Any) => e.resource.resourceType === 'Goal').resource.resourceType = 'Procedure';
    expect(refusal(() => fromFhirBundle(shaped)).message).to.contain('(Procedure) carries a goal identifier');
    // A reference under a key that is not an element name: the field path shows `*` for it.
    const keyed = bundle();
    keyed.entry[0].resource.note = [{ 'Maria Lopez': { reference: 'Patient/99' } }];
    const missing = refusal(() => fromFhirBundle(keyed));
    expect([missing.message, missing.field]).to.deep.equal(['Invalid FHIR bundle: entry 0 (CarePlan) refers to a resource the bundle does not hold', 'entry.0.resource.note.0.*.reference']);
  });

  it('gives back edge values: unicode, ids with : and _, zeros, tiny orders', () => {
    const doc = richDocument('c:_0');
    doc.people[0]!.name = 'Zoë 李 👩‍⚕️ \u200b';
    doc.people[0]!.support = 0;
    doc.people[0]!.conflict = 0;
    doc.measures[0]!.score = 0;
    doc.goals[0]!.order = 0;
    doc.goals[1]!.order = -1e-9;
    doc.course.patient = 'Patient/a-b.c';
    const valid = parseDocument(viaJson(doc));
    for (const type of ['collection', 'transaction'] as const) expect(fromFhirBundle(viaJson(toFhirBundle(valid, { type })))).to.deep.equal(valid);
    expect(toFhirBundle(valid, { type: 'transaction' }).entry[0]!.request!.url).to.equal(`CarePlan?identifier=${IDENTIFIER_SYSTEMS.course}|c:_0&patient=Patient/a-b.c`);
  });
});
