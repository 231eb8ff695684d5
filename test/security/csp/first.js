// Runs first in page.html, before the bundle: hears every CSP violation of the page and every use
// of an API that reaches the network, each with the phase of the page it happened in ('load' until
// page.js starts the widgets, 'widgets' while they run, 'controls' for page.js's own probes).
(function () {
  const report = (window.cspReport = { phase: 'load', violations: [], network: [] });
  document.addEventListener('securitypolicyviolation', (e) => {
    report.violations.push({
      phase: report.phase,
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      sample: e.sample,
      source: e.sourceFile,
      line: e.lineNumber,
    });
  });
  const note = (api, target) => report.network.push({ phase: report.phase, api, target: String(target).slice(0, 200) });
  const wrap = (owner, name, api) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function (...args) {
      note(api, args[api === 'XMLHttpRequest.open' ? 1 : 0]);
      return original.apply(this, args);
    };
  };
  wrap(window, 'fetch', 'fetch');
  wrap(XMLHttpRequest.prototype, 'open', 'XMLHttpRequest.open');
  wrap(Navigator.prototype, 'sendBeacon', 'sendBeacon');
  if (navigator.serviceWorker) wrap(Object.getPrototypeOf(navigator.serviceWorker), 'register', 'serviceWorker.register');
  for (const name of ['WebSocket', 'EventSource', 'Worker', 'SharedWorker']) {
    const Original = window[name];
    if (typeof Original !== 'function') continue;
    window[name] = new Proxy(Original, {
      construct(target, args) {
        note(name, args[0]);
        return Reflect.construct(target, args);
      },
    });
  }
  wrap(window, 'open', 'window.open');
})();
