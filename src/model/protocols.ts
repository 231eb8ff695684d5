import { DEFAULT_PHASES, PROBLEM_AREAS, type Course, type PhaseRanges, type ProblemArea, type ProtocolId } from './schemas.js';

/**
 * What a manual prescribes for a course, as far as the widgets set it up. `check` names the
 * settings that no source of ours (IPT.md and its seeds) states: a clinician of the clinic should
 * confirm them before relying on the preset. README "Protocol presets" has the table.
 */
export interface Preset {
  /** The contract offered when the course is started. */
  contract: number;
  phases: PhaseRanges;
  /** The problem areas offered, in order (a subset of PROBLEM_AREAS). */
  areas: readonly ProblemArea[];
  /** `who`: the WHO group manual's names (grief, disputes, life changes, loneliness). */
  vocabulary: 'ipt' | 'who';
  /** A symptom measure is due every this many attended sessions (and at intake); undefined: no schedule. */
  measureEvery?: number;
  /** The cadence offered for a maintenance contract. */
  cadence: 'weekly' | 'biweekly' | 'monthly';
  /** The settings above (by name) that need a clinician's check: no source of ours states them. */
  check: readonly (keyof Omit<Preset, 'check'> | 'caregiver' | 'preGroup')[];
}

/** The defaults when no protocol is set: what every widget did before presets (IPT.md). */
export const NO_PROTOCOL: Preset = { contract: 16, phases: DEFAULT_PHASES, areas: PROBLEM_AREAS, vocabulary: 'ipt', cadence: 'monthly', check: [] };

/**
 * The presets. Sources (IPT.md "Protocols differ"): Weissman, Markowitz and Klerman's acute IPT
 * 12-16 weekly sessions; IPTUK initial phase 1-4; interpersonal counselling 3-6 sessions; WHO group
 * IPT, grief, disputes, life changes, loneliness, 8 group sessions after individual pre-group
 * meetings; IPT-A 12 weekly sessions with a caregiver at set points; Stuart and Robertson three
 * problem areas. PHQ-9 and GAD-7 every 4 sessions is the IPT Institute's ask, not a manual's.
 */
export const PRESETS: Readonly<Record<ProtocolId, Preset>> = {
  acute: { ...NO_PROTOCOL, measureEvery: 4, check: ['measureEvery', 'cadence'] },
  iptuk: { ...NO_PROTOCOL, phases: { ...DEFAULT_PHASES, initial: 4 }, measureEvery: 4, check: ['contract', 'measureEvery', 'cadence'] },
  counselling: { ...NO_PROTOCOL, contract: 6, phases: { initial: 1, termination: 1, window: 1 }, check: ['phases', 'cadence'] },
  'who-group': { ...NO_PROTOCOL, contract: 8, phases: { initial: 2, termination: 2, window: 2 }, vocabulary: 'who', check: ['phases', 'preGroup', 'cadence'] },
  'ipt-a': { ...NO_PROTOCOL, contract: 12, check: ['phases', 'caregiver', 'cadence'] },
  'stuart-robertson': { ...NO_PROTOCOL, areas: ['grief', 'role-dispute', 'role-transition'], check: ['contract', 'phases', 'areas', 'cadence'] },
};

/** The preset of a protocol, or the defaults for none. */
export const presetOf = (protocol: ProtocolId | undefined): Preset => (protocol ? PRESETS[protocol] : NO_PROTOCOL);

/**
 * The problem areas a course offers: its protocol's, with any area already chosen or holding a goal
 * kept (a course changed to a manual with fewer areas does not lose what it holds).
 */
export function areasOffered(course: Pick<Course, 'protocol' | 'focus'>, used: readonly ProblemArea[] = []): ProblemArea[] {
  const offered = presetOf(course.protocol).areas;
  return PROBLEM_AREAS.filter((a) => offered.includes(a) || course.focus.includes(a) || used.includes(a));
}

/** The course a protocol sets up: its contract and phases, the protocol named. */
export function startCourse(id: string, protocol: ProtocolId | undefined, contract = presetOf(protocol).contract): Course {
  return { id, focus: [], contract: { sessions: contract, history: [] }, phases: presetOf(protocol).phases, ...(protocol ? { protocol } : {}) };
}

/** The instruments a due measure starts with when the course has none yet: PHQ-9 and GAD-7, as the IPT Institute asks (issue 20). */
export const DUE_INSTRUMENTS = ['PHQ-9', 'GAD-7'] as const;

/** True when a measure is due at attended session `n` (1-based) under the course's protocol: intake and every `measureEvery`. */
export function measureDue(course: Pick<Course, 'protocol'>, n: number): boolean {
  const every = presetOf(course.protocol).measureEvery;
  return every !== undefined && (n === 1 || (n - 1) % every === 0);
}
