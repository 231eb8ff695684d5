import { expect } from '@open-wc/testing';
import { DEFAULT_RINGS, disputesInOrder, firstStage, IptError, middleRing, moveStage, sessionOn, validate, type Dispute, type DisputeStage, type Session } from '../../src/model/index.js';

const course = validate('course', { id: 'c1', contract: { sessions: 12 } });
const session = (id: string, date: string, status: Session['status'] = 'attended', kind: Session['kind'] = 'acute') =>
  validate('session', { id, courseId: 'c1', date, status, kind });
const dispute = (id: string, date: string, stage: DisputeStage = 'renegotiation'): Dispute =>
  validate('dispute', { id, courseId: 'c1', personId: 'p1', stage, history: firstStage(stage, { date }) });

describe('sessionOn: the number of the session recorded on a date', () => {
  const sessions = [
    session('s3', '2026-01-19'),
    session('s1', '2026-01-05'),
    session('s2', '2026-01-12', 'cancelled'),
    session('s4', '2026-01-26', 'no-show'),
    session('s5', '2026-01-26'),
    session('m1', '2026-03-02', 'attended', 'maintenance'),
  ];

  it('numbers attended acute sessions in date order, whatever order they are stored in', () => {
    expect(sessionOn(course, sessions, '2026-01-05')).to.equal(1);
    expect(sessionOn(course, sessions, '2026-01-19')).to.equal(2);
  });

  it('gives none for a day without a session, with only a cancelled or missed one, or with a maintenance one', () => {
    expect(sessionOn(course, sessions, '2026-01-06')).to.equal(undefined);
    expect(sessionOn(course, sessions, '2026-01-12')).to.equal(undefined);
    expect(sessionOn(course, sessions, '2026-03-02')).to.equal(undefined);
    expect(sessionOn(course, [], '2026-01-05')).to.equal(undefined);
  });

  it('takes the attended session of a day that also has a missed one', () => {
    expect(sessionOn(course, sessions, '2026-01-26')).to.equal(3);
  });

  it('takes the last of two attended sessions on one day', () => {
    expect(sessionOn(course, [session('a', '2026-01-05'), session('b', '2026-01-05')], '2026-01-05')).to.equal(2);
  });
});

describe('disputesInOrder', () => {
  it('orders disputes by the date they were opened, then by id, without changing the list given', () => {
    const list = [dispute('d3', '2026-02-01'), dispute('d2', '2026-01-10'), dispute('d1', '2026-02-01')];
    expect(disputesInOrder(list).map((d) => d.id)).to.deep.equal(['d2', 'd1', 'd3']);
    expect(list.map((d) => d.id)).to.deep.equal(['d3', 'd2', 'd1']);
  });

  it('keeps the opening date when the dispute has moved since', () => {
    const moved = moveStage(dispute('a', '2026-01-01'), 'impasse', { date: '2026-03-01' });
    expect(disputesInOrder([dispute('b', '2026-02-01'), moved]).map((d) => d.id)).to.deep.equal(['a', 'b']);
  });
});

describe('moveStage: its date', () => {
  it('refuses a move dated before the dispute opened', () => {
    expect(() => moveStage(dispute('d1', '2026-03-01'), 'impasse', { date: '2026-02-28' }))
      .to.throw(IptError, 'before the dispute opened')
      .with.property('field', 'date');
  });

  it('refuses a move dated before its previous move, and takes one on the same day or later', () => {
    const moved = moveStage(dispute('d1', '2026-03-01'), 'impasse', { date: '2026-03-10' });
    expect(() => moveStage(moved, 'dissolution', { date: '2026-03-09' })).to.throw(IptError, 'before its previous move');
    expect(moveStage(moved, 'dissolution', { date: '2026-03-10' }).stage).to.equal('dissolution');
    expect(moveStage(moved, 'renegotiation', { date: '2026-04-01' }).history.map((m) => m.date)).to.deep.equal(['2026-03-01', '2026-03-10', '2026-04-01']);
  });
});

describe('moveStage: a stage outside the three', () => {
  it('is refused as invalid-input naming the stages, without quoting the value', () => {
    let error: unknown;
    try {
      moveStage(dispute('d1', '2026-01-05'), '<b>divorce</b>' as DisputeStage, { date: '2026-01-06' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(IptError);
    const e = error as IptError;
    expect([e.code, e.field, e.message]).to.deep.equal(['invalid-input', 'stage', 'Invalid stage move: stage must be one of renegotiation, impasse, dissolution']);
  });

  it('still says why a move to the current stage is refused', () => {
    expect(() => moveStage(dispute('d1', '2026-01-05'), 'renegotiation', { date: '2026-01-06' })).to.throw(IptError, 'it is already at renegotiation');
  });
});

describe('moveStage dated', () => {
  it('takes a move dated today or earlier and refuses one dated after today', () => {
    const d = dispute('d1', '2026-01-05');
    expect(moveStage(d, 'impasse', { date: '2026-02-01' }, '2026-02-01').history[1]).to.deep.equal({ from: 'renegotiation', to: 'impasse', date: '2026-02-01' });
    expect(moveStage(d, 'impasse', { date: '2026-01-20', session: 2 }, '2026-02-01').history[1]).to.include({ date: '2026-01-20', session: 2 });
    expect(() => moveStage(d, 'impasse', { date: '2026-02-02' }, '2026-02-01'))
      .to.throw(IptError, 'after today')
      .with.property('field', 'date');
  });
});

describe('middleRing: where someone new goes in the circle', () => {
  it('is the middle ring, the inner of the two middle ones for an even count', () => {
    expect(DEFAULT_RINGS).to.equal(3);
    expect([middleRing(), middleRing(3), middleRing(4), middleRing(5), middleRing(1)]).to.deep.equal([2, 2, 2, 3, 1]);
  });
});
