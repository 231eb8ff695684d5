/** The closeness circle's geometry (pure): nodes stay in their ring's band and never overlap. */
import { expect } from '@open-wc/testing';
import { nameLabels, ringLabels, textSize, type Box } from '../../src/elements/relationship-circle/labels.js';
import { CENTRE, INNER, OUTER, SIZE, band, initials, layout, ringAt, shortName, type Point } from '../../src/elements/relationship-circle/layout.js';

/** Pairs of nodes closer than the sum of their radii. */
function overlaps(points: readonly Point[]): number {
  let n = 0;
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!;
      const b = points[j]!;
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r) n++;
    }
  return n;
}

const dist = (p: Point) => Math.hypot(p.x - CENTRE, p.y - CENTRE);

describe('closeness circle layout', () => {
  it('splits the space between the patient and the outer ring into equal bands', () => {
    expect(band(1, 3)[0]).to.equal(INNER);
    expect(band(3, 3)[1]).to.equal(OUTER);
    expect(band(2, 4)[1]).to.be.closeTo(band(3, 4)[0], 1e-9);
  });

  it('finds the ring of a distance, with the patient disc in ring 1 and beyond the edge in the last', () => {
    for (const rings of [2, 3, 4, 5]) {
      for (let k = 1; k <= rings; k++) {
        const [a, b] = band(k, rings);
        expect(ringAt((a + b) / 2, rings), `middle of ring ${k} of ${rings}`).to.equal(k);
      }
      expect(ringAt(0, rings)).to.equal(1);
      expect(ringAt(OUTER + 100, rings)).to.equal(rings);
    }
  });

  for (const rings of [2, 3, 4, 5]) {
    for (const spread of ['60 on one ring', '100 over all rings', '150 on the outer ring'] as const) {
      it(`${spread}, ${rings} rings: every node is placed inside its band and none overlaps another`, () => {
        const perRing = Array<number>(rings).fill(0);
        if (spread === '60 on one ring') perRing[0] = 60;
        else if (spread === '150 on the outer ring') perRing[rings - 1] = 150;
        else for (let i = 0; i < 100; i++) perRing[i % rings]!++;
        const { points, overflow } = layout(perRing);
        points.forEach((ring, k) => {
          const [a, b] = band(k + 1, rings);
          for (const p of ring) {
            expect(dist(p) - p.r, `inside ring ${k + 1}`).to.be.at.least(a);
            expect(dist(p) + p.r).to.be.at.most(b);
          }
          expect(ring.length + overflow[k]!, `ring ${k + 1} accounts for everyone`).to.equal(perRing[k]);
        });
        expect(overlaps(points.flat())).to.equal(0);
        // Everyone is drawn when there is room; 60 on the innermost of five rings is the tightest case.
        expect(overflow.reduce((s, n) => s + n, 0)).to.equal(0);
      });
    }
  }

  it('shows the rest of a ring as "+N" only when even the smallest nodes cannot hold everyone', () => {
    const { points, overflow } = layout([500, 0, 0]);
    expect(points[0]!.length).to.be.greaterThan(100);
    expect(points[0]!.length + overflow[0]!).to.equal(500);
    expect(overlaps(points[0]!)).to.equal(0);
  });

  it('draws few people large, on the middle line of their band', () => {
    const { points } = layout([3, 0, 0]);
    const [a, b] = band(1, 3);
    for (const p of points[0]!) {
      expect(p.r).to.equal(16);
      expect(dist(p)).to.be.closeTo((a + b) / 2, 1e-9);
    }
  });

  /** What a label meets: a node, the patient's disc, a ring number, another label, or the drawing's edge. */
  function clashes(points: readonly Point[], numbers: readonly (Box | undefined)[], labels: readonly (Box | undefined)[]): string[] {
    const meets = (b: Box, c: { x: number; y: number; r: number }) =>
      Math.hypot(Math.max(b.x - c.x, 0, c.x - b.x - b.w), Math.max(b.y - c.y, 0, c.y - b.y - b.h)) < c.r;
    const cross = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const out: string[] = [];
    numbers.forEach((n, k) => n && points.forEach((p, j) => meets(n, p) && out.push(`ring number ${k + 1} meets node ${j}`)));
    labels.forEach((b, i) => {
      if (!b) return;
      if (b.x < 0 || b.y < 0 || b.x + b.w > SIZE || b.y + b.h > SIZE) out.push(`label ${i} leaves the drawing`);
      if (meets(b, { x: CENTRE, y: CENTRE, r: INNER })) out.push(`label ${i} meets the patient`);
      points.forEach((p, j) => meets(b, p) && out.push(`label ${i} meets node ${j}`));
      numbers.forEach((n, k) => n && cross(b, n) && out.push(`label ${i} meets ring number ${k + 1}`));
      labels.forEach((o, j) => j !== i && o && cross(b, o) && out.push(`label ${i} meets label ${j}`));
    });
    return out;
  }

  for (const [what, perRing] of [
    ['one person on ring 1, at 12 o\'clock', [1, 0, 0]],
    ['people around the outer ring, one at 6 o\'clock', [0, 0, 6]],
    ['a few on every ring', [3, 4, 5]],
    ['crowded rings of four', [8, 10, 12, 14]],
  ] as const) {
    for (const width of [330, 1000]) {
      it(`lays out ring numbers and names without a clash: ${what}, drawn ${width} px wide`, () => {
        const font = textSize(width);
        const { points, overflow } = layout(perRing);
        const numbers = ringLabels(points, overflow, font);
        const flat = points.flat();
        const labels = nameLabels(flat, flat.map((_, i) => `Alexandra ${i}`), numbers, font);
        expect(clashes(flat, numbers, labels)).to.deep.equal([]);
        if (perRing.length === 3) {
          expect(labels.filter((b) => !b), 'every name has a place when there is room').to.deep.equal([]);
          expect(numbers.filter((b) => !b), 'every ring number has a place').to.deep.equal([]);
        }
      });
    }
  }

  it('puts the ring number at the top of its band when no node is there, else beside the node', () => {
    const font = textSize(330);
    const empty = ringLabels([[], [], []], [0, 0, 0], font);
    empty.forEach((b) => expect(b!.x + b!.w / 2).to.be.closeTo(CENTRE, 1e-9));
    const { points } = layout([1, 0, 0]);
    const top = points[0]![0]!;
    expect(top.x, 'the node is at 12 o\'clock').to.be.closeTo(CENTRE, 1e-9);
    const moved = ringLabels(points, [0, 0, 0], font)[0]!;
    expect(Math.abs(moved.x + moved.w / 2 - CENTRE)).to.be.greaterThan(top.r);
  });

  it('sizes text to at least 12 CSS px on a phone, and never below 11 units on a large screen', () => {
    expect(textSize(330) * (330 / SIZE)).to.be.closeTo(12, 1e-9);
    expect(textSize(544)).to.equal(11);
    expect(textSize(0)).to.equal(11);
  });

  it('leaves names to the table when a crowd leaves no room', () => {
    const font = textSize(330);
    const { points, overflow } = layout([40, 40, 40]);
    const flat = points.flat();
    const labels = nameLabels(flat, flat.map(() => 'Alexandra Smith'), ringLabels(points, overflow, font), font);
    expect(labels.every((b) => b === undefined)).to.equal(true);
  });

  it('makes initials and short names', () => {
    expect(initials('Jo Martin')).to.equal('JM');
    expect(initials('  léa ')).to.equal('LÉ');
    expect(initials('R. K.')).to.equal('RK');
    expect(shortName('Alexandra Smith-Jones')).to.equal('Alexandra S…');
    expect(shortName('Sam')).to.equal('Sam');
  });
});
