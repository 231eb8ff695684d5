/** The focus ring of a collapsible heading is whole (issue 22, item 9): a details element clips what is drawn outside its summary. */
import { expect } from '@open-wc/testing';
import { focusBefore, memoryStore, mount, seed, summary, tabTo } from './counter-helpers.js';

describe('collapsible headings', () => {
  it('"Recorded sessions" reached by Tab shows a 3 px ring drawn inside the summary, which lies inside its details', async () => {
    const store = await memoryStore();
    await seed(store, { sessions: 2 });
    const el = await mount({ store });
    focusBefore(el);
    const s = await tabTo(el, summary(/^Recorded sessions/), 'Recorded sessions');
    expect(s.matches(':focus-visible')).to.equal(true);
    const style = getComputedStyle(s);
    expect([style.outlineStyle, style.outlineWidth, style.outlineOffset]).to.deep.equal(['solid', '3px', '-3px']);
    const [inner, outer] = [s.getBoundingClientRect(), s.parentElement!.getBoundingClientRect()];
    expect(inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
