import { PROBLEM_AREAS, type Goal, type ProblemArea } from './schemas.js';

/** Lifecycle states that take a goal out of the count (it is no longer pursued). */
const WITHDRAWN: ReadonlySet<Goal['lifecycle']> = new Set(['cancelled', 'entered-in-error', 'rejected']);

/** A goal counts as achieved when FHIR says so: achievement achieved or sustaining. */
export function isAchieved(goal: Pick<Goal, 'achievement'>): boolean {
  return goal.achievement === 'achieved' || goal.achievement === 'sustaining';
}

/** Marks a goal achieved (lifecycle completed, achievement achieved, dated) or not (active, in progress). */
export function setAchieved(goal: Goal, achieved: boolean, date: string): Goal {
  if (achieved) return { ...goal, lifecycle: 'completed', achievement: 'achieved', achieved: date };
  const { achieved: _a, ...rest } = goal;
  return { ...rest, lifecycle: 'active', achievement: 'in-progress' };
}

export interface Progress {
  achieved: number;
  total: number;
}

/** Goals in checklist order. */
export function sortGoals<T extends Pick<Goal, 'order' | 'id'>>(goals: readonly T[]): T[] {
  return [...goals].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Progress overall and per problem area: n of m achieved, counting goals that are still pursued.
 * Areas come in the course's focus first, then the others that hold goals.
 */
export function goalProgress(goals: readonly Goal[], focus: readonly ProblemArea[] = []) {
  const counted = goals.filter((g) => !WITHDRAWN.has(g.lifecycle));
  const count = (list: readonly Goal[]): Progress => ({ achieved: list.filter(isAchieved).length, total: list.length });
  const areas = [...focus, ...PROBLEM_AREAS.filter((a) => !focus.includes(a) && counted.some((g) => g.area === a))];
  return {
    overall: count(counted),
    areas: areas.map((area) => ({ area, ...count(counted.filter((g) => g.area === area)) })),
  };
}

/** The order value that places a goal between two neighbours (or at an end). */
export function orderBetween(before?: number, after?: number): number {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}
