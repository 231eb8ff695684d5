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
  const areas = areasOf(counted, focus);
  return {
    overall: count(counted),
    areas: areas.map((area) => ({ area, ...count(counted.filter((g) => g.area === area)) })),
  };
}

/** The course's focus areas, then the other areas that hold any of these goals. */
function areasOf(goals: readonly Goal[], focus: readonly ProblemArea[]): ProblemArea[] {
  return [...focus, ...PROBLEM_AREAS.filter((a) => !focus.includes(a) && goals.some((g) => g.area === a))];
}

/** The order value that places a goal between two neighbours (or at an end). */
export function orderBetween(before?: number, after?: number): number {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

/**
 * The checklist's groups: the areas of goalProgress (the course's focus first) and any other area
 * that holds goals (withdrawn ones included), each with its progress and its goals in order.
 */
export function goalGroups(goals: readonly Goal[], focus: readonly ProblemArea[] = []) {
  const { overall, areas } = goalProgress(goals, focus);
  const sorted = sortGoals(goals);
  const shown = areasOf(goals, focus);
  return {
    overall,
    areas: shown.map((area) => ({ achieved: 0, total: 0, ...areas.find((p) => p.area === area), area, goals: sorted.filter((g) => g.area === area) })),
  };
}

/** The order value that moves the goal `id` of a list in checklist order to position `to` (0-based) of that list. */
export function orderAt(list: readonly Pick<Goal, 'id' | 'order'>[], id: string, to: number): number {
  const rest = list.filter((g) => g.id !== id);
  return orderBetween(rest[to - 1]?.order, rest[to]?.order);
}

/**
 * The goals to write to move the goal `id` of a list in checklist order (one area's) to position
 * `to` (0-based): that goal alone with an order between its new neighbours, or, once their orders
 * are too close for a number between them (after ~50 moves between the same two), every goal of
 * the list whose order changes when the list is renumbered 1, 2, 3... in its new order.
 */
export function moveGoal<T extends Pick<Goal, 'id' | 'order'>>(list: readonly T[], id: string, to: number): T[] {
  const rest = list.filter((g) => g.id !== id);
  const goal = list.find((g) => g.id === id)!;
  const before = rest[to - 1]?.order ?? -Infinity;
  const after = rest[to]?.order ?? Infinity;
  const order = orderAt(list, id, to);
  if (before < order && order < after) return [{ ...goal, order }];
  rest.splice(to, 0, goal);
  return rest.flatMap((g, i) => (g.order === i + 1 ? [] : [{ ...g, order: i + 1 }]));
}

/** A goal with new FHIR statuses: dated when it becomes achieved (an earlier date is kept), undated when it no longer is. */
export function withStatus(goal: Goal, lifecycle: Goal['lifecycle'], achievement: Goal['achievement'], date: string): Goal {
  const { achieved, achievement: _a, ...rest } = goal;
  const next: Goal = { ...rest, lifecycle, ...(achievement ? { achievement } : {}) };
  return isAchieved(next) ? { ...next, achieved: achieved ?? date } : next;
}
