import { circle } from './en-circle.js';

/** English strings of the <ipt-dispute-tracker> element (the name and relationship of someone new are `circle`'s). */
export const disputes = {
  label: 'Role disputes',
  stage: { renegotiation: 'Renegotiation', impasse: 'Impasse', dissolution: 'Dissolution' },
  /** The aim of each stage in one line (IPT.md "Role disputes: three stages"). */
  aim: {
    renegotiation: 'Calm and improve the communication so that both sides can reach a resolution.',
    impasse: 'Bring the dispute back into renegotiation, often by making the disagreement explicit, or consider dissolution.',
    dissolution: 'Help the patient mourn the relationship and move on, as in grief; the therapist does not push an outcome.',
  },
  outcome: { resolved: 'Resolved', dissolved: 'Dissolved', unresolved: 'Unresolved at the end of the course' },
  issue: 'Issue',
  patientExpects: 'What the patient expects',
  otherExpects: 'What the other person expects',
  wantedChange: circle.wantedChange,
  obstacles: 'What blocks a resolution',
  stages: 'Stage',
  none: 'No role dispute recorded yet.',
  unknown: 'There is no dispute with this id in the course.',
  add: 'New dispute',
  person: 'Person',
  newPerson: 'Someone new',
  moveTo: 'Move to',
  /** The name of a step of the track, which moves the dispute there (the visible word is the stage). */
  moveStep: (stage: string) => `Move to ${stage}`,
  /** Said after a move: the person (`name`) and the stage reached. */
  reached: (name: string, stage: string) => `${name}: ${stage} reached`,
  date: 'Date',
  note: 'Note',
  history: (n: number) => `Stage history (${n})`,
  session: (n: number) => `session ${n}`,
  close: 'Close the dispute',
  outcomeField: 'Outcome',
  reopen: 'Reopen',
  closed: (outcome: string, date: string) => `Closed on ${date}: ${outcome}`,
  what: (name: string) => `the dispute with ${name}`,
};
