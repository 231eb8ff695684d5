/**
 * Registers every ipt-* element. Import it once (`import 'ipt-elements/define'`); loading it
 * twice, or beside another copy of ipt-elements, keeps the first registration and warns.
 * @module
 */
import { IptCourse } from './elements/course.js';
import { IptRelationshipCircle } from './elements/relationship-circle/relationship-circle.js';
import { IptSessionCounter } from './elements/session-counter/session-counter.js';
import { IptDisputeTracker } from './elements/dispute-tracker/dispute-tracker.js';
import { IptGoalChecklist } from './elements/goal-checklist/goal-checklist.js';
import { IptFormulation } from './elements/formulation/formulation.js';
import { IptQuestionnaire } from './elements/questionnaire/questionnaire.js';

export const ELEMENTS = {
  // First: widgets already in the page ask their container for the course as they upgrade.
  'ipt-course': IptCourse,
  'ipt-session-counter': IptSessionCounter,
  'ipt-relationship-circle': IptRelationshipCircle,
  'ipt-dispute-tracker': IptDisputeTracker,
  'ipt-goal-checklist': IptGoalChecklist,
  'ipt-formulation': IptFormulation,
  'ipt-questionnaire': IptQuestionnaire,
} as const;

/** Defines a tag unless it is already defined, in which case it warns and keeps the first. */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`ipt-elements: <${tag}> is already defined (another copy of ipt-elements is loaded); keeping the first.`);
    return;
  }
  customElements.define(tag, ctor);
}

for (const [tag, ctor] of Object.entries(ELEMENTS)) define(tag, ctor);
