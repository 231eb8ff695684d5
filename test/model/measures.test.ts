/** Issue 19, items 7 and 8, and issue 22 item 12: HAM-D versions, response and remission, what the record form offers. */
import { expect } from '@open-wc/testing';
import { lastInstruments, nextSessionDate, outcomeOf, scoreRange, validate, type Course, type Measure, type Session } from '../../src/model/index.js';

const measure = (o: Record<string, unknown>) => () => validate('measure', { id: 'm1', courseId: 'c1', date: '2026-01-05', ...o });

describe('HAM-D versions', () => {
  it('takes each version up to its maximum (17: 52, 21: 63, 24: 75; none named: 17) and refuses one above', () => {
    for (const [version, max] of [[undefined, 52], [17, 52], [21, 63], [24, 75]] as const) {
      expect(scoreRange({ instrument: 'HAM-D', version })).to.deep.equal([0, max]);
      expect(measure({ instrument: 'HAM-D', score: max, ...(version ? { version } : {}) })).to.not.throw();
      expect(measure({ instrument: 'HAM-D', score: max + 1, ...(version ? { version } : {}) })).to.throw(/score is outside the range of its instrument/);
    }
  });

  it('refuses a version that is not one, and a version on another instrument', () => {
    expect(measure({ instrument: 'HAM-D', score: 10, version: 18 })).to.throw(/version/);
    expect(measure({ instrument: 'PHQ-9', score: 10, version: 21 })).to.throw(/version is a HAM-D version: only a HAM-D has one/);
  });
});

describe('response and remission', () => {
  const series = (instrument: Measure['instrument'], ...scores: number[]) => scores.map((score) => ({ instrument, score }));
  it('response is a fall of 50% or more from the first score; remission a PHQ-9 or GAD-7 below 5', () => {
    const s = series('PHQ-9', 18, 10, 9, 4);
    expect(s.map((_, i) => outcomeOf(s, i))).to.deep.equal([
      { change: undefined, response: false, remission: false },
      { change: -44, response: false, remission: false },
      { change: -50, response: true, remission: false },
      { change: -78, response: true, remission: true },
    ]);
    const g = series('GAD-7', 4, 5);
    expect([outcomeOf(g, 0).remission, outcomeOf(g, 1).remission]).to.deep.equal([true, false]);
  });

  it('has no remission threshold for EPDS or HAM-D, and neither for another instrument, whose direction is not known', () => {
    expect(outcomeOf(series('EPDS', 20, 2), 1)).to.deep.equal({ change: -90, response: true, remission: false });
    expect(outcomeOf(series('other', 20, 2), 1)).to.deep.equal({ change: undefined, response: false, remission: false });
    expect(outcomeOf(series('HAM-D', 0, 0), 1)).to.deep.equal({ change: undefined, response: false, remission: false });
  });
});

describe('what the record form offers', () => {
  const m = (instrument: Measure['instrument'], date: string, sessionId?: string, version?: 21) =>
    validate('measure', { id: `${instrument}${date}`, courseId: 'c1', instrument, score: 3, date, ...(sessionId ? { sessionId } : {}), ...(version ? { version } : {}) });
  it('the instruments of the latest visit with measures, with its HAM-D version', () => {
    expect(lastInstruments([])).to.deep.equal({ instruments: [], version: undefined });
    const ms = [m('EPDS', '2026-01-05', 's1'), m('GAD-7', '2026-01-12', 's2'), m('HAM-D', '2026-01-12', 's2', 21), m('PHQ-9', '2026-01-12', 's2'), m('EPDS', '2026-02-01')];
    expect(lastInstruments(ms)).to.deep.equal({ instruments: ['PHQ-9', 'GAD-7', 'HAM-D'], version: 21 });
  });

  it('the next session a week after the latest visit held (a cancellation is not one), at the maintenance cadence once it has started', () => {
    const course = validate('course', { id: 'c1', start: '2026-01-01', contract: { sessions: 12 } }) as Course;
    const s = (date: string, status: Session['status'] = 'attended') => validate('session', { id: date, courseId: 'c1', date, status });
    expect(nextSessionDate(course, [])).to.equal('2026-01-01');
    expect(nextSessionDate(course, [s('2026-01-05'), s('2026-01-12', 'no-show'), s('2026-01-19', 'cancelled')])).to.equal('2026-01-19');
    const kept = { ...course, maintenance: { sessions: 6, start: '2026-04-01', cadence: 'monthly' as const } };
    expect(nextSessionDate(kept, [s('2026-03-30')])).to.equal('2026-04-06');
    expect(nextSessionDate(kept, [s('2026-04-02')])).to.equal('2026-05-02');
    expect(nextSessionDate(validate('course', { id: 'c1', contract: { sessions: 12 } }) as Course, [])).to.equal(undefined);
  });
});
