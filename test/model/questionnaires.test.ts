import { expect } from '@open-wc/testing';
import {
  crossings,
  draftOf,
  openRisks,
  QUESTIONNAIRE_SPECS,
  raisesRisk,
  safetyAnswer,
  scoreItems,
  validate,
  type CourseState,
  type ItemAnswer,
  type Measure,
} from '../../src/model/index.js';

const measure = (id: string, instrument: Measure['instrument'], items: ItemAnswer[], extra: object = {}): Measure =>
  validate('measure', { id, courseId: 'c1', instrument, score: scoreItems(instrument as 'PHQ-9', items).total, date: '2026-03-02', items, ...extra });
const state = (measures: Measure[]): CourseState => ({
  course: validate('course', { id: 'c1', contract: { sessions: 16 } }),
  sessions: [],
  people: [],
  disputes: [],
  goals: [],
  measures,
});

describe('questionnaires: scoring by the published rules', () => {
  it('PHQ-9: the sum of the nine items, 0-27', () => {
    expect(scoreItems('PHQ-9', [1, 0, 2, 1, 0, 1, 0, 0, 1])).to.deep.equal({ total: 6, answered: 9, missing: 0, prorated: false });
    expect(scoreItems('PHQ-9', Array(9).fill(3)).total).to.equal(27);
    expect(scoreItems('PHQ-9', Array(9).fill(0)).total).to.equal(0);
  });

  it('PHQ-9 with one or two items missing: each gets the mean of the answered ones (sum × 9 / answered, rounded half up); three missing: no total', () => {
    // 24 over 8 answered: 24 × 9 / 8 = 27.
    expect(scoreItems('PHQ-9', [3, 3, 3, 3, 3, 3, 3, 3, null])).to.deep.equal({ total: 27, answered: 8, missing: 1, prorated: true });
    // 7 × 9 / 8 = 7.875 → 8.
    expect(scoreItems('PHQ-9', [1, 1, 1, 1, 1, 1, 1, 0, null]).total).to.equal(8);
    // 4 × 9 / 8 = 4.5 → 5 (half up).
    expect(scoreItems('PHQ-9', [1, 1, 1, 1, 0, 0, 0, 0, null]).total).to.equal(5);
    // 14 × 9 / 7 = 18.
    expect(scoreItems('PHQ-9', [2, 2, 2, 2, 2, 2, 2, null, null])).to.deep.equal({ total: 18, answered: 7, missing: 2, prorated: true });
    expect(scoreItems('PHQ-9', [2, 2, 2, 2, 2, 2, null, null, null])).to.deep.equal({ total: undefined, answered: 6, missing: 3, prorated: false });
    expect(scoreItems('PHQ-9', Array(9).fill(null)).total).to.equal(undefined);
  });

  it('GAD-7: the sum of the seven items, 0-21; any item missing: no total', () => {
    expect(scoreItems('GAD-7', [3, 2, 1, 0, 1, 2, 3]).total).to.equal(12);
    expect(scoreItems('GAD-7', Array(7).fill(3)).total).to.equal(21);
    expect(scoreItems('GAD-7', [3, 2, 1, 0, 1, 2, null]).total).to.equal(undefined);
  });

  it('EPDS: items 3 and 5-10 are reverse scored (their first answer gives 3), 0-30; any item missing: no total', () => {
    const points = QUESTIONNAIRE_SPECS.EPDS.points;
    expect(points.map((p) => p[0])).to.deep.equal([0, 0, 3, 0, 3, 3, 3, 3, 3, 3]);
    // The first answer of every item: 3 × 7 reversed items = 21... plus items 1, 2, 4 at 0.
    expect(scoreItems('EPDS', points.map((p) => p[0]!)).total).to.equal(21);
    // The last answer of every item: items 1, 2 and 4 give 3 each.
    expect(scoreItems('EPDS', points.map((p) => p[3]!)).total).to.equal(9);
    // The most severe answer of every item: 30.
    expect(scoreItems('EPDS', points.map((p) => Math.max(...p))).total).to.equal(30);
    expect(scoreItems('EPDS', [...points.slice(0, 9).map((p) => p[0]!), null]).total).to.equal(undefined);
  });

  it('a stored measure keeps items that fit its instrument and a score that is theirs', () => {
    expect(measure('m1', 'PHQ-9', [1, 0, 2, 1, 0, 1, 0, 0, 1]).score).to.equal(6);
    const bad = (o: object) => () => validate('measure', { id: 'm1', courseId: 'c1', instrument: 'PHQ-9', score: 6, date: '2026-03-02', ...o });
    expect(bad({ items: [1, 0, 2, 1, 0, 1, 0, 0, 1] })).not.to.throw();
    expect(bad({ items: [1, 0, 2, 1, 0, 1, 0, 0, 2] }), 'a score that is not the items’').to.throw(/score/);
    expect(bad({ items: [1, 0, 2, 1, 0, 1, 0, 0] }), 'eight items').to.throw(/items/);
    expect(bad({ items: [1, 0, 2, 1, 0, 1, 0, 0, 4] }), 'an answer out of range').to.throw(/items/);
    expect(bad({ instrument: 'HAM-D', items: [1, 0, 2, 1, 0, 1, 0, 0, 1] }), 'items for HAM-D').to.throw(/items/);
    expect(bad({ difficulty: 4 })).to.throw(/difficulty/);
    expect(bad({ acknowledged: { at: 'yesterday' } })).to.throw(/acknowledged|timestamp/);
    expect(bad({ acknowledged: { at: '2026-03-02T10:00:00.000Z', by: 'Practitioner/7' } })).not.to.throw();
  });
});

