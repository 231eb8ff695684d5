/**
 * Where the text of the closeness circle goes (pure, in the SVG's units, as layout.ts): the ring
 * numbers in a free spot near the top of their band, and each person's name beside their node
 * where it meets no node, no ring number, no other name, the patient's disc or the drawing's edge.
 * A name that finds no such place is left out (the initials in the node, its accessible name and
 * the table still say who it is). Text is sized against the drawing's width on screen, so that a
 * phone shows it as large as a desktop does.
 */
import { CENTRE, INNER, SIZE, band, shortName, type Point } from './layout.js';

/** The smallest size of the circle's text on screen, in CSS pixels. */
export const TEXT_PX = 12;
/** The smallest size of text in SVG units (when the drawing is shown larger than SIZE px). */
const MIN_FONT = 11;
/** Room kept between a label and what it must not meet. */
const GAP = 1.5;
/** More than this many people: names are left to the table (a label could not fit anyway). */
const MAX_NAMED = 60;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The font size in SVG units that shows as at least TEXT_PX CSS px when the drawing is `width` px wide. */
export function textSize(width: number): number {
  return width > 0 ? Math.max(MIN_FONT, (TEXT_PX * SIZE) / width) : MIN_FONT;
}

/** The width of a line of text in SVG units (estimated generously: 0.62 em a character). */
export const textWidth = (text: string, font: number) => Array.from(text).length * font * 0.62 + 4;

const boxesMeet = (a: Box, b: Box) =>
  a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;

function meetsCircle(b: Box, c: { x: number; y: number; r: number }): boolean {
  const dx = Math.max(b.x - c.x, 0, c.x - b.x - b.w);
  const dy = Math.max(b.y - c.y, 0, c.y - b.y - b.h);
  return dx * dx + dy * dy < (c.r + GAP) * (c.r + GAP);
}

const inside = (b: Box) => b.x >= GAP && b.y >= GAP && b.x + b.w <= SIZE - GAP && b.y + b.h <= SIZE - GAP;

/** The patient's disc, which no text may cover. */
const patient = { x: CENTRE, y: CENTRE, r: INNER };

/**
 * The box of each ring's number (and of its "+N" when some of the ring are only in the list): in
 * the band near its outer line, at the top when no node is there, else at the nearest free angle,
 * else deeper in the band or on its line. Undefined when a crowded ring leaves no free place (its
 * line still shows the ring); a ring with a "+N" keeps it at the top.
 */
export function ringLabels(points: readonly (readonly Point[])[], overflow: readonly number[], font: number): (Box | undefined)[] {
  const rings = points.length;
  const nodes = points.flat();
  const h = font + 2;
  return points.map((_, k) => {
    const w = textWidth(overflow[k] ? `${k + 1} +${overflow[k]}` : String(k + 1), font);
    const [a, b] = band(k + 1, rings);
    const at = (rho: number, angle: number): Box => ({ x: CENTRE + rho * Math.cos(angle) - w / 2, y: CENTRE + rho * Math.sin(angle) - h / 2, w, h });
    for (const rho of [b - h / 2 - 2, (a + b) / 2, b, a + h / 2 + 2]) {
      for (let step = 0; step <= 36; step++) {
        for (const side of step ? [1, -1] : [1]) {
          const box = at(rho, -Math.PI / 2 + (side * step * Math.PI) / 36);
          if (!meetsCircle(box, patient) && !nodes.some((n) => meetsCircle(box, n))) return box;
        }
      }
    }
    return overflow[k] ? at(b - h / 2 - 2, -Math.PI / 2) : undefined;
  });
}

/** Where a label may go around a node of radius r: below, above, beside, then at the corners. */
function candidates(p: Point, w: number, h: number): Box[] {
  const d = p.r + 2;
  const c = p.r * 0.75 + 1;
  const centres: [number, number][] = [
    [0, d + h / 2],
    [0, -d - h / 2],
    [w / 3, d + h / 2],
    [-w / 3, d + h / 2],
    [w / 3, -d - h / 2],
    [-w / 3, -d - h / 2],
    [d + w / 2, 0],
    [-d - w / 2, 0],
    [c + w / 2, c + h / 2],
    [-c - w / 2, c + h / 2],
    [c + w / 2, -c - h / 2],
    [-c - w / 2, -c - h / 2],
  ];
  return centres.map(([dx, dy]) => ({ x: p.x + dx - w / 2, y: p.y + dy - h / 2, w, h }));
}

/** A name as shown, longest first: cut to twelve characters, the first word, the first six characters. */
function shortenings(name: string): string[] {
  const first = shortName(name.trim().split(/\s+/)[0]!);
  const chars = Array.from(name);
  return [...new Set([shortName(name), first, chars.length > 7 ? `${chars.slice(0, 6).join('')}…` : name])];
}

/** A name placed: its box and the text it shows. */
export interface Label extends Box {
  text: string;
}

/**
 * The label of each person's name (undefined where it finds no free place), placed in turn: each
 * meets no node, none of `keep` (the ring numbers), no name placed before it, not the patient's
 * disc and not the edge. A name shortens before it is left out.
 */
export function nameLabels(points: readonly Point[], names: readonly string[], keep: readonly (Box | undefined)[], font: number): (Label | undefined)[] {
  if (points.length > MAX_NAMED) return points.map(() => undefined);
  const placed: Box[] = [];
  const free = (b: Box) =>
    inside(b) &&
    !meetsCircle(b, patient) &&
    !points.some((n) => meetsCircle(b, n)) &&
    !keep.some((o) => o && boxesMeet(b, o)) &&
    !placed.some((o) => boxesMeet(b, o));
  return points.map((p, i) => {
    for (const text of shortenings(names[i]!)) {
      const box = candidates(p, textWidth(text, font), font + 2).find(free);
      if (box) {
        placed.push(box);
        return { ...box, text };
      }
    }
    return undefined;
  });
}
