import { expect } from '@open-wc/testing';
import { IptError, isIsoDate, validate, type Entity } from '../../src/model/index.js';

function rejects(entity: Entity, value: unknown, field: string, message?: RegExp): IptError {
  try {
    validate(entity, value);
  } catch (error) {
    expect(error).to.be.instanceOf(IptError);
    const e = error as IptError;
    expect(e.code).to.equal('invalid-input');
    expect(e.field).to.equal(field);
    expect(e.message).to.contain(field);
    if (message) expect(e.message).to.match(message);
    return e;
  }
  throw new Error(`expected ${entity} to be rejected`);
}

const person = { id: 'p1', courseId: 'c1', name: 'M.', ring: 1 };
const measure = { id: 'm1', courseId: 'c1', instrument: 'PHQ-9', score: 12, date: '2026-01-05' };

describe('schemas', () => {
  it('fills in defaults and trims text', () => {
    expect(validate('person', { ...person, name: '  Maria  ' })).to.deep.equal({
      ...person,
      name: 'Maria',
      relationship: '',
      support: 0,
      supportive: '',
      conflict: 0,
      conflicted: '',
      expectations: '',
      wantedChange: '',
      deceased: false,
    });
    expect(validate('course', { id: 'c1', contract: { sessions: 16 } })).to.deep.equal({
      id: 'c1',
      focus: [],
      contract: { sessions: 16, history: [] },
      phases: { initial: 3, termination: 3, window: 3 },
    });
  });

  it('rejects an empty, blank or 10,000-character name and names the field', () => {
    rejects('person', { ...person, name: '' }, 'name', /empty/);
    rejects('person', { ...person, name: '   ' }, 'name', /empty/);
    rejects('person', { ...person, name: 'x'.repeat(10000) }, 'name', /at most 120/);
  });

  it('never quotes the rejected text in the message', () => {
    const e = rejects('person', { ...person, name: `<script>alert(1)</script>${'x'.repeat(200)}` }, 'name');
    expect(e.message).not.to.contain('script');
  });

  it('names every field at fault, and gives the first as the field', () => {
    const e = rejects('person', { ...person, name: '', ring: 9 }, 'name');
    expect(e.message).to.match(/name must not be empty; ring must be at most 5/);
  });

  it('rejects a ring outside 1-5 and a missing field', () => {
    rejects('person', { ...person, ring: 6 }, 'ring', /at most 5/);
    rejects('person', { ...person, ring: 1.5 }, 'ring', /whole number/);
    rejects('person', { id: 'p1', courseId: 'c1', ring: 1 }, 'name', /required/);
  });

  it('rejects impossible dates', () => {
    expect(['2026-02-28', '2024-02-29', '0001-01-01', '0099-12-31', '2000-02-29'].every(isIsoDate)).to.equal(true);
    expect(['0001-02-29', '0100-02-29'].some(isIsoDate), 'no leap day in years 1 and 100').to.equal(false);
    expect(['2026-02-29', '2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''].some(isIsoDate)).to.equal(false);
    rejects('session', { id: 's1', courseId: 'c1', date: '2026-02-30', status: 'attended' }, 'date', /real date/);
  });

  it('rejects a date with anything after it', () => {
    expect(['2026-01-05T10:00', '2026-01-05 ', '2026-01-051'].some(isIsoDate)).to.equal(false);
  });

  it('rejects a measure score outside its instrument range', () => {
    rejects('measure', { ...measure, score: 28 }, 'score', /range/);
    rejects('measure', { ...measure, score: -1 }, 'score');
    rejects('measure', { ...measure, instrument: 'GAD-7', score: 22 }, 'score');
    rejects('measure', { ...measure, score: 4.5 }, 'score');
    expect(validate('measure', { ...measure, instrument: 'GAD-7', score: 21 }).score).to.equal(21);
    expect(validate('measure', { ...measure, instrument: 'other', label: 'BDI-II', score: 4.5 }).score).to.equal(4.5);
  });

  it('bounds EPDS at 0-30 and HAM-D at 0-52', () => {
    expect(validate('measure', { ...measure, instrument: 'EPDS', score: 30 }).score).to.equal(30);
    rejects('measure', { ...measure, instrument: 'EPDS', score: 31 }, 'score', /range/);
    expect(validate('measure', { ...measure, instrument: 'HAM-D', score: 52 }).score).to.equal(52);
    rejects('measure', { ...measure, instrument: 'HAM-D', score: 53 }, 'score', /range/);
  });

  it('rejects contracts out of range or of the wrong kind', () => {
    rejects('course', { id: 'c1', contract: { sessions: 0 } }, 'contract.sessions');
    rejects('course', { id: 'c1', contract: { sessions: 10000 } }, 'contract.sessions', /at most 100/);
    rejects('course', { id: 'c1', contract: { sessions: 'abc' } }, 'contract.sessions', /number/);
  });

  it('allows at most two distinct focus areas', () => {
    rejects('course', { id: 'c1', contract: { sessions: 12 }, focus: ['grief', 'role-dispute', 'role-transition'] }, 'focus', /two/);
    rejects('course', { id: 'c1', contract: { sessions: 12 }, focus: ['grief', 'grief'] }, 'focus', /repeat/);
    rejects('course', { id: 'c1', contract: { sessions: 12 }, focus: ['loneliness'] }, 'focus.0', /one of/);
  });

  it('rejects an authorization that ends before it starts', () => {
    rejects('course', { id: 'c1', contract: { sessions: 12 }, authorization: { sessions: 10, start: '2026-03-01', end: '2026-02-01' } }, 'authorization.end', /before start/);
  });

  it('accepts an authorization that starts and ends on the same day', () => {
    const c = validate('course', { id: 'c1', contract: { sessions: 12 }, authorization: { sessions: 1, start: '2026-03-01', end: '2026-03-01' } });
    expect(c.authorization).to.deep.equal({ sessions: 1, start: '2026-03-01', end: '2026-03-01', lowAt: 2 });
  });

  it('rejects ids that could carry text or markup', () => {
    rejects('person', { ...person, id: 'has space' }, 'id');
    rejects('person', { ...person, id: '<b>' }, 'id');
    rejects('person', { ...person, id: '' }, 'id');
  });

  it('rejects an unknown goal status', () => {
    const goal = { id: 'g1', courseId: 'c1', text: 'Call my sister weekly', area: 'grief', order: 1, set: '2026-01-05' };
    expect(validate('goal', goal).lifecycle).to.equal('active');
    rejects('goal', { ...goal, lifecycle: 'done' }, 'lifecycle', /one of/);
    rejects('goal', { ...goal, achievement: 'nearly' }, 'achievement', /one of/);
    rejects('goal', { ...goal, text: ' ' }, 'text', /empty/);
  });
});
