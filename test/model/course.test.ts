import { expect } from '@open-wc/testing';
import {
  IptError,
  authorizationCover,
  acutePhases,
  contractOn,
  phaseRuns,
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
  ({ id: `s${String(++n).padStart(4, '0')}`, courseId: 'c1', date, status, kind, mode: 'video' });

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

  it('gives a short contract all three phases (interpersonal counselling, 3-6 sessions)', () => {
    expect(phases(3)).to.deep.equal(['initial', 'middle', 'termination']);
    expect(phases(4)).to.deep.equal(['initial', 'middle', 'middle', 'termination']);
    expect(phases(6)).to.deep.equal(['initial', 'initial', 'middle', 'middle', 'termination', 'termination']);
    expect(phases(8)).to.deep.equal(['initial', 'initial', 'initial', 'middle', 'middle', 'termination', 'termination', 'termination']);
    expect(phases(2)).to.deep.equal(['initial', 'termination']);
    expect(phases(1)).to.deep.equal(['initial']);
  });

  it('gives every contract from 3 to 100 sessions all three phases, for any configured ranges', () => {
    for (const initial of [1, 3, 4, 10]) {
      for (const termination of [1, 3, 4, 10]) {
        for (let planned = 3; planned <= 100; planned++) {
          const p = { initial, termination, window: 3 };
          const list = Array.from({ length: planned }, (_, i) => phaseOf(i + 1, planned, p));
          const runs = phaseRuns(list).map((r) => r.phase);
          expect(runs, `${planned} sessions, ${initial}/${termination}`).to.deep.equal(['initial', 'middle', 'termination']);
          if (planned >= initial + termination + 1) {
            expect(list.filter((x) => x === 'initial').length, `${planned}: initial as configured`).to.equal(initial);
            expect(list.filter((x) => x === 'termination').length, `${planned}: termination as configured`).to.equal(termination);
          }
        }
      }
    }
  });

  it('phases 3, 6, 8, 12, 16 and 20 sessions as the README table says', () => {
    const table = [3, 6, 8, 12, 16, 20].map((planned) => {
      const runs = phaseRuns(Array.from({ length: planned }, (_, i) => phaseOf(i + 1, planned)));
      const opens = Array.from({ length: planned + 1 }, (_, done) => done).find((done) => courseProgress(course(planned), attended(done)).terminationWindow);
      return [planned, ...runs.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)), opens! + 1];
    });
    expect(table).to.deep.equal([
      [3, '1', '2', '3', 2],
      [6, '1-2', '3-4', '5-6', 4],
      [8, '1-3', '4-5', '6-8', 6],
      [12, '1-3', '4-9', '10-12', 10],
      [16, '1-3', '4-13', '14-16', 14],
      [20, '1-3', '4-17', '18-20', 18],
    ]);
  });

  it('keeps sessions past the contract in termination', () => {
    expect(phaseOf(17, 16)).to.equal('termination');
  });

  it('gives bounds in which termination never starts inside the initial phase', () => {
    expect(phaseBounds(16)).to.deep.equal({ initialEnd: 3, terminationStart: 14 });
    expect(phaseBounds(4)).to.deep.equal({ initialEnd: 1, terminationStart: 4 });
    expect(phaseBounds(2)).to.deep.equal({ initialEnd: 1, terminationStart: 2 });
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

  it('never opens the termination window before the initial phase is over (3- and 4-session contracts)', () => {
    for (const planned of [3, 4]) {
      expect(courseProgress(course(planned), []).terminationWindow, `${planned}: before session 1`).to.equal(false);
      expect(courseProgress(course(planned), attended(1)).terminationWindow, `${planned}: after session 1`).to.equal(true);
    }
    const wide = course(6, { phases: { initial: 3, termination: 3, window: 6 } });
    expect([0, 1, 2].map((n) => courseProgress(wide, attended(n)).terminationWindow)).to.deep.equal([false, false, true]);
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

describe('phases held (a renegotiation changes only what lies ahead)', () => {
  // Sessions 14 and 15 held in the termination phase of a 16-session contract, then 16 → 18.
  const fifteen = attended(15);
  const held = renegotiate(course(16), 18, '2026-01-20', 'second problem area', 15);

  it('keeps sessions 14 and 15 in termination after the contract goes from 16 to 18', () => {
    const phases = numberSessions(held, fifteen).map((n) => n.phase);
    expect(phases.slice(12)).to.deep.equal(['middle', 'termination', 'termination']);
    expect(courseProgress(held, fifteen)).to.include({ phase: 'termination', nextPhase: 'termination', left: 3 });
    expect(acutePhases(held, fifteen).slice(12)).to.deep.equal(['middle', 'termination', 'termination', 'termination', 'termination', 'termination']);
  });

  it('gives sessions after a renegotiation their phase under the new contract, and those of its day the old one', () => {
    const longer = renegotiate(course(16), 20, '2026-01-15', undefined, 15); // agreed in session 15
    const list = [...fifteen, session('2026-01-22'), session('2026-01-29'), session('2026-02-05')];
    expect(numberSessions(longer, list).map((n) => n.phase).slice(12)).to.deep.equal(['middle', 'termination', 'termination', 'middle', 'middle', 'termination']);
    expect(phaseRuns(acutePhases(longer, list))).to.deep.equal([
      { phase: 'initial', from: 1, to: 3 },
      { phase: 'middle', from: 4, to: 13 },
      { phase: 'termination', from: 14, to: 15 },
      { phase: 'middle', from: 16, to: 17 },
      { phase: 'termination', from: 18, to: 20 },
    ]);
  });

  it('applies a renegotiation to the sessions after those held when it was agreed, also on the same day', () => {
    const twice = renegotiate(renegotiate(course(12), 16, '2026-02-01', undefined, 4), 14, '2026-03-01', undefined, 9);
    expect([1, 4, 5, 9, 10, 14].map((n) => contractOn(twice.contract, n, '2026-02-01'))).to.deep.equal([12, 12, 16, 16, 14, 14]);
    expect(contractOn(course(12).contract, 1, '2026-01-01')).to.equal(12);
    // Agreed in session 15 and session 16 recorded the same day: 16 is held under the new contract.
    const sameDay = renegotiate(course(16), 20, '2026-01-15', undefined, 15);
    const list = [...fifteen, session('2026-01-15')];
    expect(numberSessions(sameDay, list).map((n) => n.phase).slice(13)).to.deep.equal(['termination', 'termination', 'middle']);
  });

  it('reads a renegotiation stored without the sessions held as applying after the day it was agreed', () => {
    const old = { ...course(16), contract: { sessions: 20, history: [{ date: '2026-01-15', from: 16, to: 20 }] } };
    expect(['2026-01-14', '2026-01-15', '2026-01-16'].map((d) => contractOn(old.contract, 16, d))).to.deep.equal([16, 16, 20]);
  });
});

describe('renegotiate', () => {
  it('refuses a contract below the sessions already held ("session 4 of 2"), and allows one equal to them', () => {
    expect(() => renegotiate(course(12), 2, '2026-02-01', undefined, 4)).to.throw(IptError, /4 acute sessions have been held/).with.property('field', 'to');
    expect(renegotiate(course(12), 4, '2026-02-01', undefined, 4).contract.sessions).to.equal(4);
  });

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

describe('authorizationCover: the authorization against the contract', () => {
  const withAuth = (planned: number, sessions: number, start = '2026-01-01') =>
    course(planned, { authorization: { sessions, start, end: '2026-12-31', lowAt: 2 } });

  it('says from the start that 12 authorized sessions leave 4 of a 16-session contract uncovered', () => {
    expect(authorizationCover(withAuth(16, 12), [])).to.deep.equal({ heldBefore: 0, contracted: 16, short: 4 });
  });

  it('counts the sessions held before an authorization entered later, which it does not cover', () => {
    const three = [session('2025-12-01'), session('2025-12-08'), session('2025-12-15'), session('2025-12-22', 'cancelled'), session('2026-01-05')];
    expect(authorizationCover(withAuth(16, 12), three)).to.deep.equal({ heldBefore: 3, contracted: 13, short: 1 });
    expect(authorizationCover(withAuth(16, 13), three)).to.deep.equal({ heldBefore: 3, contracted: 13, short: 0 });
  });

  it('has nothing short when the authorization covers the contract, and follows a renegotiation', () => {
    expect(authorizationCover(withAuth(12, 12), [])!.short).to.equal(0);
    expect(authorizationCover(renegotiate(withAuth(12, 12), 16, '2026-02-01'), [])!.short).to.equal(4);
    expect(authorizationCover(course(12), [])).to.equal(undefined);
  });
});
