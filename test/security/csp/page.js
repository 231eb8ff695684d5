// page.html's own script, under the strict policy: seeds a course in a fresh database, mounts
// <ipt-course> with the four widgets, uses them as a person would (add a person, move them, open
// and edit their details, start and move a dispute, check and remove a goal and undo, record a
// session, renegotiate, switch the theme, a refused input), then probes the policy itself, and
// posts what happened to the page that framed it. Classic script, no innerHTML: Trusted Types.
(function () {
  const report = window.cspReport;
  const TAGS = ['ipt-session-counter', 'ipt-relationship-circle', 'ipt-dispute-tracker', 'ipt-goal-checklist'];
  const TODAY = '2026-06-01';
  const COURSE = 'csp-course';
  const done = (extra) => parent.postMessage({ type: 'csp-report', ...report, ...extra }, location.origin);
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  /**
   * Resolves true once `holds()` is true, checked now and at each `type` event on the document
   * (after first.js's and the counters' listeners, which came first); false after `ms` without it.
   */
  const when = (type, holds, ms) =>
    new Promise((resolve) => {
      if (holds()) return resolve(true);
      const check = () => holds() && end(true);
      const timer = setTimeout(() => end(false), ms);
      const end = (result) => {
        clearTimeout(timer);
        document.removeEventListener(type, check);
        resolve(result);
      };
      document.addEventListener(type, check);
    });
  // Bounded well under csp.test.ts's 25 s for the whole page, not less: on a busy machine an event can take seconds.
  const next = (type, ms = 10000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} within ${ms} ms`)), ms);
      document.addEventListener(type, (e) => (clearTimeout(timer), resolve(e)), { once: true });
    });
  const widget = (tag) => document.querySelector(tag);
  const $ = (tag, selector) => widget(tag).shadowRoot.querySelector(selector);
  const settle = async () => {
    await wait(0);
    await Promise.all(TAGS.map((t) => widget(t).updateComplete));
  };
  const click = async (tag, selector) => {
    const el = $(tag, selector);
    if (!el) throw new Error(`${tag}: nothing matches ${selector}`);
    el.click();
    await settle();
  };
  /** Fills a form's fields, submits it as a user would and waits for `event`. */
  const submit = async (tag, selector, values, event = 'ipt-change') => {
    const form = $(tag, selector);
    if (!form) throw new Error(`${tag}: no form ${selector}`);
    for (const [name, value] of Object.entries(values)) form.querySelector(`[name="${name}"]`).value = value;
    const heard = next(event);
    form.requestSubmit();
    const e = await heard;
    await settle();
    return e;
  };
  const heard = { ready: 0, change: 0, error: 0, ring: 0 };
  document.addEventListener('ipt-ready', () => heard.ready++);
  document.addEventListener('ipt-change', () => heard.change++);
  document.addEventListener('ipt-error', () => heard.error++);
  document.addEventListener('ipt-ring-change', () => heard.ring++);

  /** The course: a contract, two sessions, a person in a dispute, two goals. */
  function seedDocument(api) {
    const c = COURSE;
    return api.toDocument({
      course: { id: c, focus: ['role-dispute'], contract: { sessions: 12, history: [] }, authorization: { sessions: 10, start: '2026-01-01', end: '2026-12-31' } },
      sessions: [
        { id: 's1', courseId: c, date: '2026-05-04', status: 'attended' },
        { id: 's2', courseId: c, date: '2026-05-11', status: 'attended' },
      ],
      people: [{ id: 'p1', courseId: c, name: 'Ana', relationship: 'partner', ring: 1, support: 2 }],
      disputes: [{ id: 'd1', courseId: c, personId: 'p1', issue: 'Chores', stage: 'renegotiation', history: [{ to: 'renegotiation', date: '2026-05-04' }] }],
      goals: [
        { id: 'g1', courseId: c, text: 'Talk about chores calmly', area: 'role-dispute', order: 1, set: '2026-05-04' },
        { id: 'g2', courseId: c, text: 'Plan one evening out', area: 'role-dispute', order: 2, set: '2026-05-04' },
      ],
      measures: [{ id: 'm1', courseId: c, instrument: 'PHQ-9', score: 14, date: '2026-05-04', sessionId: 's1' }],
    });
  }

  /** Drags a person's node from its place to the outermost ring with pointer events. */
  async function drag(personId) {
    const circle = widget('ipt-relationship-circle');
    const node = $('ipt-relationship-circle', `.node[data-person-id="${personId}"] circle`);
    const svg = $('ipt-relationship-circle', 'svg');
    const from = node.getBoundingClientRect();
    const box = svg.getBoundingClientRect();
    const at = (x, y) => ({ bubbles: true, composed: true, pointerId: 1, button: 0, clientX: x, clientY: y });
    const x0 = from.x + from.width / 2;
    const y0 = from.y + from.height / 2;
    node.dispatchEvent(new PointerEvent('pointerdown', at(x0, y0)));
    for (let k = 1; k <= 5; k++) svg.dispatchEvent(new PointerEvent('pointermove', at(x0 + ((box.right - 4 - x0) * k) / 5, y0)));
    await circle.updateComplete;
    const moving = $('ipt-relationship-circle', '.node.dragging') !== null;
    const ring = next('ipt-ring-change');
    svg.dispatchEvent(new PointerEvent('pointerup', at(box.right - 4, y0)));
    await ring;
    await settle();
    return moving;
  }

  async function runWidgets() {
    const api = window.IptElements;
    if (!api) throw new Error('the bundle did not load: window.IptElements is missing (run npm run build)');
    const store = await api.openStore({ database: `ipt-csp-${Date.now()}-${Math.floor(Math.random() * 1e9)}` });
    await store.importCourse(seedDocument(api));
    const course = document.createElement('ipt-course');
    course.setAttribute('course-id', COURSE);
    course.setAttribute('today', TODAY);
    course.store = store;
    for (const t of TAGS) course.append(document.createElement(t));
    document.getElementById('app').append(course);
    if (!(await when('ipt-ready', () => heard.ready >= TAGS.length, 15000))) throw new Error(`only ${heard.ready} widgets said ipt-ready within 15 s`);
    await settle();
    const steps = [];
    const step = async (name, fn) => {
      await fn();
      steps.push(name);
    };

    await step('add a person', async () => {
      await click('ipt-relationship-circle', '[data-opens=add]');
      await submit('ipt-relationship-circle', 'form[data-panel=add]', { name: 'Sam', relationship: 'brother' });
    });
    const sam = (await store.getCourse(COURSE)).people.find((p) => p.name === 'Sam').id;
    await step("edit a person's details", async () => {
      // The new person's details opened after the add.
      await submit('ipt-relationship-circle', `form[data-panel="person:${sam}"]`, { supportive: 'Calls often', conflicted: 'Money' });
    });
    await step('move a person closer', async () => {
      const ring = next('ipt-ring-change');
      await click('ipt-relationship-circle', `tr[data-person-id="${sam}"] [data-dir="-1"]`);
      await ring;
      await settle();
    });
    const dragged = await drag(sam);
    steps.push('drag a person to another ring');
    await step('open a panel with the keyboard and close it with Escape', async () => {
      const node = $('ipt-relationship-circle', '.node circle[tabindex="0"]');
      node.focus();
      node.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await settle();
      const panel = $('ipt-relationship-circle', 'form[data-panel^="person:"]');
      if (!panel) throw new Error('Enter did not open the details');
      panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await settle();
    });
    await step('move a dispute to another stage', async () => {
      await click('ipt-dispute-tracker', '[data-id="d1"] [data-move="impasse"]');
      await submit('ipt-dispute-tracker', 'form[data-panel="move:d1"]', { note: 'Stalled' }, 'ipt-dispute-stage-change');
    });
    await step('start a dispute with someone new', async () => {
      await click('ipt-dispute-tracker', '[data-opens=add]');
      const form = $('ipt-dispute-tracker', 'form[data-panel=add]');
      const select = form.querySelector('[name=personId]');
      select.value = '';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await settle();
      await submit('ipt-dispute-tracker', 'form[data-panel=add]', { name: 'Lee', issue: 'Visits' });
    });
    await step('check a goal', async () => {
      const changed = next('ipt-goal-change');
      await click('ipt-goal-checklist', 'li[data-goal="g1"] input[type=checkbox]');
      await changed;
      await settle();
    });
    await step('remove a goal and undo', async () => {
      const removed = next('ipt-change');
      await click('ipt-goal-checklist', 'li[data-goal="g2"] [data-act=remove]');
      await removed;
      await settle();
      const back = next('ipt-change');
      await click('ipt-goal-checklist', '[data-undo]');
      await back;
      await settle();
    });
    await step('add a goal', async () => {
      await click('ipt-goal-checklist', '[data-opens=add]');
      await submit('ipt-goal-checklist', 'form[data-panel=add]', { text: 'Ask for help with the children', targetSession: '8' });
    });
    await step('record a session with a measure', async () => {
      const form = $('ipt-session-counter', '#record-form');
      const box = form.querySelector('[name="take-PHQ-9"]');
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
      await settle();
      await submit('ipt-session-counter', '#record-form', { date: '2026-05-18', 'score-PHQ-9': '11' }, 'ipt-session-logged');
    });
    await step('open the recorded sessions', async () => {
      $('ipt-session-counter', 'details.sessions').open = true;
      await settle();
    });
    await step('renegotiate the contract', async () => {
      await click('ipt-session-counter', '[data-opens=renegotiate]');
      await submit('ipt-session-counter', 'form[data-panel=renegotiate]', { to: '14', reason: 'More time' });
    });
    await step('a refused input shows its problem', async () => {
      await click('ipt-relationship-circle', '[data-opens=add]');
      await submit('ipt-relationship-circle', 'form[data-panel=add]', { name: 'x'.repeat(121) }, 'ipt-error');
      // Said next to the field (issue 22, item 3), not in the banner.
      if (!$('ipt-relationship-circle', '[aria-invalid="true"] ~ #field-problem')) throw new Error('no problem at the field');
    });
    await step('switch the theme to dark', async () => {
      course.setAttribute('theme', 'dark');
      await settle();
    });
    await step('readonly', async () => {
      course.readonly = true;
      await settle();
      course.readonly = false;
      await settle();
    });
    await wait(300);
    store.close();
    // The widgets' own styles (adopted style sheets) apply under style-src 'self': each is a bordered block.
    const styles = TAGS.map((t) => `${getComputedStyle(widget(t)).display} ${getComputedStyle(widget(t)).borderTopStyle}`);
    return { steps, dragged, styles };
  }

  /** Probes of the policy itself: each must be refused and reported, or the test could never fail. */
  async function probe() {
    const out = {};
    const attempt = async (name, fn) => {
      try {
        await fn();
        out[name] = 'allowed';
      } catch (e) {
        out[name] = `refused: ${e.name}`;
      }
    };
    await attempt('fetch', () => fetch('/csp-probe'));
    await attempt('innerHTML', () => {
      document.createElement('div').innerHTML = '<b>x</b>';
    });
    await attempt('eval', () => (0, eval)('1'));
    await attempt('style attribute', () => {
      const el = document.createElement('p');
      el.setAttribute('style', 'color: red');
      document.body.append(el);
      if (getComputedStyle(el).color === 'rgb(255, 0, 0)') return;
      throw Object.assign(new Error('not applied'), { name: 'NotApplied' });
    });
    await attempt('inline style element', () => {
      const el = document.createElement('style');
      el.append('main { color: rgb(1, 2, 3); }');
      document.head.append(el);
      if (getComputedStyle(document.getElementById('app')).color === 'rgb(1, 2, 3)') return;
      throw Object.assign(new Error('not applied'), { name: 'NotApplied' });
    });
    // Each refused probe is reported by a violation event, which comes in a task of its own: wait for them.
    const refused = Object.values(out).filter((r) => r.startsWith('refused')).length;
    const controls = () => report.violations.filter((v) => v.phase === 'controls').length;
    await when('securitypolicyviolation', () => controls() >= refused, 10000);
    return out;
  }

  async function main() {
    // The inline script's violation is heard before the widgets start, so that it is not counted as theirs.
    await when('securitypolicyviolation', () => report.violations.length > 0, 10000);
    let widgets;
    try {
      report.phase = 'widgets';
      widgets = await runWidgets();
    } catch (e) {
      widgets = { failed: `${e.name}: ${e.message}` };
    }
    // What the page loaded up to here: its own three scripts, and nothing the widgets fetched.
    const resources = performance.getEntriesByType('resource').map((r) => ({ name: r.name, initiatorType: r.initiatorType }));
    report.phase = 'controls';
    const probes = await probe();
    done({ widgets, probes, resources, heard, inlineScriptRan: window.inlineScriptRan === true });
  }
  main();
})();
