import { presetOf } from '../model/protocols.js';
import type { Course, ProblemArea } from '../model/schemas.js';
import type { Messages } from '../i18n/index.js';

/** The names of the problem areas in a course's vocabulary: the WHO group manual's, or IPT's. */
export function areaNames(msg: Messages, course: Pick<Course, 'protocol'>): Record<ProblemArea, string> {
  return presetOf(course.protocol).vocabulary === 'who' ? msg.areaWho : msg.area;
}
