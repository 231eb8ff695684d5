import { expect } from '@open-wc/testing';
import {
  allowedMoves,
  closeDispute,
  firstStage,
  goalProgress,
  IptError,
  isAchieved,
  measureSeries,
  moveStage,
  orderBetween,
  reopenDispute,
  setAchieved,
  severityOf,
  sortGoals,
  stageHistory,
  validate,
  type Dispute,
  type Goal,
} from '../../src/model/index.js';

const dispute = (): Dispute =>
  validate('dispute', {
    id: 'd1',
    courseId: 'c1',
    personId: 'p1',
    stage: 'renegotiation',
    history: firstStage('renegotiation', { date: '2026-01-10', session: 2 }),
  });

describe('dispute stages', () => {
  it('lets an open dispute move to either other stage, both ways', () => {
    const d = dispute();
    expect(allowedMoves(d)).to.deep.equal(['impasse', 'dissolution']);
    const atImpasse = moveStage(d, 'impasse', { date: '2026-01-17', session: 3, note: 'stopped talking' });
    expect(allowedMoves(atImpasse)).to.deep.equal(['renegotiation', 'dissolution']);
    const back = moveStage(atImpasse, 'renegotiation', { date: '2026-01-24', session: 4 });
    expect(back.stage).to.equal('renegotiation');
    expect(back.history.map((m) => [m.from, m.to, m.session])).to.deep.equal([
      [undefined, 'renegotiation', 2],
      ['renegotiation', 'impasse', 3],
      ['impasse', 'renegotiation', 4],
    ]);
    expect(validate('dispute', back)).to.deep.equal(back);
  });

  it('refuses a move to the stage it is at, and any move while closed', () => {
    const d = dispute();
    expect(() => moveStage(d, 'renegotiation', { date: '2026-01-17' })).to.throw(IptError, /already at renegotiation/);
    const closed = closeDispute(d, 'resolved', '2026-02-01');
    expect(allowedMoves(closed)).to.deep.equal([]);
    expect(() => moveStage(closed, 'impasse', { date: '2026-02-02' })).to.throw(IptError, /closed/);
    expect(() => closeDispute(closed, 'dissolved', '2026-02-02')).to.throw(IptError);
  });

  it('closes a dispute with its outcome and date, and the closed dispute still validates', () => {
    const closed = closeDispute(dispute(), 'resolved', '2026-02-01');
    expect(closed).to.include({ stage: 'renegotiation', outcome: 'resolved', closed: '2026-02-01' });
    expect(validate('dispute', closed)).to.deep.equal(closed);
  });

  it('reopens a closed dispute at the stage it had', () => {
    const reopened = reopenDispute(closeDispute(dispute(), 'unresolved', '2026-02-01'));
    expect(reopened.outcome).to.equal(undefined);
    expect(reopened.closed).to.equal(undefined);
    expect(allowedMoves(reopened)).to.have.length(2);
  });

  it('gives the history in date order', () => {
    const d = { ...dispute(), history: [{ to: 'impasse' as const, from: 'renegotiation' as const, date: '2026-02-01' }, { to: 'renegotiation' as const, date: '2026-01-01' }] };
    expect(stageHistory({ ...d, stage: 'impasse' }).map((m) => m.date)).to.deep.equal(['2026-01-01', '2026-02-01']);
  });

  it('keeps moves made on one day in the order they were made', () => {
    const d = moveStage(moveStage(dispute(), 'impasse', { date: '2026-01-10' }), 'dissolution', { date: '2026-01-10' });
    expect(stageHistory(d).map((m) => m.to)).to.deep.equal(['renegotiation', 'impasse', 'dissolution']);
  });

  it('rejects a dispute whose history does not end at its stage, or a stage outside the three', () => {
    expect(() => validate('dispute', { ...dispute(), stage: 'impasse' })).to.throw(IptError, /history/);
    expect(() => validate('dispute', { ...dispute(), stage: 'divorce' })).to.throw(IptError, /stage must be one of/);
  });
});

const goal = (id: string, area: Goal['area'], extra: Partial<Goal> = {}): Goal =>
  validate('goal', { id, courseId: 'c1', text: `goal ${id}`, area, order: Number(id.slice(1)), set: '2026-01-05', ...extra });

