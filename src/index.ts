/**
 * ipt-elements: web components for Interpersonal Psychotherapy in a telehealth portal.
 * Importing this module registers no element; import `ipt-elements/define` for that.
 * @module
 */
export * from './model/index.js';
export * from './store/index.js';
