// A second device for the sync tests: a page in a browser context of its own (separate storage:
// its own IndexedDB, Web Locks and BroadcastChannel), opened from the test through the runner's
// server commands (`ipt-device`). The page (device/page.html) drives a store and its sync with the
// test's helpers; each call is one `page.evaluate` of a named function with JSON arguments.

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function devicePlugin() {
  /** Devices by id: their browser context and page. */
  const devices = new Map();
  let next = 0;
  return {
    name: 'ipt-device',
    async executeCommand({ command, payload, session }) {
      if (command !== 'ipt-device') return undefined;
      const { op, id, name, args } = payload;
      if (op === 'open') {
        const opener = session.browser.getPage(session.id);
        const context = await opener.browser().createBrowserContext();
        const page = await context.newPage();
        const origin = new URL(opener.url()).origin;
        await page.goto(`${origin}/test/sync/device/page.html`);
        await page.waitForFunction('window.device !== undefined', { timeout: 60_000 });
        const key = `d${++next}`;
        devices.set(key, { context, page });
        return key;
      }
      const device = devices.get(id);
      if (!device) throw new Error(`no device ${id}`);
      if (op === 'close') {
        devices.delete(id);
        await device.context.close();
        return true;
      }
      // A rejection in the page comes back as { error }: the test says it with its own words.
      return device.page.evaluate(
        (fn, list) => window.device[fn](...list).then((value) => ({ value: value ?? null }), (error) => ({ error: String(error?.message ?? error) })),
        name,
        args ?? [],
      );
    },
    async serverStop() {
      for (const { context } of devices.values()) await context.close().catch(() => undefined);
      devices.clear();
    },
  };
}
