import { expect } from '@open-wc/testing';
import { IptError, parseDocument, toDocument, type CourseDocument } from '../../src/model/index.js';

/** The IptError `invalid-input` a call throws; fails when it returns or throws anything else. */
export function refusal(fn: () => unknown): IptError {
  try {
    fn();
  } catch (error) {
    expect(error, (error as Error).name).to.be.instanceOf(IptError);
    expect((error as IptError).code).to.equal('invalid-input');
    return error as IptError;
  }
  throw new Error('expected an IptError');
}

/** A value as it comes back from JSON. */
export const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;


/** A course with every optional field set, ids FHIR cannot take as they are, and texts that are empty. */
export function richDocument(courseId = 'course:2026_A'): CourseDocument {
  const longId = `s_${'x'.repeat(100)}`;
  return parseDocument({
    format: 'ipt-elements/course',
    version: 1,
    exported: '2026-03-01T09:30:00.000Z',
    course: {
      id: courseId,
      patient: 'Patient/42',
      focus: ['role-dispute', 'grief'],
      contract: {
        sessions: 14,
        history: [
          { date: '2026-01-20', from: 12, to: 16, reason: 'More time for the dispute', held: 3 },
          { date: '2026-02-10', from: 16, to: 14, reason: '' },
          { date: '2026-02-11', from: 14, to: 14 },
        ],
      },
      phases: { initial: 2, termination: 4, window: 2 },
      authorization: { sessions: 20, start: '2026-01-01', end: '2026-06-30', lowAt: 3, reference: 'AUTH-77' },
      maintenance: { sessions: 6, start: '2026-05-01', cadence: 'biweekly' },
      start: '2026-01-05',
      protocol: 'iptuk',
      // Stopped during maintenance (issue 19, item 10): a revoked CarePlan, its reason on the maintenance activity.
      ended: { date: '2026-05-20', how: 'stopped', reason: 'Moved abroad' },
      diagnosis: { text: 'Major depressive episode, moderate', condition: 'Condition/dx-7' },
      sickRole: { date: '2026-01-05', note: 'Excused from overtime <i>for now</i>' },
      formulation: {
        text: 'Low mood began with the dispute over chores',
        agreed: '2026-01-19',
        history: [
          { date: '2026-01-12', before: 'Low mood', after: 'Low mood began with the dispute' },
          { date: '2026-01-19', before: 'Low mood began with the dispute', after: 'Low mood began with the dispute over chores' },
        ],
      },
    },
    sessions: [
      { id: 's1', courseId, date: '2026-01-05', status: 'attended', kind: 'acute' },
      { id: 's:2', courseId, date: '2026-01-12', status: 'cancelled', kind: 'acute', mode: 'phone' },
      { id: 's_3', courseId, date: '2026-01-19', status: 'no-show', kind: 'acute' },
      { id: longId, courseId, date: '2026-05-01', status: 'attended', kind: 'maintenance', mode: 'in-person' },
    ],
    people: [
      {
        id: 'p1',
        courseId,
        name: 'J. D.',
        relationship: 'partner',
        ring: 2,
        support: 3,
        supportive: 'Listens',
        conflict: 2,
        conflicted: 'Chores <b>and</b> money',
        contact: 'weekly',
        expectations: 'Share the chores',
        expectationsMet: 'partly',
        wantedChange: 'Talk without shouting',
        knowsOfIllness: true,
        changedNearOnset: false,
        deceased: true,
      },
      { id: 'p_2', courseId, name: 'Sam', ring: 5 },
    ],
    disputes: [
      {
        id: 'd1',
        courseId,
        personId: 'p1',
        issue: 'Chores',
        patientExpects: 'Half the chores',
        otherExpects: 'Fewer complaints',
        wantedChange: 'A weekly plan',
        obstacles: 'Long shifts',
        stage: 'renegotiation',
        history: [
          { to: 'impasse', date: '2026-01-05', session: 1, note: 'Silent for weeks' },
          { from: 'impasse', to: 'dissolution', date: '2026-01-19', note: '' },
          { from: 'dissolution', to: 'renegotiation', date: '2026-02-02', session: 4 },
        ],
        outcome: 'resolved',
        closed: '2026-03-01',
      },
      { id: 'd:2', courseId, personId: 'p_2', stage: 'impasse', history: [{ to: 'impasse', date: '2026-02-01' }] },
      // Closed unresolved: still a problem, so an active Condition (issue 19, item 11).
      { id: 'd:3', courseId, personId: 'p1', stage: 'impasse', history: [{ to: 'impasse', date: '2026-01-12' }], outcome: 'unresolved', closed: '2026-03-08' },
    ],
    goals: [
      {
        id: 'g1',
        courseId,
        text: 'Talk about chores calmly',
        area: 'role-dispute',
        lifecycle: 'completed',
        achievement: 'achieved',
        order: 1.5,
        targetSession: 8,
        set: '2026-01-05',
        achieved: '2026-02-20',
      },
      { id: 'g2', courseId, text: 'Call one friend a week', area: 'interpersonal-deficits', order: -2, set: '2026-01-12' },
    ],
    measures: [
      { id: 'm1', courseId, instrument: 'PHQ-9', score: 17, date: '2026-01-05', sessionId: 's1' },
      { id: 'm2', courseId, instrument: 'GAD-7', score: 9, date: '2026-01-05', label: 'GAD-7 at intake' },
      // On the attended first visit: a cancelled or missed one holds no measure (issue 19, item 6).
      { id: 'm3', courseId, instrument: 'EPDS', score: 14, date: '2026-01-05', sessionId: 's1' },
      { id: 'm4', courseId, instrument: 'HAM-D', score: 20, date: '2026-05-01', sessionId: longId },
      { id: 'm5', courseId, instrument: 'other', label: 'WSAS', score: 12.5, date: '2026-02-02' },
      { id: 'm6', courseId, instrument: 'other', label: '', score: 0, date: '2026-02-03' },
      // The 21-item HAM-D: a score above the 17-item maximum of 52 (issue 19, item 7).
      { id: 'm9-hamd21', courseId, instrument: 'HAM-D', version: 21, score: 58, date: '2026-05-01' },
    ],
  });
}