describe('questionnaires: the safety item', () => {
  it('PHQ-9 item 9 = 1 on a total of 4 raises the alert: the total does not hide it', () => {
    const m = measure('m1', 'PHQ-9', [1, 1, 1, 0, 0, 0, 0, 0, 1]);
    expect(m.score).to.equal(4);
    expect(safetyAnswer(m)).to.equal(1);
    expect(raisesRisk(m)).to.equal(true);
    expect(raisesRisk(measure('m2', 'PHQ-9', [3, 3, 3, 3, 3, 3, 3, 3, 0])), 'item 9 at 0, total 24').to.equal(false);
    expect(raisesRisk(measure('m3', 'PHQ-9', [3, 3, 3, 3, 3, 3, 3, null, null])), 'item 9 not answered').to.equal(false);
  });

  it('EPDS item 10 above 0 raises it ("Hardly ever" gives 1); GAD-7 and a bare total never do', () => {
    const never = QUESTIONNAIRE_SPECS.EPDS.points.map((p) => p[3]!);
    expect(raisesRisk(measure('m1', 'EPDS', never))).to.equal(false);
    expect(raisesRisk(measure('m2', 'EPDS', [...never.slice(0, 9), 1]))).to.equal(true);
    expect(raisesRisk(measure('m3', 'GAD-7', [3, 3, 3, 3, 3, 3, 3]))).to.equal(false);
    expect(raisesRisk(validate('measure', { id: 'm4', courseId: 'c1', instrument: 'PHQ-9', score: 20, date: '2026-03-02' }))).to.equal(false);
  });

  it('open alerts: raised and not acknowledged, newest first', () => {
    const a = measure('a', 'PHQ-9', [1, 1, 1, 0, 0, 0, 0, 0, 1], { date: '2026-03-01' });
    const b = measure('b', 'PHQ-9', [1, 1, 1, 0, 0, 0, 0, 0, 2], { date: '2026-03-09' });
    const c = measure('c', 'PHQ-9', [1, 1, 1, 0, 0, 0, 0, 0, 1], { acknowledged: { at: '2026-03-02T10:00:00.000Z' } });
    expect(openRisks([a, b, c]).map((m) => m.id)).to.deep.equal(['b', 'a']);
  });

  it('the risk crossing: once, when a measure raises it; not again when it is acknowledged or edited', () => {
    const m = measure('m1', 'PHQ-9', [1, 1, 1, 0, 0, 0, 0, 0, 1]);
    expect(crossings(state([]), state([m]), '2026-03-02')).to.deep.equal([{ type: 'risk', detail: { measureId: 'm1', instrument: 'PHQ-9' } }]);
    const ack = { ...m, acknowledged: { at: '2026-03-02T10:00:00.000Z' } };
    expect(crossings(state([m]), state([ack]), '2026-03-02')).to.deep.equal([]);
    const calm = measure('m1', 'PHQ-9', [1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(crossings(state([]), state([calm]), '2026-03-02')).to.deep.equal([]);
    expect(crossings(state([calm]), state([m]), '2026-03-02'), 'an edit that makes item 9 positive').to.have.length(1);
  });
});

describe('draftOf: a patient’s answers kept over a reload, read back', () => {
  it('takes a draft that fits the instrument, and nothing else', () => {
    const answers = [1, 2, null, null, null, null, null, null, null, 3];
    expect(draftOf('PHQ-9', { answers, step: 2 })).to.deep.equal({ answers, step: 2 });
    expect(draftOf('EPDS', { answers: [3, ...Array(9).fill(null)], step: 0 })).to.deep.equal({ answers: [3, ...Array(9).fill(null)], step: 0 });
    for (const bad of [undefined, null, 'x', { answers: [1], step: 0 }, { answers: [7, ...Array(9).fill(null)], step: 0 }, { answers, step: 10 }, { answers, step: 1.5 }, { answers: Array(11).fill(null), step: 0 }]) {
      expect(draftOf('PHQ-9', bad), JSON.stringify(bad)).to.equal(undefined);
    }
    expect(draftOf('GAD-7', { answers, step: 0 }), 'another instrument').to.equal(undefined);
  });
});
