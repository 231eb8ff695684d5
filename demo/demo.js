// The host page's side: listens to ipt-* events, loads a sample course, exports, wipes.
// Uses only the public API of the single-file bundle (window.IptElements).
import { sampleCourse } from './sample.js';

const { openSharedStore, wipe } = window.IptElements;
const COURSE = 'demo-course';
const params = new URLSearchParams(location.search);
if (params.get('theme')) document.documentElement.dataset.theme = params.get('theme');
for (const el of document.querySelectorAll('ipt-session-counter')) {
  if (params.get('theme')) el.setAttribute('theme', params.get('theme'));
}

document.getElementById('sample').addEventListener('click', async () => {
  const store = await openSharedStore();
  await store.importCourse(sampleCourse(COURSE), { replace: true });
});

document.getElementById('export').addEventListener('click', async () => {
  const store = await openSharedStore();
  const doc = await store.exportCourse(COURSE);
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: `${COURSE}.json` });
  a.click();
  URL.revokeObjectURL(url);
});

document.getElementById('logout').addEventListener('click', async () => {
  await wipe();
  location.reload();
});

if (params.has('sample')) {
  const store = await openSharedStore();
  await store.importCourse(sampleCourse(COURSE), { replace: true });
}
