// Memory: mount and unmount the four widgets (in an <ipt-course>, each mount waiting for every
// ipt-ready) 500 times, then the heap after garbage collection, against the heap after a warm-up
// of 20 cycles. Repeated `runs` times in the same page; each run's growth is against the run before.
import { load, openPage } from '../lib/browser.js';
import { median } from '../lib/stats.js';

export async function memory({ browser, base, harness, runs, cycles, log }) {
  await harness.evaluate(() => window.bench.seed('bench-memory', 'memory', 'REALISTIC'));
  const { page, errors } = await openPage(browser);
  await load(page, `${base}/bench/pages/harness.html`, 'window.benchReady');
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const settle = async () => {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    return { heap: usedSize, nodes: m.Nodes, listeners: m.JSEventListeners };
  };
  await page.evaluate((n) => window.bench.cycle('bench-memory', 'memory', n), 20);
  const points = [await settle()];
  const seconds = [];
  for (let r = 0; r < runs; r++) {
    const t = Date.now();
    await page.evaluate((n) => window.bench.cycle('bench-memory', 'memory', n), cycles);
    seconds.push((Date.now() - t) / 1000);
    points.push(await settle());
    log(`memory: run ${r + 1}: heap ${(points.at(-1).heap / 1048576).toFixed(2)} MB (${((points.at(-1).heap - points.at(-2).heap) / 1024).toFixed(0)} KB), ${points.at(-1).nodes} nodes`);
  }
  await page.close();
  if (errors.length) throw new Error(`memory page errors: ${errors.join('; ')}`);
  const growth = points.slice(1).map((p, i) => p.heap - points[i].heap);
  return { runs, cycles, points, growth, median: median(growth), total: points.at(-1).heap - points[0].heap, seconds };
}
