import type { CourseState } from '../model/document.js';

/**
 * Widgets that got a large course at the same time (the store reads it once for all of them)
 * render it one after another, each in a task of its own: the page is not blocked for the time of
 * all four renders at once, nor for the read and its validation as well. A course of up
 * to SPREAD records renders in one go: the four widgets take about 40 ms for 60 records
 * (BENCHMARKS.md), and the tasks between them would only add layouts.
 */
const SPREAD = 100;
const size = (c: CourseState) => c.sessions.length + c.people.length + c.disputes.length + c.goals.length + c.measures.length;

/** A course large enough for its widgets to render one task after another. */
export const large = (c: CourseState | undefined): boolean => !!c && size(c) > SPREAD;

const waiting: Array<() => void> = [];
let taken = false;
function nextTask(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => (channel.port1.close(), fn());
  channel.port2.postMessage(0);
}
function release(): void {
  const next = waiting.shift();
  taken = !!next;
  if (next) nextTask(release), next();
}
/** Resolves in a task of its own, after the widgets that asked before. */
export function turn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!taken) (taken = true), nextTask(release);
  });
}
