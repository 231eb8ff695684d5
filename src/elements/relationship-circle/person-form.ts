/** The form of one person of the inventory: its fields, a person as it shows them, and back. */
import type { Messages } from '../../i18n/index.js';
import { shownRing } from '../../model/people.js';
import { CONTACT_FREQUENCIES, type Person } from '../../model/schemas.js';
import { toInt } from '../forms.js';
import { defined, fromBool, toBool, triOptions, type Field } from '../fields.js';

/** The fields of a person's details in a circle of `rings` rings (the add form takes the first three). */
export function personFields(msg: Messages, rings: number): Field[] {
  const m = msg.circle;
  const levels = m.level.map((l, i) => [String(i), l] as const);
  const tri = triOptions(msg.yes, msg.no, msg.notKnown);
  const ringOptions = Array.from({ length: rings }, (_, i) => [String(i + 1), String(i + 1)] as const);
  return [
    { name: 'name', label: m.name, required: true },
    { name: 'relationship', label: m.relationship },
    { name: 'ring', label: m.ringField, type: 'select', options: ringOptions },
    { name: 'support', label: m.support, type: 'select', options: levels },
    { name: 'conflict', label: m.conflict, type: 'select', options: levels },
    { name: 'contact', label: m.contact, type: 'select', options: [['', msg.notKnown], ...CONTACT_FREQUENCIES.map((c) => [c, m.contactOf[c]] as const)] },
    { name: 'expectationsMet', label: m.expectationsMet, type: 'select', options: [['', msg.notKnown], ...(['yes', 'partly', 'no'] as const).map((k) => [k, m.met[k]] as const)] },
    { name: 'knowsOfIllness', label: m.knowsOfIllness, type: 'select', options: tri },
    { name: 'changedNearOnset', label: m.changedNearOnset, type: 'select', options: tri },
    { name: 'deceased', label: m.deceasedField, type: 'checkbox' },
    { name: 'supportive', label: m.supportive_, type: 'textarea' },
    { name: 'conflicted', label: m.conflicted, type: 'textarea' },
    { name: 'expectations', label: m.expectations, type: 'textarea' },
    { name: 'wantedChange', label: m.wantedChange, type: 'textarea' },
  ];
}

/** A person as the details form shows it. */
export function personValues(p: Person, rings: number): Record<string, unknown> {
  return { ...p, ring: shownRing(p, rings), knowsOfIllness: fromBool(p.knowsOfIllness), changedNearOnset: fromBool(p.changedNearOnset) };
}

/** A person from a form's values: the fields it has (the add form has three), over what the person was. */
export function personFromForm(v: Record<string, string>, base: Partial<Person>): Person {
  const out: Record<string, unknown> = { ...base, name: v.name, relationship: v.relationship ?? '', ring: toInt(v.ring) };
  if ('support' in v) {
    Object.assign(out, {
      support: toInt(v.support),
      conflict: toInt(v.conflict),
      contact: v.contact || undefined,
      expectationsMet: v.expectationsMet || undefined,
      knowsOfIllness: toBool(v.knowsOfIllness),
      changedNearOnset: toBool(v.changedNearOnset),
      deceased: v.deceased === 'on',
      supportive: v.supportive,
      conflicted: v.conflicted,
      expectations: v.expectations,
      wantedChange: v.wantedChange,
    });
  }
  return defined(out) as unknown as Person;
}
