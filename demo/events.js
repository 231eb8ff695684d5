// The host page's event log: a classic script in <head>, so that it hears the first ipt-ready.
// Shows each ipt-* event's type and detail (ids and numbers only) as text, never as HTML.
(() => {
  const EVENTS = [
    'ipt-ready', 'ipt-before-change', 'ipt-change', 'ipt-session-logged', 'ipt-phase-change',
    'ipt-termination-window', 'ipt-authorization-alert', 'ipt-ring-change', 'ipt-dispute-stage-change',
    'ipt-goal-change', 'ipt-risk', 'ipt-error', 'ipt-sync',
  ];
  const pending = [];
  let list = null;
  const show = (type, detail) => {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = type;
    const code = document.createElement('code');
    code.textContent = ` ${JSON.stringify(detail)}`;
    item.append(name, code);
    list.prepend(item);
  };
  for (const type of EVENTS) {
    document.addEventListener(type, (event) => (list ? show(type, event.detail) : pending.push([type, event.detail])));
  }
  document.addEventListener('DOMContentLoaded', () => {
    list = document.getElementById('events');
    pending.splice(0).forEach(([type, detail]) => show(type, detail));
  });
})();
