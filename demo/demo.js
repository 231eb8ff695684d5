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

/** Offers JSON as a file to save: a Blob, an object URL and a[download]; nothing leaves the page. */
function download(value, name, type) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

document.getElementById('export').addEventListener('click', async () => {
  const store = await openSharedStore();
  download(await store.exportCourse(COURSE), `${COURSE}.json`, 'application/json');
});

// The course as a FHIR R4 transaction Bundle (ipt-elements.fhir.min.js): POST it to a FHIR
// server's base URL to create or update the CarePlan, Goals, Encounters, Observations...
document.getElementById('export-fhir').addEventListener('click', async () => {
  const store = await openSharedStore();
  const doc = await store.exportCourse(COURSE);
  // A transaction needs the patient it belongs to (the host's reference); without one, a collection.
  const bundle = window.IptElementsFhir.toFhirBundle(doc, { type: doc.course.patient ? 'transaction' : 'collection' });
  download(bundle, `${COURSE}.fhir.json`, 'application/fhir+json');
});

document.getElementById('logout').addEventListener('click', async () => {
  await wipe();
  location.reload();
});

if (params.has('sample')) {
  const store = await openSharedStore();
  await store.importCourse(sampleCourse(COURSE), { replace: true });
}
