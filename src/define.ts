/**
 * Registers every ipt-* element. Import it once (`import 'ipt-elements/define'`); loading it
 * twice, or beside another copy of ipt-elements, keeps the first registration and warns.
 * @module
 */
import { IptSessionCounter } from './elements/session-counter/session-counter.js';

export const ELEMENTS = {
  'ipt-session-counter': IptSessionCounter,
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
