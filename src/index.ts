/**
 * ipt-elements: web components for Interpersonal Psychotherapy in a telehealth portal.
 * Importing this module registers no element; import `ipt-elements/define` for that.
 * @module
 */
export * from './model/index.js';
export * from './store/index.js';
export * from './events.js';
export { registerLocale, type Messages } from './i18n/index.js';
export { IptElement } from './elements/base.js';
export { IptCourse } from './elements/course.js';
export type { CourseContext } from './elements/context.js';
export { IptSessionCounter } from './elements/session-counter/session-counter.js';
export { IptRelationshipCircle } from './elements/relationship-circle/relationship-circle.js';
export { IptDisputeTracker } from './elements/dispute-tracker/dispute-tracker.js';
export { IptGoalChecklist } from './elements/goal-checklist/goal-checklist.js';
export { IptFormulation } from './elements/formulation/formulation.js';
export { IptQuestionnaire } from './elements/questionnaire/questionnaire.js';