/** A course with nothing but what is required: no patient, no start, no records. */
export function minimalDocument(courseId = 'c-min'): CourseDocument {
  const course = { id: courseId, contract: { sessions: 12 } };
  return parseDocument({ ...toDocument({ course, sessions: [], people: [], disputes: [], goals: [], measures: [] } as never), exported: '2026-04-01T00:00:00.000Z' });
}

/**
 * The rich course with its questionnaires taken item by item (issue 20): a PHQ-9 with a missing
 * item, a difficulty and an acknowledged alert by a practitioner reference; a GAD-7 with a
 * difficulty (which goes in the items extension); an EPDS acknowledged by a name at a time that is
 * not a FHIR dateTime; a PHQ-9 acknowledged by '' (GAD-7 and EPDS give a total only with every item).
 */
export function questionnaireDocument(courseId = 'course:2026_A'): CourseDocument {
  const doc = richDocument(courseId);
  return parseDocument({
    ...doc,
    measures: [
      // 1+0+2+3+1+0+0+1 = 8 over 8 items: 9 by PHQ-9's rule for one missing item.
      { ...doc.measures[0]!, score: 9, items: [1, 0, 2, 3, null, 1, 0, 0, 1], difficulty: 2, acknowledged: { at: '2026-01-05T10:15:00.000Z', by: 'Practitioner/7' } },
      { ...doc.measures[1]!, score: 9, items: [0, 1, 2, 3, 0, 1, 2], difficulty: 3 },
      { ...doc.measures[2]!, score: 8, items: [0, 1, 3, 0, 2, 1, 0, 0, 0, 1], acknowledged: { at: '2026-01-12 10:15:00+0100', by: 'Dr Lee' } },
      { id: 'm7', courseId, instrument: 'PHQ-9', score: 3, date: '2026-02-09', items: [0, 0, 0, 0, 0, 0, 1, 1, 1], difficulty: 0, acknowledged: { at: '2026-02-09T09:00:00Z', by: '' } },
      ...doc.measures.slice(3),
    ],
  });
}
