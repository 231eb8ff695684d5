/** The closeness circle's geometry (pure): nodes stay in their ring's band and never overlap. */
import { expect } from '@open-wc/testing';
import { CENTRE, INNER, OUTER, band, initials, layout, namesFit, ringAt, shortName, type Point } from '../../src/elements/relationship-circle/layout.js';

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

  it('shows names only when no label meets another label or node', () => {
    const few = layout([1, 2, 3]).points.flat();
    expect(namesFit(few, few.map(() => 'Jo Martin'))).to.equal(true);
    const many = layout([20, 0, 0]).points.flat();
    expect(namesFit(many, many.map(() => 'Alexandra Smith'))).to.equal(false);
  });

  it('makes initials and short names', () => {
    expect(initials('Jo Martin')).to.equal('JM');
    expect(initials('  léa ')).to.equal('LÉ');
    expect(initials('R. K.')).to.equal('RK');
    expect(shortName('Alexandra Smith-Jones')).to.equal('Alexandra S…');
    expect(shortName('Sam')).to.equal('Sam');
  });
});
