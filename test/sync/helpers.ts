import { expect } from '@open-wc/testing';
import { toDocument, validate, type CourseState } from '../../src/model/index.js';
import type { IptStore, StoreOptions } from '../../src/store/index.js';
import { startSync, type HostFetch, type SyncHandle, type SyncOptions, type SyncStatus } from '../../src/sync/index.js';
import { open, sampleState, uniqueDb } from '../fixtures.js';
import { FHIR_BASE } from './server.js';

/**
 * A patient of its own for each test, so that no test sees another's data: created on the server
 * first (a plain FHIR create, not through the SDK), as a portal's server holds its patients,
 * and referred to by the id the server gave it. HAPI checks on every write that a reference
 * resolves (a Goal for an unknown `Patient/<id>` is a 400, HAPI-1094); Medplum does not check.
 */
/** A round that ended well; when it did not, the assertion says what the status said. */
export function expectIdle(status: SyncStatus, what: string): void {
  expect(status.state, `${what}: ${status.error ? `${status.error.kind}: ${status.error.message}` : 'no error'}`).to.equal('idle');
}

export async function newPatient(): Promise<string> {
  const response = await fetch(`${FHIR_BASE}/Patient`, {
    method: 'POST',
    headers: { Accept: 'application/fhir+json', 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Patient', active: true }),
  });
  expect(response.status, "the test's Patient is created").to.equal(201);
  const { id } = (await response.json()) as { id: string };
  return `Patient/${id}`;
}

/** A plain FHIR request to the test server, as another application would make it. */
export async function fhir(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const response = await fetch(`${FHIR_BASE}/${path}`, {
    method,
    headers: { Accept: 'application/fhir+json', 'Cache-Control': 'no-cache', ...(body ? { 'Content-Type': 'application/fhir+json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Every resource of a type the server holds for a patient (one page is enough for a test's course). */
export async function serverResources(type: string, patient: string): Promise<any[]> {
  const { json } = await fhir('GET', `${type}?patient=${encodeURIComponent(patient)}&_count=500`);
  return (json?.entry ?? []).map((e: { resource: unknown }) => e.resource);
}

/**
 * A device: a browser profile of its own (its own IndexedDB database: separate storage), a network
 * it can lose (`offline`), and the sync of one patient driven by syncNow() (no interval, no debounce
 * rounds: a test decides when a round runs).
 */
export class Device {
  offline = false;
  /** Answers every request with this status instead of asking the server (a 401 from an expired session). */
  refuse: number | undefined;
  /** Called with each request before it is sent: may throw or hold it. */
  before: ((method: string, url: string) => Promise<void> | void) | undefined;
  /** Answers a request in the server's place when it returns a response (a broken proxy, a wrong server). */
  answer: ((method: string, url: string) => Response | undefined) | undefined;
  /** Called with each answer: may throw (an answer lost on the way). */
  after: ((method: string, url: string, response: Response) => Promise<void> | void) | undefined;
  requests: string[] = [];
  sync!: SyncHandle;
  constructor(readonly store: IptStore, readonly patient: string) {}

  readonly fetch: HostFetch = async (input, init) => {
    const url = String(input);
    this.requests.push(`${init.method} ${url}`);
    await this.before?.(init.method ?? 'GET', url);
    if (this.offline) throw new TypeError('Failed to fetch');
    if (this.refuse) return new Response('{}', { status: this.refuse, headers: { 'Content-Type': 'application/fhir+json' } });
    const instead = this.answer?.(init.method ?? 'GET', url);
    if (instead) return instead;
    const response = await fetch(input, init);
    await this.after?.(init.method ?? 'GET', url, response);
    return response;
  };

  static async open(patient: string, database = uniqueDb('device'), storeOptions: StoreOptions = {}, syncOptions: Partial<SyncOptions> = {}): Promise<Device> {
    const device = new Device(await open(database, storeOptions), patient);
    device.start(syncOptions);
    return device;
  }

  start(syncOptions: Partial<SyncOptions> = {}): SyncHandle {
    this.sync = startSync(this.store, { baseUrl: FHIR_BASE, fetch: this.fetch, patient: this.patient, interval: 0, debounce: 3_600_000, target: null, ...syncOptions });
    return this.sync;
  }

  /** The course as a document without its export time: what two devices must agree on. */
  async course(courseId: string): Promise<unknown> {
    const { exported: _, ...doc } = await this.store.exportCourse(courseId);
    return doc;
  }
}

/** The sample course of the fixtures for a patient, under a course id of its own. */
export function patientCourse(patient: string, courseId = `c-${crypto.randomUUID()}`): CourseState {
  const s = sampleState(courseId);
  return { ...s, course: validate('course', { ...s.course, patient }) };
}

export const importInto = (store: IptStore, state: CourseState) => store.importCourse(toDocument(state));

/** Two devices of one clinician (or two clinicians), one patient, and a course made on the first and synced. */
export async function twoDevices(): Promise<{ a: Device; b: Device; courseId: string; patient: string }> {
  const patient = await newPatient();
  const a = await Device.open(patient);
  const b = await Device.open(patient);
  const state = patientCourse(patient);
  await importInto(a.store, state);
  expectIdle(await a.sync.syncNow(), 'A pushes');
  expectIdle(await b.sync.syncNow(), 'B pulls');
  return { a, b, courseId: state.course.id, patient };
}
