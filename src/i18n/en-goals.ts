/** FHIR Goal codes (lifecycleStatus, achievementStatus) as a clinician says them. */
const CODES: Record<string, string> = {
  proposed: 'Proposed',
  planned: 'Planned',
  accepted: 'Agreed',
  active: 'Working on it',
  'on-hold': 'On hold',
  completed: 'Done',
  cancelled: 'Dropped',
  'entered-in-error': 'Entered in error',
  rejected: 'Not agreed',
  'in-progress': 'In progress',
  improving: 'Improving',
  worsening: 'Getting worse',
  'no-change': 'No change',
  achieved: 'Achieved',
  sustaining: 'Holding steady',
  'not-achieved': 'Not achieved',
  'no-progress': 'No progress',
  'not-attainable': 'Out of reach',
};

/** English strings of the <ipt-goal-checklist> element (area names, add, edit, remove, undo come from en.ts). */
export const goals = {
  label: 'Treatment goals',
  of: (n: number, m: number) => `${n} of ${m} achieved`,
  review: 'The course is ending: review the goals with the patient.',
  none: 'No goal yet.',
  goal: 'Goal',
  chooseArea: 'Choose a problem area',
  area: 'Problem area',
  target: 'Target session',
  targetOf: (n: number) => `target: session ${n}`,
  set: (date: string) => `set ${date}`,
  achieved: (date: string) => `achieved ${date}`,
  lifecycle: 'Status',
  achievement: 'Achievement',
  /** A FHIR Goal lifecycle or achievement code in a clinician's words (the export keeps the code). */
  code: (code: string) => CODES[code] ?? code,
  up: 'Move up',
  down: 'Move down',
  add: 'Add goal',
  what: (text: string) => `the goal “${text}”`,
  /** Said after a goal was added while the focus stays in the form (`what` is what() of its text). */
  added: (what: string) => `Added ${what}.`,
  /** Said after Move up / Move down: the goal's place in its area. */
  moved: (n: number, m: number) => `Moved to position ${n} of ${m}`,
};
