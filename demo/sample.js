// A realistic sample course, dated around today: 16 planned sessions, 9 attended, one cancelled,
// one missed, PHQ-9 and GAD-7 every few sessions, a payer authorization of 12 sessions.
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
    ...gad.map(([i, score], n) => ({ id: `gad${n}`, courseId, instrument: 'GAD-7', score, date: sessions[i].date, sessionId: sessions[i].id })),
  ];
  return {
    format: 'ipt-elements/course',
    version: 1,
    exported: new Date().toISOString(),
    course: {
      id: courseId,
      focus: ['role-dispute'],
      contract: { sessions: 16, history: [{ date: day(-56), from: 12, to: 16, reason: 'Role dispute needs more time' }] },
      phases: { initial: 3, termination: 3, window: 3 },
      authorization: { sessions: 12, start: day(-80), end: day(60), lowAt: 3, reference: 'AUTH-2291' },
      start: day(-77),
    },
    sessions,
    people: [],
    disputes: [],
    goals: [],
    measures,
  };
}
