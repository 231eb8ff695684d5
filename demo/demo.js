// The host page's side: listens to ipt-* events, loads a sample course, exports, wipes.
// Uses only the public API of the single-file bundle (window.IptElements).
import { sampleCourse } from './sample.js';

const { openSharedStore, wipe } = window.IptElements;
const COURSE = 'demo-course';
const params = new URLSearchParams(location.search);
if (params.get('theme')) {
  document.documentElement.dataset.theme = params.get('theme');
  document.querySelector('ipt-course').setAttribute('theme', params.get('theme'));
}
// The widgets follow the page's lang, also when it changes.
const langButton = document.getElementById('lang');
const setLang = (lang) => {
  document.documentElement.lang = lang;
  langButton.setAttribute('aria-pressed', String(lang === 'es'));
};
if (params.get('lang')) setLang(params.get('lang'));
langButton.addEventListener('click', () => setLang(document.documentElement.lang === 'es' ? 'en' : 'es'));

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
