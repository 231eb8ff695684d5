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
  /** A readable label of a FHIR Goal lifecycle or achievement code ("on-hold" → "On hold"). */
  code: (code: string) => code[0]!.toUpperCase() + code.slice(1).replace(/-/g, ' '),
  up: 'Move up',
  down: 'Move down',
  add: 'Add goal',
  what: (text: string) => `the goal “${text}”`,
  /** Said after a goal was added while the focus stays in the form (`what` is what() of its text). */
  added: (what: string) => `Added ${what}.`,
  /** Said after Move up / Move down: the goal's place in its area. */
  moved: (n: number, m: number) => `Moved to position ${n} of ${m}`,
};
