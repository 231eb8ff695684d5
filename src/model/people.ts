/** The number of rings of the closeness circle when the host sets none (IPT.md: templates use 3 or 4). */
export const DEFAULT_RINGS = 3;

/** The middle ring of a circle of `rings` rings (1 is the innermost): where someone new is placed. */
export const middleRing = (rings = DEFAULT_RINGS): number => Math.ceil(rings / 2);

/** The ring a person shows on in a circle of `rings` rings: one stored beyond them shows on the outermost. */
export const shownRing = (p: { ring: number }, rings: number): number => Math.min(p.ring, rings);

/** People in the circle's order: by the ring they show on, then by name. */
export function peopleInOrder<T extends { ring: number; name: string }>(people: readonly T[], rings: number): T[] {
  // One collator for the whole sort: localeCompare makes one per comparison (20,000 people: about 20 ms).
  const { compare } = new Intl.Collator();
  return [...people].sort((a, b) => shownRing(a, rings) - shownRing(b, rings) || compare(a.name, b.name));
}

/** A relationship the inventory counts as supportive: support "Moderate" or more (drawn green). */
export const isSupportive = (p: { support: number }): boolean => p.support >= 2;

/**
 * A relationship marked highly conflicted: conflict at the top of its scale ("A lot"). The circle
 * and the table show it before any dispute is opened; whether it is one stays the clinician's call.
 */
export const isHighlyConflicted = (p: { conflict: number }): boolean => p.conflict >= 3;