describe('goals', () => {
  it('counts achieved goals per area, the focus first, and leaves withdrawn goals out', () => {
    const goals = [
      goal('g1', 'grief', { achievement: 'achieved', lifecycle: 'completed' }),
      goal('g2', 'grief'),
      goal('g3', 'role-dispute', { achievement: 'sustaining' }),
      goal('g4', 'role-dispute', { lifecycle: 'cancelled' }),
      goal('g5', 'grief', { lifecycle: 'entered-in-error', achievement: 'achieved' }),
    ];
    expect(goalProgress(goals, ['role-dispute'])).to.deep.equal({
      overall: { achieved: 2, total: 3 },
      areas: [
        { area: 'role-dispute', achieved: 1, total: 1 },
        { area: 'grief', achieved: 1, total: 2 },
      ],
    });
  });

  it('lists no area outside the focus whose goals were all withdrawn', () => {
    const goals = [goal('g1', 'grief'), goal('g2', 'role-transition', { lifecycle: 'cancelled' })];
    expect(goalProgress(goals, []).areas.map((a) => a.area)).to.deep.equal(['grief']);
    expect(goalProgress([], ['role-dispute']).areas).to.deep.equal([{ area: 'role-dispute', achieved: 0, total: 0 }]);
  });

  it('marks a goal achieved and back with FHIR statuses and the date', () => {
    const done = setAchieved(goal('g1', 'grief'), true, '2026-03-01');
    expect(done).to.include({ lifecycle: 'completed', achievement: 'achieved', achieved: '2026-03-01' });
    expect(isAchieved(done)).to.equal(true);
    const undone = setAchieved(done, false, '2026-03-02');
    expect(undone).to.include({ lifecycle: 'active', achievement: 'in-progress' });
    expect('achieved' in undone).to.equal(false);
  });

  it('sorts goals by their order', () => {
    expect(sortGoals([goal('g3', 'grief'), goal('g1', 'grief'), goal('g2', 'grief')]).map((g) => g.id)).to.deep.equal(['g1', 'g2', 'g3']);
  });

  it('places a goal between two neighbours, before the first or after the last', () => {
    expect([orderBetween(), orderBetween(undefined, 1), orderBetween(3), orderBetween(1, 2)]).to.deep.equal([1, 0, 4, 1.5]);
    const moved = goal('g3', 'grief', { order: orderBetween(1, 2) });
    expect(sortGoals([goal('g1', 'grief'), goal('g2', 'grief'), moved]).map((g) => g.id)).to.deep.equal(['g1', 'g3', 'g2']);
  });
});

describe('severity bands', () => {
  it('bands PHQ-9 at 5, 10, 15 and 20', () => {
    expect([0, 4, 5, 9, 10, 14, 15, 19, 20, 27].map((s) => severityOf('PHQ-9', s))).to.deep.equal([
      'minimal', 'minimal', 'mild', 'mild', 'moderate', 'moderate', 'moderately-severe', 'moderately-severe', 'severe', 'severe',
    ]);
  });

  it('bands GAD-7 at 5, 10 and 15', () => {
    expect([4, 5, 9, 10, 14, 15, 21].map((s) => severityOf('GAD-7', s))).to.deep.equal([
      'minimal', 'mild', 'mild', 'moderate', 'moderate', 'severe', 'severe',
    ]);
  });

  it('bands EPDS at 10 (possible depression) and 13 (probable depression), Cox, Holden and Sagovsky 1987', () => {
    expect([0, 9, 10, 12, 13, 14, 30].map((s) => severityOf('EPDS', s))).to.deep.equal([
      'below-threshold', 'below-threshold', 'possible-depression', 'possible-depression', 'probable-depression', 'probable-depression', 'probable-depression',
    ]);
  });

  it('has no bands for instruments it does not band', () => {
    expect(severityOf('HAM-D', 12)).to.equal(undefined);
    expect(severityOf('other', 12)).to.equal(undefined);
  });

  it('orders a series by date', () => {
    const m = (id: string, date: string, score: number) => validate('measure', { id, courseId: 'c1', instrument: 'PHQ-9', score, date });
    const gad = validate('measure', { id: 'x', courseId: 'c1', instrument: 'GAD-7', score: 3, date: '2026-01-01' });
    expect(measureSeries([m('b', '2026-02-01', 12), gad, m('a', '2026-01-01', 18)], 'PHQ-9').map((x) => x.score)).to.deep.equal([18, 12]);
  });
});
