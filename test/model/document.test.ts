import { expect } from '@open-wc/testing';
import { IptError, MAX_RECORDS, parseDocument, toDocument } from '../../src/model/index.js';
import { sampleState } from '../fixtures.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return [(e as IptError).code, (e as IptError).field];
  }
  return undefined;
};

describe('course document', () => {
  it('goes to JSON and back unchanged', () => {
    const doc = toDocument(sampleState(), new Date('2026-02-01T10:00:00Z'));
    expect(doc).to.include({ format: 'ipt-elements/course', version: 1, exported: '2026-02-01T10:00:00.000Z' });
    expect(parseDocument(JSON.parse(JSON.stringify(doc)))).to.deep.equal(doc);
  });

  it('rejects what is not a course document', () => {
    expect(code(() => parseDocument(null))).to.deep.equal(['invalid-input', undefined]);
    expect(code(() => parseDocument({ resourceType: 'Bundle' }))).to.deep.equal(['invalid-input', 'format']);
  });

  it('says a document from a newer version is newer', () => {
    expect(code(() => parseDocument({ ...toDocument(sampleState()), version: 2 }))).to.deep.equal(['version', 'version']);
  });

  it('refuses a document of more than MAX_RECORDS records before validating any of them', () => {
    const doc = toDocument(sampleState());
    const person = doc.people[0]!;
    const many = (n: number) => ({ ...doc, people: Array.from({ length: n - doc.sessions.length - doc.disputes.length - doc.goals.length - doc.measures.length }, (_, i) => ({ ...person, id: `p${i}` })) });
    expect(code(() => parseDocument(many(MAX_RECORDS + 1)))).to.deep.equal(['invalid-input', 'course document']);
    expect(parseDocument(many(MAX_RECORDS)).people.length).to.be.greaterThan(9000);
  });

  it('names the invalid record in a document', () => {
    const doc = toDocument(sampleState());
    doc.goals.push({ ...doc.goals[0]!, id: 'g2', text: '' });
    expect(code(() => parseDocument(doc))).to.deep.equal(['invalid-input', 'goals.1.text']);
  });

  it('rejects records of another course, repeated ids and disputes with unknown people', () => {
    const other = toDocument(sampleState());
    other.sessions[0] = { ...other.sessions[0]!, courseId: 'c2' };
    expect(code(() => parseDocument(other))).to.deep.equal(['invalid-input', 'sessions.0.courseId']);
    const twice = toDocument(sampleState());
    twice.people.push({ ...twice.people[0]! });
    expect(code(() => parseDocument(twice))).to.deep.equal(['invalid-input', 'people.1.id']);
    const orphan = toDocument(sampleState());
    orphan.disputes[0] = { ...orphan.disputes[0]!, personId: 'nobody' };
    expect(code(() => parseDocument(orphan))).to.deep.equal(['invalid-input', 'disputes.0.personId']);
    const unmoored = toDocument(sampleState());
    unmoored.measures[0] = { ...unmoored.measures[0]!, sessionId: 's404' };
    expect(code(() => parseDocument(unmoored))).to.deep.equal(['invalid-input', 'measures.0.sessionId']);
  });
});
