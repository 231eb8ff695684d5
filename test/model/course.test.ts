import { expect } from '@open-wc/testing';
import {
  authorizationStatus,
  courseProgress,
  numberSessions,
  phaseBounds,
  phaseOf,
  renegotiate,
  validate,
  type Course,
  type Session,
} from '../../src/model/index.js';

const course = (sessions: number, extra: Partial<Course> = {}): Course =>
  validate('course', { id: 'c1', contract: { sessions }, ...extra });

let n = 0;
const session = (date: string, status: Session['status'] = 'attended', kind: Session['kind'] = 'acute'): Session =>
  ({ id: `s${String(++n).padStart(4, '0')}`, courseId: 'c1', date, status, kind });

/** Attended acute sessions on consecutive days from 2026-01-01. */
const attended = (count: number) =>
  Array.from({ length: count }, (_, i) => session(`2026-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`));

describe('phaseOf', () => {
  const phases = (planned: number) => Array.from({ length: planned }, (_, i) => phaseOf(i + 1, planned));
  const expected = (planned: number) => [
    ...Array(3).fill('initial'),
    ...Array(planned - 6).fill('middle'),
    ...Array(3).fill('termination'),
  ];

  for (const planned of [12, 16, 20]) {
    it(`puts sessions 1-3 in initial, 4-${planned - 3} in middle and the last 3 in termination for ${planned} sessions`, () => {
      expect(phases(planned)).to.deep.equal(expected(planned));
    });
  }

  it('moves between phases exactly at the boundaries of a 16-session contract', () => {
    expect([3, 4, 13, 14].map((s) => phaseOf(s, 16))).to.deep.equal(['initial', 'middle', 'middle', 'termination']);
  });

  it('follows configured ranges (IPTUK: 4 initial sessions, 4 closing)', () => {
    const p = { initial: 4, termination: 4, window: 4 };
    expect([4, 5, 12, 13].map((s) => phaseOf(s, 16, p))).to.deep.equal(['initial', 'middle', 'middle', 'termination']);
  });

  it('degrades gracefully for a very short contract (interpersonal counselling, 4 sessions)', () => {
    expect([1, 2, 3, 4].map((s) => phaseOf(s, 4))).to.deep.equal(['initial', 'initial', 'initial', 'termination']);
    expect([1, 2].map((s) => phaseOf(s, 2))).to.deep.equal(['initial', 'initial']);
  });

  it('keeps sessions past the contract in termination', () => {
    expect(phaseOf(17, 16)).to.equal('termination');
  });

  it('gives bounds in which termination never starts inside the initial phase', () => {
    expect(phaseBounds(16)).to.deep.equal({ initialEnd: 3, terminationStart: 14 });
    expect(phaseBounds(4)).to.deep.equal({ initialEnd: 3, terminationStart: 4 });
    expect(phaseBounds(2)).to.deep.equal({ initialEnd: 2, terminationStart: 3 });
  });
});

