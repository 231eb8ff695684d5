import { expect } from '@open-wc/testing';
import { crossings, authorizationAlert, firstStage, peopleInOrder, shownRing, validate, type CourseState, type Session } from '../../src/model/index.js';

const state = (sessions: number, extra: Partial<CourseState> = {}, course: object = {}): CourseState => ({
  course: validate('course', { id: 'c1', contract: { sessions: 16 }, ...course }),
  sessions: Array.from({ length: sessions }, (_, i) => session(i)),
  people: [],
  disputes: [],
  goals: [],
  measures: [],
  ...extra,
});
const session = (i: number, status: Session['status'] = 'attended'): Session =>
  validate('session', { id: `s${String(i).padStart(3, '0')}`, courseId: 'c1', date: `2026-03-${String(i + 1).padStart(2, '0')}`, status });
const types = (list: ReturnType<typeof crossings>) => list.map((c) => c.type);
const person = (id: string, ring: number, name = id) => validate('person', { id, courseId: 'c1', name, ring });

describe('crossings', () => {
  it('nothing is crossed from or to no course, nor between equal states', () => {
    expect(crossings(undefined, state(3), '2026-04-01')).to.deep.equal([]);
    expect(crossings(state(3), undefined, '2026-04-01')).to.deep.equal([]);
    expect(crossings(state(5), state(5), '2026-04-01')).to.deep.equal([]);
  });

  it('a recorded session that starts the middle phase: the phase change, then the session logged with its number and phase', () => {
    const out = crossings(state(3), state(4), '2026-04-01');
    expect(out).to.deep.equal([
      { type: 'phase-change', detail: { from: 'initial', to: 'middle', session: 4 } },
      { type: 'session-logged', detail: { sessionId: 's003', status: 'attended', kind: 'acute', number: 4, phase: 'middle' } },
    ]);
  });

  it('a removed session that moves the course back crosses the phase back, and logs nothing', () => {
    expect(crossings(state(4), state(3), '2026-04-01')).to.deep.equal([{ type: 'phase-change', detail: { from: 'middle', to: 'initial', session: 3 } }]);
  });

  it('a missed session is logged without number or phase', () => {
    const before = state(2);
    const after = { ...before, sessions: [...before.sessions, session(5, 'no-show')] };
    expect(crossings(before, after, '2026-04-01')).to.deep.equal([{ type: 'session-logged', detail: { sessionId: 's005', status: 'no-show', kind: 'acute' } }]);
  });

  it('enters the termination window once, with the sessions left', () => {
    // 16 sessions, window 3 by default: entered when 3 are left.
    expect(crossings(state(12), state(13), '2026-04-01').filter((c) => c.type === 'termination-window')).to.deep.equal([
      { type: 'termination-window', detail: { sessionsLeft: 3, planned: 16 } },
    ]);
    expect(types(crossings(state(13), state(14), '2026-04-01'))).to.not.include('termination-window');
  });

  it('raises an authorization alert when its state changes, not again while it stays', () => {
    const auth = { authorization: { sessions: 4, start: '2026-01-01', end: '2026-12-31', lowAt: 1 } };
    const alert = (a: number, b: number, today = '2026-04-01') => authorizationAlert(state(a, {}, auth), state(b, {}, auth), today);
    expect(alert(2, 3)).to.deep.equal({ state: 'low', remaining: 1, authorized: 4, end: '2026-12-31' });
    expect(alert(3, 4)?.state).to.equal('exhausted');
    expect(alert(4, 5), 'still exhausted').to.equal(undefined);
    expect(alert(1, 2), 'still ok').to.equal(undefined);
    expect(alert(1, 1, '2027-01-01'), 'expired on both sides').to.equal(undefined);
    expect(authorizationAlert(state(3), state(3, {}, auth), '2026-04-01')?.state, 'a new authorization already low').to.equal('low');
  });

  it('a person moved to another ring, a dispute moved to another stage, a goal whose status changed', () => {
    const first = firstStage('renegotiation', { date: '2026-03-01' });
    const dispute = (stage: 'renegotiation' | 'impasse') =>
      validate('dispute', { id: 'd1', courseId: 'c1', personId: 'p1', stage, history: stage === 'impasse' ? [...first, { from: 'renegotiation', to: 'impasse', date: '2026-03-08' }] : first });
    const goal = (lifecycle: string, achievement?: string) => validate('goal', { id: 'g1', courseId: 'c1', text: 'Call', area: 'grief', order: 1, set: '2026-03-01', lifecycle, achievement });
    const before = state(0, { people: [person('p1', 2), person('p2', 1)], disputes: [dispute('renegotiation')], goals: [goal('active', 'in-progress')] });
    const after = state(0, { people: [person('p1', 1), person('p2', 1), person('p3', 3)], disputes: [dispute('impasse')], goals: [goal('completed', 'achieved')] });
    expect(crossings(before, after, '2026-04-01')).to.deep.equal([
      { type: 'ring-change', detail: { personId: 'p1', from: 2, to: 1 } },
      { type: 'dispute-stage-change', detail: { disputeId: 'd1', personId: 'p1', from: 'renegotiation', to: 'impasse' } },
      { type: 'goal-change', detail: { goalId: 'g1', from: { lifecycle: 'active', achievement: 'in-progress' }, to: { lifecycle: 'completed', achievement: 'achieved' } } },
    ]);
  });
});

describe('shownRing and peopleInOrder', () => {
  it('a person stored beyond the rings drawn shows on the outermost, and sorts with it', () => {
    expect(shownRing({ ring: 5 }, 3)).to.equal(3);
    expect(shownRing({ ring: 2 }, 3)).to.equal(2);
    const order = peopleInOrder([person('a', 5, 'Zoe'), person('b', 3, 'Ana'), person('c', 1, 'Luis')], 3).map((p) => p.name);
    expect(order).to.deep.equal(['Luis', 'Ana', 'Zoe']);
  });
});
