/**
 * The model of an IPT course: valibot schemas, the types inferred from them, and the rules of IPT
 * as pure functions. No DOM, no storage.
 * @module
 */
export * from './primitives.js';
export * from './schemas.js';
export * from './errors.js';
export * from './validate.js';
export * from './course.js';
export * from './dates.js';
export * from './measures.js';
export * from './questionnaires.js';
export * from './disputes.js';
export * from './goals.js';
export * from './people.js';
export * from './document.js';
export * from './merge.js';
export * from './changes.js';
export * from './crossings.js';
export * from './protocols.js';
export * from './formulation.js';
