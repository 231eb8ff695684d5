/** The number of rings of the closeness circle when the host sets none (IPT.md: templates use 3 or 4). */
export const DEFAULT_RINGS = 3;

/** The middle ring of a circle of `rings` rings (1 is the innermost): where someone new is placed. */
export const middleRing = (rings = DEFAULT_RINGS): number => Math.ceil(rings / 2);
