// A realistic sample course, dated around today (acute IPT; diagnosis, sick role, agreed formulation): 16 planned sessions,
// 9 attended, one cancelled, one missed, PHQ-9 and GAD-7 every few sessions (the last PHQ-9 item by item, its item 9
// above 0), a payer authorization of 12 sessions.
const day = (offset) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function sampleCourse(courseId) {
  const weeks = [-77, -70, -63, -56, -49, -42, -35, -28, -21, -14, -7];
  const statuses = ['attended', 'attended', 'attended', 'attended', 'cancelled', 'attended', 'attended', 'no-show', 'attended', 'attended', 'attended'];
  const sessions = weeks.map((w, i) => ({ id: `s${i + 1}`, courseId, date: day(w), status: statuses[i], kind: 'acute' }));
  const phq = [[0, 19], [3, 16], [6, 13], [10, 9]];
  const gad = [[0, 14], [6, 10], [10, 7]];
  const measures = [
    ...phq.map(([i, score], n) => ({ id: `phq${n}`, courseId, instrument: 'PHQ-9', score, date: sessions[i].date, sessionId: sessions[i].id })),
    // The last PHQ-9 answered item by item (<ipt-questionnaire>): a total of 9 with item 9 at 1, whose alert stays until acknowledged.
    { id: 'phq-items', courseId, instrument: 'PHQ-9', score: 9, date: sessions[10].date, sessionId: sessions[10].id, items: [1, 1, 2, 1, 1, 1, 1, 0, 1], difficulty: 1 },
    ...gad.map(([i, score], n) => ({ id: `gad${n}`, courseId, instrument: 'GAD-7', score, date: sessions[i].date, sessionId: sessions[i].id })),
  ];
  return {
    format: 'ipt-elements/course',
    version: 1,
    exported: new Date().toISOString(),
    course: {
      id: courseId,
      patient: 'Patient/demo',
      focus: ['role-dispute', 'interpersonal-deficits'],
      contract: { sessions: 16, history: [{ date: day(-56), from: 12, to: 16, reason: 'Role dispute needs more time' }] },
      phases: { initial: 3, termination: 3, window: 3 },
      authorization: { sessions: 12, start: day(-80), end: day(60), lowAt: 3, reference: 'AUTH-2291' },
      start: day(-77),
      protocol: 'acute',
      diagnosis: { text: 'Major depressive episode, moderate', condition: 'Condition/demo-dx' },
      sickRole: { date: day(-77), note: 'Agreed to cut overtime while recovering; depression named as an illness, not a failing.' },
      formulation: {
        text: 'The low mood began when the new job changed who does what at home; the dispute with Sam has stalled into silence, and seeing fewer friends has left little support.',
        agreed: day(-63),
        history: [
          {
            date: day(-63),
            before: 'The low mood began when the new job changed who does what at home.',
            after: 'The low mood began when the new job changed who does what at home; the dispute with Sam has stalled into silence, and seeing fewer friends has left little support.',
          },
        ],
      },
    },
    sessions,
    people: people(courseId),
    disputes: [
      {
        id: 'd1',
        courseId,
        personId: 'p-sam',
        issue: 'Who looks after the house since the new job',
        patientExpects: 'Share the evenings and the chores',
        otherExpects: 'More time for his own work',
        wantedChange: 'A weekly talk without the phone',
        obstacles: 'Both avoid the subject after arguments',
        stage: 'impasse',
        history: [
          { to: 'renegotiation', date: day(-70), session: 2 },
          { from: 'renegotiation', to: 'impasse', date: day(-42), session: 5, note: 'Stopped talking after the holiday' },
        ],
      },
    ],
    goals: [
      { id: 'g1', courseId, text: 'Talk with Sam about the evenings once a week, without the phone', area: 'role-dispute', order: 1, set: day(-63), targetSession: 8, lifecycle: 'completed', achievement: 'achieved', achieved: day(-21) },
      { id: 'g2', courseId, text: 'Say what I need before I get angry', area: 'role-dispute', order: 2, set: day(-63), lifecycle: 'active', achievement: 'improving' },
      { id: 'g3', courseId, text: 'Agree on who does which chores', area: 'role-dispute', order: 3, set: day(-56), targetSession: 12, lifecycle: 'active', achievement: 'in-progress' },
      { id: 'g4', courseId, text: 'See Jo or Ana at least every two weeks', area: 'interpersonal-deficits', order: 4, set: day(-56), lifecycle: 'active', achievement: 'in-progress' },
    ],
    measures,
  };
}

/** The interpersonal inventory of the sample: ten people on three rings. */
function people(courseId) {
  const p = (id, name, relationship, ring, more = {}) => ({ id, courseId, name, relationship, ring, ...more });
  return [
    p('p-sam', 'Sam', 'partner', 1, { conflict: 3, conflicted: 'Chores and evenings since the new job', contact: 'daily', expectationsMet: 'no' }),
    p('p-lea', 'Léa', 'daughter', 1, { support: 3, supportive: 'Calls every evening', contact: 'daily', knowsOfIllness: true }),
    p('p-mum', 'Mum', 'mother', 2, { deceased: true, support: 2, changedNearOnset: true }),
    p('p-jo', 'Jo Martin', 'best friend', 2, { support: 2, contact: 'weekly', knowsOfIllness: true }),
    p('p-ana', 'Ana', 'sister', 2, { support: 1, contact: 'monthly' }),
    p('p-rk', 'R. K.', 'manager', 3, { conflict: 1, contact: 'weekly', knowsOfIllness: false }),
    p('p-tom', 'Tom', 'colleague', 3, { support: 1, contact: 'weekly' }),
    p('p-mei', 'Mei', 'neighbour', 3, { contact: 'monthly' }),
    p('p-dan', 'Dan', 'brother-in-law', 3, { conflict: 2, contact: 'yearly' }),
    p('p-gp', 'Dr Okafor', 'family doctor', 3, { support: 2, contact: 'rarely', knowsOfIllness: true }),
  ];
}
