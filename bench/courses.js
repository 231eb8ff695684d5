// Course documents for the benchmarks (an ES module for the pages and for node): a realistic course,
// the large one and the huge one, in the format store.importCourse() takes. Deterministic: the same
// sizes give the same records.

/** The date every widget treats as today. */
export const TODAY = '2026-06-01';

/** The course the issue calls realistic. */
export const REALISTIC = { sessions: 16, people: 25, disputes: 2, goals: 10, measures: 6 };
/** The course of the scale test: 100 acute sessions and 100 of maintenance. */
export const LARGE = { sessions: 200, people: 150, disputes: 10, goals: 100, measures: 40 };
/**
 * The huge course of the scale test: the large course with 20,000 people. More records than a
 * course document may hold (10,000, MAX_RECORDS in src/model/document.ts), so the bench imports it
 * with the large course's 150 people and adds the others through the store's own writes (see
 * seedHuge in pages/harness.js): the cap is on a document, not on a course, and a course grows
 * past it through the same writes a widget or a host makes.
 */
export const HUGE = { sessions: 200, people: 20_000, disputes: 10, goals: 100, measures: 40 };
/** The course of the sync suite's large pull: 2,000 records (the course's own included). */
export const SYNC_LARGE = { sessions: 200, people: 1600, disputes: 10, goals: 149, measures: 40 };
/** The goal checklist of the peer comparison: 20 goals, nothing else of note. */
export const CHECKLIST = { sessions: 4, people: 0, disputes: 0, goals: 20, measures: 0 };

const FIRST = ['Sam', 'Léa', 'Jo', 'Ana', 'Tom', 'Mei', 'Dan', 'Ravi', 'Nora', 'Omar', 'Ines', 'Kofi', 'Yuki', 'Lars', 'Zoe', 'Ali', 'Eva', 'Max', 'Ida', 'Hugo'];
const RELATIONSHIPS = ['partner', 'daughter', 'mother', 'best friend', 'sister', 'manager', 'colleague', 'neighbour', 'brother-in-law', 'family doctor', 'son', 'cousin'];
const CONTACT = ['daily', 'weekly', 'monthly', 'yearly', 'rarely'];
const GOALS = [
  'Talk with Sam about the evenings once a week, without the phone',
  'Say what I need before I get angry',
  'Agree on who does which chores',
  'See Jo or Ana at least every two weeks',
  'Join the walking group on Saturdays',
  'Call my sister when I feel low instead of staying in bed',
  'Ask my manager for a review of my workload',
  'Plan one evening out a month with friends',
  'Tell Léa how the illness affects me',
  'Visit Mum’s grave with the family',
];

export function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A course document with the given numbers of records. */
export function courseDocument(courseId, size = REALISTIC) {
  const acute = Math.min(size.sessions, 100);
  const maintenanceCount = size.sessions - acute;
  const start = addDays(TODAY, -7 * size.sessions - 7);
  const sessions = Array.from({ length: size.sessions }, (_, i) => ({
    id: `s${i + 1}`,
    courseId,
    date: addDays(start, 7 * i),
    status: i % 11 === 4 ? 'cancelled' : i % 13 === 7 ? 'no-show' : 'attended',
    kind: i < acute ? 'acute' : 'maintenance',
  }));
  const people = Array.from({ length: size.people }, (_, i) => ({
    id: `p${i + 1}`,
    courseId,
    name: size.people > FIRST.length ? `${FIRST[i % FIRST.length]} ${String.fromCharCode(65 + Math.floor(i / FIRST.length) % 26)}.` : FIRST[i],
    relationship: RELATIONSHIPS[i % RELATIONSHIPS.length],
    ring: 1 + (i % 3),
    support: i % 4,
    conflict: (i * 7) % 4,
    contact: CONTACT[i % CONTACT.length],
    ...(i % 3 === 0 ? { supportive: 'Calls most evenings and listens', conflicted: 'Chores since the new job' } : {}),
    ...(i % 5 === 0 ? { knowsOfIllness: true, expectationsMet: 'partly' } : {}),
  }));
  const disputes = Array.from({ length: Math.min(size.disputes, size.people) }, (_, i) => ({
    id: `d${i + 1}`,
    courseId,
    personId: people[i].id,
    issue: 'Who looks after the house since the new job',
    patientExpects: 'Share the evenings and the chores',
    otherExpects: 'More time for own work',
    wantedChange: 'A weekly talk without the phone',
    obstacles: 'Both avoid the subject after arguments',
    stage: i % 2 ? 'renegotiation' : 'impasse',
    history: [
      { to: 'renegotiation', date: sessions[1 % size.sessions].date, session: 2 },
      ...(i % 2 ? [] : [{ from: 'renegotiation', to: 'impasse', date: sessions[3 % size.sessions].date, session: 4, note: 'Stopped talking after the holiday' }]),
    ],
  }));
  const focus = ['role-dispute', 'interpersonal-deficits'];
  const goals = Array.from({ length: size.goals }, (_, i) => {
    const achieved = i % 3 === 0;
    return {
      id: `g${i + 1}`,
      courseId,
      text: size.goals > GOALS.length ? `${GOALS[i % GOALS.length]} (${i + 1})` : GOALS[i],
      area: focus[i % 2],
      order: i + 1,
      set: sessions[Math.min(2, size.sessions - 1)].date,
      targetSession: 6 + (i % 10),
      ...(achieved
        ? { lifecycle: 'completed', achievement: 'achieved', achieved: sessions[Math.min(8, size.sessions - 1)].date }
        : { lifecycle: 'active', achievement: 'in-progress' }),
    };
  });
  const measures = Array.from({ length: size.measures }, (_, i) => {
    // Taken at an attended visit (a cancelled or missed one holds no measure): the first from its place on.
    const from = Math.floor((i / size.measures) * size.sessions);
    const at = sessions.slice(from).find((s) => s.status === 'attended') ?? sessions.slice(0, from).reverse().find((s) => s.status === 'attended');
    const phq = i % 2 === 0;
    return { id: `m${i + 1}`, courseId, instrument: phq ? 'PHQ-9' : 'GAD-7', score: Math.max(2, (phq ? 20 : 15) - i), date: at.date, sessionId: at.id };
  });
  return {
    format: 'ipt-elements/course',
    version: 1,
    exported: `${TODAY}T00:00:00.000Z`,
    course: {
      id: courseId,
      focus,
      contract: { sessions: Math.max(acute, 1), history: [] },
      phases: { initial: 3, termination: 3, window: 3 },
      start,
      ...(maintenanceCount ? { maintenance: { sessions: Math.min(maintenanceCount, 100), start: sessions[acute].date, cadence: 'weekly' } } : {}),
    },
    sessions,
    people,
    disputes,
    goals,
    measures,
  };
}

/** The goals of the peer checklist, as the three libraries get them: text and whether achieved. */
export function checklistGoals() {
  return courseDocument('checklist', CHECKLIST).goals.map((g) => ({ id: g.id, text: g.text, achieved: g.achievement === 'achieved' }));
}
