// The cold-start floor: the same DOM the four widgets render, built with plain DOM calls from the
// same records read with raw IndexedDB. captureDom() runs in the ipt page once it is ready and
// records what the widgets rendered (elements, attributes, text, form state, shadow roots and
// their stylesheets); floorPage() writes a page that reads the course with one raw getAll and
// builds that tree with createElement/setAttribute/append, one listener per control.

/** Runs in the page (page.evaluate): the tree under `selector`, shadow roots included. */
export function captureDom(selector) {
  const sheets = [];
  const sheetIndex = (s) => {
    const css = [...s.cssRules].map((r) => r.cssText).join('\n');
    let i = sheets.indexOf(css);
    if (i < 0) i = sheets.push(css) - 1;
    return i;
  };
  const counts = { elements: 0, text: 0 };
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      counts.text++;
      return node.data;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    counts.elements++;
    const el = node;
    const out = { t: el.localName };
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') out.ns = el.namespaceURI;
    if (el.attributes.length) out.a = [...el.attributes].map((a) => [a.name, a.value]);
    const props = {};
    if (el.localName === 'input' && (el.type === 'checkbox' || el.type === 'radio') && el.checked) props.checked = true;
    if (['input', 'textarea', 'select'].includes(el.localName) && el.value && el.value !== el.getAttribute('value')) props.value = el.value;
    if (el.localName === 'progress' && el.value) props.value = el.value;
    if (Object.keys(props).length) out.p = props;
    const kids = [...el.childNodes].map(walk).filter((c) => c !== null);
    if (kids.length) out.c = kids;
    if (el.shadowRoot) {
      out.s = {
        sheets: el.shadowRoot.adoptedStyleSheets.map(sheetIndex),
        c: [...el.shadowRoot.childNodes].map(walk).filter((c) => c !== null),
      };
    }
    return out;
  };
  const root = walk(document.querySelector(selector));
  return { root, sheets, counts };
}

/** The floor page: `database`/`courseId` read raw, `template` (from captureDom) built with plain DOM calls. */
export function floorPage(template, database, courseId) {
  const literal = JSON.stringify(JSON.stringify(template)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>cold start: the floor</title>
    <script>
      // load __NONCE__ (a different source each load: no compiled code reused)
      window.coldStart = performance.now();
      window.coldDone = (async () => {
        const T = JSON.parse(${literal});
        const db = await new Promise((resolve, reject) => {
          const req = indexedDB.open(${JSON.stringify(database)});
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const records = await new Promise((resolve, reject) => {
          const c = ${JSON.stringify(courseId)};
          const req = db.transaction('records').objectStore('records').getAll(IDBKeyRange.bound([c], [c, []]));
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        // What any renderer does with the records: group them by kind, in order.
        const course = {};
        for (const r of records) (course[r.entity] ??= []).push(r.data);
        for (const list of Object.values(course)) list.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
        window.floorRecords = records.length;
        const sheets = T.sheets.map((css) => {
          const s = new CSSStyleSheet();
          s.replaceSync(css);
          return s;
        });
        const CONTROLS = new Set(['button', 'input', 'select', 'textarea', 'summary']);
        const noop = () => {};
        const build = (n) => {
          if (typeof n === 'string') return document.createTextNode(n);
          const el = n.ns ? document.createElementNS(n.ns, n.t) : document.createElement(n.t);
          if (n.a) for (const [k, v] of n.a) el.setAttribute(k, v);
          if (n.p) Object.assign(el, n.p);
          if (CONTROLS.has(n.t) || el.getAttribute('role') === 'button') el.addEventListener('click', noop);
          if (n.t === 'form') el.addEventListener('submit', noop);
          if (n.s) {
            const root = el.attachShadow({ mode: 'open' });
            root.adoptedStyleSheets = n.s.sheets.map((i) => sheets[i]);
            for (const c of n.s.c) root.append(build(c));
          }
          if (n.c) for (const c of n.c) el.append(build(c));
          return el;
        };
        document.getElementById('app').append(build(T.root));
        void document.documentElement.offsetHeight;
        return performance.now() - window.coldStart;
      })();
    </script>
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`;
}
