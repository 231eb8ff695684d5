// A realistic sample course, dated around today, that a trainer could show as good practice (IPT.md): acute IPT with a
// 16-session contract agreed at the start and kept; the initial phase done in three sessions (diagnosis, sick role,
// inventory, a formulation the patient agreed); the mother's death near the onset taken as grief (the Guide's "hidden
// grief" trap: deficits only when no other area applies), with the role dispute it set off as the second area;
// PHQ-9 and GAD-7 at intake and every 4 sessions (IPT Institute; the last PHQ-9 item by item, its item 9 above 0).
// 9 attended, one cancelled, one missed; most by video, the intake in person, one by phone. The payer authorizes 12
// of the 16 contracted sessions, which the counter says from the start.
const day = (offset) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function sampleCourse(courseId) {
  const weeks = [-77, -70, -63, -56, -49, -42, -35, -28, -21, -14, -7];
  const statuses = ['attended', 'attended', 'attended', 'attended', 'cancelled', 'attended', 'attended', 'no-show', 'attended', 'attended', 'attended'];
  const modes = { 0: 'in-person', 6: 'phone' };
  const sessions = weeks.map((w, i) => ({ id: `s${i + 1}`, courseId, date: day(w), status: statuses[i], kind: 'acute', mode: modes[i] ?? 'video' }));
  // At intake (session 1) and every 4 sessions (sessions 5 and 9), both instruments.
  const phq = [[0, 19], [5, 14]];
  const gad = [[0, 14], [5, 10], [10, 7]];
  const measures = [
    ...phq.map(([i, score], n) => ({ id: `phq${n}`, courseId, instrument: 'PHQ-9', score, date: sessions[i].date, sessionId: sessions[i].id })),
    // Session 9's PHQ-9 answered item by item (<ipt-questionnaire>): a total of 9 with item 9 at 1, whose alert stays until acknowledged.
    { id: 'phq-items', courseId, instrument: 'PHQ-9', score: 9, date: sessions[10].date, sessionId: sessions[10].id, items: [1, 1, 2, 1, 1, 1, 1, 0, 1], difficulty: 1 },
    ...gad.map(([i, score], n) => ({ id: `gad${n}`, courseId, instrument: 'GAD-7', score, date: sessions[i].date, sessionId: sessions[i].id })),
  ];
  const formulation =
    'The low mood began in the weeks after Mum died, just as the new job started: there was no time to mourn her, and the arguments with Sam about the evenings and the chores have stalled into silence, so the grief is carried alone.';
  return {
    format: 'ipt-elements/course',
    version: 1,
    exported: new Date().toISOString(),
    course: {
      id: courseId,
      patient: 'Patient/demo',
      // Grief first: the mother died near the onset. The dispute with Sam, which her death set off, is the second area.
      focus: ['grief', 'role-dispute'],
      // Contracted at the first session and kept.
      contract: { sessions: 16, history: [] },
      phases: { initial: 3, termination: 3, window: 3 },
      authorization: { sessions: 12, start: day(-80), end: day(60), lowAt: 3, reference: 'AUTH-2291' },
      start: day(-77),
      protocol: 'acute',
      diagnosis: { text: 'Major depressive episode, moderate', condition: 'Condition/demo-dx' },
      sickRole: { date: day(-77), note: 'Agreed to cut overtime while recovering; depression named as an illness, not a failing.' },
      formulation: {
        text: formulation,
        agreed: day(-63),
        history: [
          // The inventory showed Mum's death near the onset: the first draft had missed the loss.
          { date: day(-63), before: 'The low mood began when the new job started and the arguments with Sam at home.', after: formulation },
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
        issue: 'The evenings and the chores since Mum died and the new job began',
        patientExpects: 'Room to grieve, and a fair share of the house',
        otherExpects: 'Things back to how they were before',
        wantedChange: 'A weekly talk without the phone',
        obstacles: 'Both avoid talking about Mum and the chores after an argument',
        stage: 'renegotiation',
        history: [
          { to: 'impasse', date: day(-70), session: 2, note: 'Hardly speaking since the funeral' },
          { from: 'impasse', to: 'renegotiation', date: day(-21), session: 7, note: 'Talked about the evenings for the first time' },
        ],
      },
    ],
    goals: [
      { id: 'g1', courseId, text: "Talk with Léa and Ana about Mum's last months instead of avoiding it", area: 'grief', order: 1, set: day(-63), lifecycle: 'active', achievement: 'improving' },
      { id: 'g2', courseId, text: 'Go back to the choir Mum and I sang in', area: 'grief', order: 2, set: day(-63), targetSession: 12, lifecycle: 'active', achievement: 'in-progress' },
      { id: 'g3', courseId, text: 'Talk with Sam about the evenings once a week, without the phone', area: 'role-dispute', order: 3, set: day(-63), targetSession: 8, lifecycle: 'completed', achievement: 'achieved', achieved: day(-21) },
      { id: 'g4', courseId, text: 'Agree with Sam on who does which chores', area: 'role-dispute', order: 4, set: day(-56), targetSession: 12, lifecycle: 'active', achievement: 'in-progress' },
    ],
    measures,
  };
}

/** The interpersonal inventory of the sample: ten people on three rings. */
function people(courseId) {
  const p = (id, name, relationship, ring, more = {}) => ({ id, courseId, name, relationship, ring, ...more });
  return [
    p('p-sam', 'Sam', 'partner', 1, { support: 1, conflict: 3, conflicted: 'The evenings and the chores since Mum died', contact: 'daily', expectationsMet: 'no', knowsOfIllness: true }),
    p('p-lea', 'Léa', 'daughter', 1, { support: 3, supportive: 'Calls every evening', contact: 'daily', knowsOfIllness: true }),
    p('p-mum', 'Mum', 'mother', 1, { deceased: true, support: 3, supportive: 'Talked every Sunday; helped with Léa', changedNearOnset: true }),
    p('p-jo', 'Jo Martin', 'best friend', 2, { support: 2, contact: 'weekly', knowsOfIllness: true }),
    p('p-ana', 'Ana', 'sister', 2, { support: 1, contact: 'monthly' }),
    p('p-rk', 'R. K.', 'manager', 3, { conflict: 1, contact: 'weekly', knowsOfIllness: false }),
    p('p-tom', 'Tom', 'colleague', 3, { support: 1, contact: 'weekly' }),
    p('p-mei', 'Mei', 'neighbour', 3, { contact: 'monthly' }),
    p('p-dan', 'Dan', 'brother-in-law', 3, { conflict: 2, contact: 'yearly' }),
    p('p-gp', 'Dr Okafor', 'family doctor', 3, { support: 2, contact: 'rarely', knowsOfIllness: true }),
  ];
}