describe('numberSessions and courseProgress', () => {
  it('does not count cancelled or no-show sessions', () => {
    const c = course(12);
    const list = [session('2026-01-05'), session('2026-01-12', 'cancelled'), session('2026-01-19', 'no-show'), session('2026-01-26')];
    const numbered = numberSessions(c, list);
    expect(numbered.map((x) => x.number)).to.deep.equal([1, undefined, undefined, 2]);
    const progress = courseProgress(c, list);
    expect(progress.done).to.equal(2);
    expect(progress.left).to.equal(10);
    expect(progress.phase).to.equal('initial');
  });

  it('numbers sessions by date, whatever order they were recorded in', () => {
    const c = course(12);
    const late = session('2026-03-01');
    const early = session('2026-01-01');
    expect(numberSessions(c, [late, early]).map((x) => [x.session.date, x.number])).to.deep.equal([
      ['2026-01-01', 1],
      ['2026-03-01', 2],
    ]);
  });

  it('opens the termination window when as many sessions are left as the window holds', () => {
    const c = course(16);
    expect(courseProgress(c, attended(12)).terminationWindow).to.equal(false);
    const at13 = courseProgress(c, attended(13));
    expect(at13.left).to.equal(3);
    expect(at13.terminationWindow).to.equal(true);
    expect(at13.phase).to.equal('middle');
    expect(at13.nextPhase).to.equal('termination');
    const done = courseProgress(c, attended(16));
    expect(done.terminationWindow).to.equal(false);
    expect(done.complete).to.equal(true);
    expect(done.nextPhase).to.equal(undefined);
  });

  it('honours a configured window', () => {
    const c = course(16, { phases: { initial: 3, termination: 3, window: 4 } });
    expect(courseProgress(c, attended(12)).terminationWindow).to.equal(true);
  });

  it('counts sessions past the contract', () => {
    expect(courseProgress(course(12), attended(14)).overContract).to.equal(2);
  });

  it('reports the maintenance phase once a maintenance session is attended', () => {
    const c = course(12, { maintenance: { sessions: 6, start: '2026-06-01', cadence: 'monthly' } });
    const list = [...attended(12), session('2026-07-01', 'attended', 'maintenance'), session('2026-08-01', 'no-show', 'maintenance')];
    const p = courseProgress(c, list);
    expect(p.phase).to.equal('maintenance');
    expect(p.maintenance).to.deep.equal({ planned: 6, done: 1, left: 5 });
    expect(numberSessions(c, list).at(-2)).to.include({ number: 1, phase: 'maintenance' });
  });
});

describe('renegotiate', () => {
  it('keeps each change of the contract with its date, old and new number and reason', () => {
    const once = renegotiate(course(12), 16, '2026-02-01', 'second problem area');
    const twice = renegotiate(once, 14, '2026-03-01');
    expect(twice.contract).to.deep.equal({
      sessions: 14,
      history: [
        { date: '2026-02-01', from: 12, to: 16, reason: 'second problem area' },
        { date: '2026-03-01', from: 16, to: 14 },
      ],
    });
    expect(validate('course', twice)).to.deep.equal(twice);
  });
});

describe('authorizationStatus', () => {
  const auth = { sessions: 6, start: '2026-01-01', end: '2026-03-31', lowAt: 2 };
  const on = (date: string, count: number, status: Session['status'] = 'attended') =>
    Array.from({ length: count }, (_, i) => session(`${date.slice(0, 8)}${String(i + 1).padStart(2, '0')}`, status));

  it('is ok, then low, then exhausted as attended sessions use it up', () => {
    expect(authorizationStatus(auth, on('2026-01-01', 3), '2026-02-01')).to.include({ state: 'ok', used: 3, remaining: 3 });
    expect(authorizationStatus(auth, on('2026-01-01', 4), '2026-02-01')).to.include({ state: 'low', remaining: 2 });
    expect(authorizationStatus(auth, on('2026-01-01', 6), '2026-02-01')).to.include({ state: 'exhausted', remaining: 0 });
    expect(authorizationStatus(auth, on('2026-01-01', 8), '2026-02-01')).to.include({ used: 8, remaining: 0 });
  });

  it('counts neither cancelled nor no-show sessions nor sessions outside its period', () => {
    const list = [...on('2026-01-01', 3, 'cancelled'), ...on('2026-01-01', 2, 'no-show'), ...on('2025-12-01', 4), ...on('2026-04-01', 4)];
    expect(authorizationStatus(auth, list, '2026-02-01')).to.include({ state: 'ok', used: 0, remaining: 6 });
  });

  it('expires the day after its end date', () => {
    expect(authorizationStatus(auth, [], '2026-03-31').state).to.equal('ok');
    expect(authorizationStatus(auth, [], '2026-04-01').state).to.equal('expired');
  });

  it('counts sessions on its first and on its last day', () => {
    expect(authorizationStatus(auth, [session('2026-01-01'), session('2026-03-31')], '2026-03-31')).to.include({ used: 2, remaining: 4 });
  });

  it('says expired, not exhausted, once its end date has passed', () => {
    expect(authorizationStatus(auth, on('2026-01-01', 6), '2026-04-01')).to.include({ state: 'expired', remaining: 0 });
  });
});
