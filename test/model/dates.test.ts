import { expect } from '@open-wc/testing';
import { IptError, checkSessionMeasures, parseTypedDate, sessionDateQuestions, typedDate, validate, type Session } from '../../src/model/index.js';

const course = validate('course', { id: 'c1', contract: { sessions: 12 }, start: '2026-01-05' });
const session = (id: string, date: string, status: Session['status'] = 'attended') => validate('session', { id, courseId: 'c1', date, status });
const TODAY = '2026-03-01';
const held = [session('s1', '2026-01-05'), session('s2', '2026-01-12'), session('s3', '2026-01-19', 'cancelled')];

describe('sessionDateQuestions: the date of a session checked before it is written', () => {
  it('refuses an attended or missed session dated after today', () => {
    for (const status of ['attended', 'no-show'] as const) {
      expect(() => sessionDateQuestions(course, held, session('x', '2027-01-05', status), TODAY), status)
        .to.throw(IptError, 'cannot be dated after today')
        .with.property('field', 'date');
    }
  });

  it('takes a cancellation entered ahead, and a visit dated today', () => {
    expect(sessionDateQuestions(course, held, session('x', '2026-03-08', 'cancelled'), TODAY)).to.deep.equal([]);
    expect(sessionDateQuestions(course, held, session('x', TODAY), TODAY)).to.deep.equal([]);
  });

  it('asks about a date before the course started', () => {
    expect(sessionDateQuestions(course, held, session('x', '2026-01-04'), TODAY)).to.deep.equal(['before-start']);
    expect(sessionDateQuestions(validate('course', { id: 'c1', contract: { sessions: 12 } }), [], session('x', '2020-01-04'), TODAY)).to.deep.equal([]);
  });

  it('asks about a second visit on one date, but not about a cancelled one, nor about the session corrected itself', () => {
    expect(sessionDateQuestions(course, held, session('x', '2026-01-12'), TODAY)).to.deep.equal(['same-day']);
    expect(sessionDateQuestions(course, held, session('x', '2026-01-12', 'no-show'), TODAY)).to.deep.equal(['same-day']);
    expect(sessionDateQuestions(course, held, session('x', '2026-01-12', 'cancelled'), TODAY)).to.deep.equal([]);
    expect(sessionDateQuestions(course, held, session('x', '2026-01-19'), TODAY)).to.deep.equal([]);
    expect(sessionDateQuestions(course, held, { ...held[1]!, status: 'no-show' }, TODAY)).to.deep.equal([]);
  });

  it('asks both questions at once', () => {
    const early = [...held, session('s0', '2026-01-02')];
    expect(sessionDateQuestions(course, early, session('x', '2026-01-02'), TODAY)).to.deep.equal(['before-start', 'same-day']);
  });
});

describe('checkSessionMeasures: a cancelled or missed visit holds no measure', () => {
  it('refuses a measure on a cancelled or no-show session, naming the field at fault', () => {
    for (const status of ['cancelled', 'no-show'] as const) {
      expect(() => checkSessionMeasures({ status }, 1, 'instrument'), status)
        .to.throw(IptError, 'a cancelled or missed session holds no measure')
        .with.property('field', 'instrument');
    }
  });

  it('takes measures on an attended session, and no measure on any session', () => {
    expect(() => checkSessionMeasures({ status: 'attended' }, 2, 'instrument')).to.not.throw();
    expect(() => checkSessionMeasures({ status: 'no-show' }, 0, 'status')).to.not.throw();
  });
});

describe('typed dates: a date field in the page language', () => {
  it('reads a date as a person types it in the order of the language, and YYYY-MM-DD', () => {
    expect(parseTypedDate('05/01/2026', 'dmy')).to.equal('2026-01-05');
    expect(parseTypedDate(' 5-1-2026 ', 'dmy')).to.equal('2026-01-05');
    expect(parseTypedDate('5.1.2026', 'dmy')).to.equal('2026-01-05');
    expect(parseTypedDate('01/05/2026', 'mdy')).to.equal('2026-01-05');
    expect(parseTypedDate('2026-01-05', 'dmy')).to.equal('2026-01-05');
    expect(parseTypedDate('2026/1/5', 'ymd')).to.equal('2026-01-05');
  });

  it('refuses what is not a real date so written', () => {
    for (const [text, order] of [['31/02/2026', 'dmy'], ['13/13/2026', 'dmy'], ['02/31/2026', 'mdy'], ['5/1/26', 'dmy'], ['5/1', 'dmy'], ['a/b/cccc', 'dmy'], ['', 'dmy'], ['5//1/2026', 'dmy']] as const) {
      expect(parseTypedDate(text, order), text).to.equal(undefined);
    }
  });

  it('a session dated with no real date is refused as such (the rule `date`), before any comparison', () => {
    const bad = { ...session('x', '2026-01-05'), date: '31/02/2026' };
    expect(() => sessionDateQuestions(course, held, bad, TODAY))
      .to.throw(IptError, 'must be a real date')
      .with.property('rule')
      .that.deep.equals({ kind: 'date' });
  });

  it('writes a date in the order of the language, and back', () => {
    expect(typedDate('2026-01-05', 'dmy')).to.equal('05/01/2026');
    expect(typedDate('2026-01-05', 'mdy')).to.equal('01/05/2026');
    expect(typedDate('2026-01-05', 'ymd')).to.equal('2026-01-05');
    expect(typedDate('', 'dmy')).to.equal('');
    for (const order of ['dmy', 'mdy', 'ymd'] as const) expect(parseTypedDate(typedDate('2028-02-29', order), order)).to.equal('2028-02-29');
  });
});
