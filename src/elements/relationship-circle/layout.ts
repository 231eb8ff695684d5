/**
 * Where the people of the closeness circle go: pure geometry in the SVG's own units (a square of
 * SIZE with the patient at the centre). Each ring is a band; a person's node stays inside the band
 * of their ring, so nodes of different rings never meet. Within a band, nodes are spread evenly on
 * the band's middle line, then on several lines, then drawn smaller; only when even the smallest
 * nodes cannot hold everyone does a ring show "+N" for the rest (they remain in the list).
 */
export const SIZE = 400;
export const CENTRE = SIZE / 2;
/** Radius of the patient's disc, and of the outermost ring. */
export const INNER = 34;
export const OUTER = 196;
/** Node radii, largest first: the first that holds a ring's people is used. */
const RADII = [16, 12, 9, 7, 5, 4, 3];
/** A name shown next to a node is cut to this many characters (labels.ts places it). */
const NAME_CHARS = 12;

export interface Point {
  x: number;
  y: number;
  r: number;
}

/** The band of ring k (1 = innermost): its inner and outer radius. */
export function band(k: number, rings: number): [number, number] {
  const w = (OUTER - INNER) / rings;
  return [INNER + w * (k - 1), INNER + w * k];
}

/** The ring a point at `distance` from the centre falls in (the patient's disc counts as ring 1). */
export function ringAt(distance: number, rings: number): number {
  return Math.min(rings, Math.max(1, Math.ceil(((distance - INNER) * rings) / (OUTER - INNER))));
}

/**
 * Places `n` nodes in the band [a, b]. Returns the points (centre-relative, then moved to the
 * SVG) and how many did not fit.
 */
export function placeRing(n: number, a: number, b: number, turn = 0): { points: Point[]; overflow: number } {
  if (n === 0) return { points: [], overflow: 0 };
  let best: { r: number; radii: number[]; caps: number[] } | undefined;
  for (const r of RADII) {
    const pitch = 2 * r + Math.max(2, r * 0.4);
    const room = b - a - 2 * r - 2;
    if (room < 0) continue;
    const lines = Math.floor(room / pitch) + 1;
    // One line on the middle of the band when it holds everyone, else lines spread across it.
    const mid = (a + b) / 2;
    const single = [mid];
    const spread = Array.from({ length: lines }, (_, i) => (lines === 1 ? mid : a + r + 1 + (room * i) / (lines - 1)));
    for (const radii of lines > 1 ? [single, spread] : [single]) {
      const caps = radii.map((rho) => Math.floor((2 * Math.PI * rho) / pitch));
      best = { r, radii, caps };
      if (caps.reduce((s, c) => s + c, 0) >= n) break;
    }
    if (best!.caps.reduce((s, c) => s + c, 0) >= n) break;
  }
  if (!best) return { points: [], overflow: n };
  const { r, radii, caps } = best;
  const total = caps.reduce((s, c) => s + c, 0);
  const shown = Math.min(n, total);
  // Share the people among the lines in proportion to what each holds.
  const counts = caps.map((c) => Math.floor((shown * c) / total));
  for (let i = 0, left = shown - counts.reduce((s, c) => s + c, 0); left > 0; i = (i + 1) % counts.length) {
    if (counts[i]! < caps[i]!) {
      counts[i]!++;
      left--;
    }
  }
  const points: Point[] = [];
  radii.forEach((rho, line) => {
    const m = counts[line]!;
    for (let i = 0; i < m; i++) {
      const angle = -Math.PI / 2 + turn + (line * Math.PI) / (m || 1) + (2 * Math.PI * i) / m;
      points.push({ x: CENTRE + rho * Math.cos(angle), y: CENTRE + rho * Math.sin(angle), r });
    }
  });
  return { points, overflow: n - shown };
}

/** Each ring's people placed; overflow[k-1] is how many of ring k are only in the list. */
export function layout(perRing: readonly number[]): { points: Point[][]; overflow: number[] } {
  const rings = perRing.length;
  const placed = perRing.map((n, i) => placeRing(n, ...band(i + 1, rings), i * 0.45));
  return { points: placed.map((p) => p.points), overflow: placed.map((p) => p.overflow) };
}

/** The name as shown under a node: at most NAME_CHARS characters. */
export function shortName(name: string): string {
  const chars = Array.from(name); // by character, not UTF-16 unit: an emoji is not split
  return chars.length > NAME_CHARS ? `${chars.slice(0, NAME_CHARS - 1).join('')}…` : name;
}

/** Initials: the first letter of the first two words (a name given as initials stays as it is). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).map((w) => Array.from(w));
  return (words.length > 1 ? words[0]![0]! + words[1]![0]! : words[0]!.slice(0, 2).join('')).toUpperCase();
}
