/** The goal rules the checklist adds: groups, the order of a move, statuses set in the edit form. */
import { expect } from '@open-wc/testing';
import { GOAL_TEXT_MAX, IptError, goalGroups, moveGoal, orderAt, sortGoals, validate, withStatus, type Goal } from '../../src/model/index.js';

const goal = (id: string, area: Goal['area'], extra: Partial<Goal> = {}): Goal =>
  validate('goal', { id, courseId: 'c1', text: `goal ${id}`, area, order: Number(id.slice(1)), set: '2026-01-05', ...extra });

describe('goal groups', () => {
  it('puts the focus first, even empty, then every other area that holds goals, withdrawn ones included', () => {
    const goals = [
      goal('g4', 'grief', { achievement: 'achieved' }),
      goal('g1', 'grief'),
      goal('g2', 'role-transition', { lifecycle: 'cancelled' }),
      goal('g3', 'role-dispute'),
    ];
    const { overall, areas } = goalGroups(goals, ['interpersonal-deficits', 'role-dispute']);
    expect(overall).to.deep.equal({ achieved: 1, total: 3 });
    expect(areas.map((a) => [a.area, a.achieved, a.total, a.goals.map((g) => g.id)])).to.deep.equal([
      ['interpersonal-deficits', 0, 0, []],
      ['role-dispute', 0, 1, ['g3']],
      ['grief', 1, 2, ['g1', 'g4']],
      ['role-transition', 0, 0, ['g2']],
    ]);
  });

  it('has no group without focus and goals', () => {
    expect(goalGroups([], [])).to.deep.equal({ overall: { achieved: 0, total: 0 }, areas: [] });
  });
});

describe('orderAt', () => {
  const list = [goal('g1', 'grief'), goal('g2', 'grief'), goal('g3', 'grief')];
  const moved = (id: string, to: number) => sortGoals(list.map((g) => (g.id === id ? { ...g, order: orderAt(list, id, to) } : g))).map((g) => g.id);

  it('moves a goal up, down, to either end, and onto the place of another', () => {
    expect(moved('g2', 0)).to.deep.equal(['g2', 'g1', 'g3']);
    expect(moved('g2', 2)).to.deep.equal(['g1', 'g3', 'g2']);
    expect(moved('g3', 0)).to.deep.equal(['g3', 'g1', 'g2']);
    expect(moved('g1', 2)).to.deep.equal(['g2', 'g3', 'g1']);
    expect(moved('g1', 1)).to.deep.equal(['g2', 'g1', 'g3']);
  });

  it('gives orders between the neighbours, so one record is written per move', () => {
    expect([orderAt(list, 'g3', 0), orderAt(list, 'g3', 1), orderAt(list, 'g1', 2)]).to.deep.equal([0, 1.5, 4]);
  });
});

describe('withStatus', () => {
  it('dates a goal that becomes achieved, keeps the first date, and undates it when it no longer is', () => {
    const done = withStatus(goal('g1', 'grief'), 'completed', 'sustaining', '2026-03-01');
    expect(done).to.include({ lifecycle: 'completed', achievement: 'sustaining', achieved: '2026-03-01' });
    expect(withStatus(done, 'completed', 'achieved', '2026-04-01').achieved).to.equal('2026-03-01');
    const open = withStatus(done, 'on-hold', undefined, '2026-04-01');
    expect(open).to.include({ lifecycle: 'on-hold' });
    expect('achieved' in open || 'achievement' in open).to.equal(false);
    expect(validate('goal', open)).to.deep.equal(open);
  });
});

describe('moveGoal', () => {
  const ids = (list: readonly Goal[]) => list.map((g) => g.id);
  /** Applies a move as the checklist writes it: the goals moveGoal returns replace their old versions. */
  const apply = (list: readonly Goal[], id: string, to: number) => {
    const written = moveGoal(list, id, to);
    const next = sortGoals(list.map((g) => written.find((w) => w.id === g.id) ?? g));
    return { written, next };
  };

  it('writes the moved goal alone while there is room between its neighbours', () => {
    const list = [goal('g1', 'grief'), goal('g2', 'grief'), goal('g3', 'grief')];
    const { written, next } = apply(list, 'g3', 1);
    expect(written).to.deep.equal([{ ...list[2], order: 1.5 }]);
    expect(ids(next)).to.deep.equal(['g1', 'g3', 'g2']);
  });

  it('keeps working after 60 moves between the same two neighbours: it renumbers the list when there is no room left', () => {
    let list = [goal('g1', 'grief'), goal('g2', 'grief'), goal('g3', 'grief')];
    let renumbered = 0;
    for (let i = 0; i < 60; i++) {
      // The last goal goes between the first and the second, again and again: the gap halves each time.
      const last = list[2]!.id;
      const { written, next } = apply(list, last, 1);
      expect(ids(next), `move ${i + 1}`).to.deep.equal([list[0]!.id, last, list[1]!.id]);
      if (written.length > 1) {
        renumbered++;
        expect(next.map((g) => g.order), 'renumbered 1, 2, 3').to.deep.equal([1, 2, 3]);
      } else expect(written.map((g) => g.id)).to.deep.equal([last]);
      next.forEach((g) => validate('goal', g));
      list = next;
    }
    expect(renumbered).to.be.greaterThan(0);
  });

  it('renumbers goals that share an order, writing only those whose order changes', () => {
    const list = sortGoals([goal('g1', 'grief', { order: 1 }), goal('g2', 'grief', { order: 1 }), goal('g3', 'grief', { order: 1 })]);
    const { written, next } = apply(list, 'g3', 1);
    expect(ids(next)).to.deep.equal(['g1', 'g3', 'g2']);
    expect(written.map((g) => [g.id, g.order])).to.deep.equal([
      ['g3', 2],
      ['g2', 3],
    ]);
  });
});

describe('GOAL_TEXT_MAX', () => {
  it('is the longest goal text the schema takes', () => {
    expect(validate('goal', { ...goal('g1', 'grief'), text: 'x'.repeat(GOAL_TEXT_MAX) }).text).to.have.length(GOAL_TEXT_MAX);
    expect(() => validate('goal', { ...goal('g1', 'grief'), text: 'x'.repeat(GOAL_TEXT_MAX + 1) })).to.throw(IptError, `at most ${GOAL_TEXT_MAX} characters`);
  });
});
