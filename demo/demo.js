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

// Sync with the portal's FHIR server (ipt-elements.sync.min.js; `npm start` runs one on
// 127.0.0.1:8092). Open the demo in two browser profiles, turn sync on in both: one course.
const FHIR_BASE = 'http://127.0.0.1:8092/fhir';
const PATIENT = 'Patient/demo'; // the host's patient: the sample course names it
const syncButton = document.getElementById('sync');
const syncStatus = document.getElementById('sync-status');
let sync;
const describe = ({ state, waiting, conflicts }) =>
  `Sync: ${state}${waiting ? `, ${waiting} waiting` : ''}${conflicts ? `, ${conflicts} to choose` : ''}`;
document.addEventListener('ipt-sync', (e) => (syncStatus.textContent = describe(e.detail)));
syncButton.addEventListener('click', async () => {
  if (sync) {
    sync.stop();
    sync = undefined;
    syncStatus.textContent = 'Sync: off';
  } else {
    const store = await openSharedStore();
    document.querySelector('ipt-course').patient = PATIENT;
    const state = await store.getCourse(COURSE);
    // A course made here before sync was on: the host gives it its patient, so that it is synced.
    if (state && !state.course.patient) await store.put(COURSE, 'course', { ...state.course, patient: PATIENT });
    sync = window.IptElements.startSync(store, { baseUrl: FHIR_BASE, fetch: (url, init) => fetch(url, init), patient: PATIENT });
    syncStatus.textContent = describe(sync.status);
  }
  syncButton.setAttribute('aria-pressed', String(Boolean(sync)));
});

document.getElementById('logout').addEventListener('click', async () => {
  sync?.stop();
  await wipe();
  location.reload();
});

if (params.has('sample')) {
  const store = await openSharedStore();
  await store.importCourse(sampleCourse(COURSE), { replace: true });
}
