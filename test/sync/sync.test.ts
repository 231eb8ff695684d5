// The sync between two devices and the test's FHIR server (Medplum's router, or HAPI's JPA server
// with IPT_FHIR_SERVER=hapi). A device is a store on a database of its own (separate storage) with
// its own fetch; the server is the only thing they share. (contexts.test.ts runs the second device
// in a browser context of its own.)
import { expect } from '@open-wc/testing';
import { IDENTIFIER_SYSTEMS } from '../../src/fhir/index.js';
import { identifierValue } from '../../src/fhir/codes.js';
import type { SyncStatus } from '../../src/sync/index.js';
import { closeStores, open, uniqueDb } from '../fixtures.js';
import { issuesOf, loadDefinitions } from '../fhir/validator.js';
import { Device, expectIdle, fhir, importInto, newPatient, patientCourse, serverResources, twoDevices } from './helpers.js';

const TYPES = ['CarePlan', 'Condition', 'RelatedPerson', 'Goal', 'Encounter', 'Observation'];

async function everything(patient: string): Promise<any[]> {
  return (await Promise.all(TYPES.map((t) => serverResources(t, patient)))).flat();
}

afterEach(closeStores);

describe('sync: two devices, one FHIR server', function () {
  this.timeout(120_000);
  before(loadDefinitions);

  it('pushes a course made on one device, valid R4 on the server, and the other device pulls it whole', async () => {
    const { a, b, courseId, patient } = await twoDevices();
    expect(await b.course(courseId)).to.deep.equal(await a.course(courseId));
    expect(a.sync.status.waiting, 'nothing left in the outbox').to.equal(0);
    const held = await everything(patient);
    // CarePlan, the focus Condition and the dispute's Condition, the person, goal, session and measure.
    expect(held.map((r) => r.resourceType).sort()).to.deep.equal(['CarePlan', 'Condition', 'Condition', 'Encounter', 'Goal', 'Observation', 'RelatedPerson']);
    for (const r of held) expect(issuesOf(r), `${r.resourceType} as the server holds it`).to.deep.equal([]);
    // References between them are the server's own ids, never ids the client made up.
    const dispute = held.find((r) => r.resourceType === 'Condition' && r.stage);
    const person = held.find((r) => r.resourceType === 'RelatedPerson');
    expect(JSON.stringify(dispute)).to.include(`RelatedPerson/${person.id}`);
  });

  it('lets a device pull a course while another is half-way through pushing it, and removes nothing of it', async () => {
    const patient = await newPatient();
    const a = await Device.open(patient);
    const b = await Device.open(patient);
    const state = patientCourse(patient);
    await importInto(a.store, state);
    let between: Promise<unknown> | undefined;
    a.before = (method, url) => {
      // The focus Condition and the records are on the server, the CarePlan not yet: B syncs now.
      if (method === 'POST' && new URL(url).pathname.endsWith('/CarePlan') && !between) between = b.sync.syncNow();
      return between?.then(() => undefined);
    };
    expectIdle(await a.sync.syncNow(), 'A pushes');
    await between;
    expect(b.requests.filter((r) => r.startsWith('DELETE')), 'B removes nothing').to.deep.equal([]);
    expectIdle(await b.sync.syncNow(), 'B pulls');
    expect(await b.course(state.course.id)).to.deep.equal(await a.course(state.course.id));
  });

  it('sends a change of a synced course before it searches the server (a click reaches the server first), and still merges what the server changed meanwhile', async () => {
    const { a, b, courseId } = await twoDevices();
    const goal = (await a.store.requireCourse(courseId)).goals[0]!;
    await b.store.put(courseId, 'person', { ...(await b.store.requireCourse(courseId)).people[0]!, ring: 3 });
    expectIdle(await b.sync.syncNow(), 'B pushes a change of its own');
    await a.store.put(courseId, 'goal', { ...goal, text: 'Ask for help with chores' });
    const asked: string[] = [];
    a.before = (method, url) => void asked.push(`${method} ${new URL(url).pathname.split('/').slice(-2).join('/')}`);
    expectIdle(await a.sync.syncNow(), 'A pushes, then pulls');
    a.before = undefined;
    const first = asked.filter((r) => !r.endsWith('/metadata'));
    expect(first[0], 'the first request is the Goal\'s PUT').to.match(/^PUT Goal\//);
    expect(asked.filter((r) => r.startsWith('PUT')).length, 'one PUT').to.equal(1);
    const here = await a.store.requireCourse(courseId);
    expect(here.people[0]!.ring, "B's change pulled after the push").to.equal(3);
    expect(here.goals[0]!.text).to.equal('Ask for help with chores');
  });

  it('carries a no-show as an Appointment beside its Encounter, and removes the Appointment when the visit is corrected to attended (issue 19)', async () => {
    const { a, b, courseId, patient } = await twoDevices();
    const session = (await a.store.requireCourse(courseId)).sessions[0]!;
    await a.store.put(courseId, 'session', { ...session, id: 's-missed', date: '2026-02-09', status: 'no-show' });
    const pushed = await a.sync.syncNow();
    expectIdle(pushed, 'A pushes the no-show');
    expect(pushed.waiting, 'nothing left waiting').to.equal(0);
    const appointments = await serverResources('Appointment', patient);
    expect(appointments.map((r) => r.status)).to.deep.equal(['noshow']);
    expect(issuesOf(appointments[0]), 'valid R4 as the server holds it').to.deep.equal([]);
    const encounter = (await serverResources('Encounter', patient)).find((e) => JSON.stringify(e.appointment ?? []).includes(`Appointment/${appointments[0].id}`));
    expect(encounter, "the no-show's Encounter names its Appointment by the server's id").to.not.equal(undefined);
    expectIdle(await b.sync.syncNow(), 'B pulls');
    expect((await b.store.requireCourse(courseId)).sessions.find((s) => s.id === 's-missed')?.status).to.equal('no-show');
    expect(await b.course(courseId)).to.deep.equal(await a.course(courseId));

    const missed = (await b.store.requireCourse(courseId)).sessions.find((s) => s.id === 's-missed')!;
    await b.store.put(courseId, 'session', { ...missed, status: 'attended' });
    expectIdle(await b.sync.syncNow(), 'B pushes the correction');
    expect(b.sync.status.waiting).to.equal(0);
    expect(await serverResources('Appointment', patient), 'the Appointment is gone with the no-show').to.deep.equal([]);
    expectIdle(await a.sync.syncNow(), 'A pulls the correction');
    expect(await a.course(courseId)).to.deep.equal(await b.course(courseId));
  });

  it('carries a PHQ-9 taken item by item as a QuestionnaireResponse its Observation is derived from, and removes it with its measure (issue 20)', async () => {
    const { a, b, courseId, patient } = await twoDevices();
    const session = (await a.store.requireCourse(courseId)).sessions[0]!;
    const measure = { id: 'm-items', courseId, instrument: 'PHQ-9' as const, score: 5, date: session.date, sessionId: session.id, items: [2, 1, 0, 0, null, 1, 0, 0, 0], difficulty: 2 };
    await a.store.put(courseId, 'measure', measure);
    const pushed = await a.sync.syncNow();
    expectIdle(pushed, 'A pushes the measure');
    expect(pushed.waiting, 'nothing left waiting').to.equal(0);
    const responses = await serverResources('QuestionnaireResponse', patient);
    expect(responses.map((r) => [r.questionnaire, r.status, r.authored, r.subject?.reference])).to.deep.equal([['http://loinc.org/q/44249-1', 'completed', session.date, patient]]);
    expect(responses[0].item.map((i: any) => [i.linkId, i.answer[0].valueCoding.code]), 'the answered items, by their LOINC codes and answers').to.deep.equal([
      ['/44250-9', 'LA6570-1'],
      ['/44255-8', 'LA6569-3'],
      ['/44259-0', 'LA6568-5'],
      ['/44254-1', 'LA6568-5'],
      ['/44258-2', 'LA6569-3'],
      ['/44252-5', 'LA6568-5'],
      ['/44253-3', 'LA6568-5'],
      ['/44260-8', 'LA6568-5'],
      ['/69722-7', 'LA6575-0'],
    ]);
    expect(issuesOf(responses[0]), 'valid R4 as the server holds it').to.deep.equal([]);
    const encounter = (await serverResources('Encounter', patient)).find((e) => e.period?.start === session.date);
    expect(responses[0].encounter?.reference, 'its session by the server id').to.equal(`Encounter/${encounter.id}`);
    const observation = (await serverResources('Observation', patient)).find((o) => o.code.coding.some((c: any) => c.code === '44249-1'));
    expect(observation.derivedFrom, "the Observation names its response by the server's id").to.deep.equal([{ reference: `QuestionnaireResponse/${responses[0].id}`, type: 'QuestionnaireResponse' }]);
    expectIdle(await b.sync.syncNow(), 'B pulls');
    expect((await b.store.requireCourse(courseId)).measures.find((m) => m.id === 'm-items')).to.deep.equal(measure);
    expect(await b.course(courseId)).to.deep.equal(await a.course(courseId));

    await b.store.remove(courseId, 'measure', 'm-items');
    expectIdle(await b.sync.syncNow(), 'B pushes the removal');
    expect(b.sync.status.waiting).to.equal(0);
    expect(await serverResources('QuestionnaireResponse', patient), 'the response is gone with its measure').to.deep.equal([]);
    expectIdle(await a.sync.syncNow(), 'A pulls the removal');
    expect(await a.course(courseId)).to.deep.equal(await b.course(courseId));
  });

  it('converges after both devices edit offline: different records merge, the server holds the result', async () => {
    const { a, b, courseId } = await twoDevices();
    a.offline = b.offline = true;
    await a.store.put(courseId, 'person', { ...(await a.store.requireCourse(courseId)).people[0]!, name: 'Jo' });
    await b.store.put(courseId, 'goal', { ...(await b.store.requireCourse(courseId)).goals[0]!, lifecycle: 'completed', achievement: 'achieved' });
    const offline = await a.sync.syncNow();
    expect([offline.state, offline.waiting]).to.deep.equal(['offline', 1]);
    a.offline = b.offline = false;
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
    const course = await a.course(courseId);
    expect(await b.course(courseId)).to.deep.equal(course);
    const state = await a.store.requireCourse(courseId);
    expect([state.people[0]!.name, state.goals[0]!.lifecycle]).to.deep.equal(['Jo', 'completed']);
    const c = await Device.open(a.patient);
    await c.sync.syncNow();
    expect(await c.course(courseId), 'a third device pulls what the server holds').to.deep.equal(course);
  });

  it('carries a PHQ-9 taken item by item and the acknowledgement of its alert to the other device (issue 20)', async () => {
    const { a, b, courseId, patient } = await twoDevices();
    // Item 9 answered 1 on a total of 4: the alert the clinician acknowledges.
    const measure = { id: 'm-phq', courseId, instrument: 'PHQ-9' as const, score: 4, date: '2026-02-02', items: [1, 1, 0, 0, 0, 1, 0, 0, 1], difficulty: 1 };
    await a.store.put(courseId, 'measure', measure);
    expectIdle(await a.sync.syncNow(), 'A pushes the measure');
    expectIdle(await b.sync.syncNow(), 'B pulls the measure');
    expect((await b.store.requireCourse(courseId)).measures.find((m) => m.id === 'm-phq')).to.deep.equal(measure);
    // A acknowledges the alert; B pulls the acknowledgement and keeps the items.
    const acknowledged = { ...measure, acknowledged: { at: '2026-02-02T10:30:00.000Z', by: 'Practitioner/7' } };
    await a.store.put(courseId, 'measure', acknowledged);
    expectIdle(await a.sync.syncNow(), 'A pushes the acknowledgement');
    expectIdle(await b.sync.syncNow(), 'B pulls the acknowledgement');
    for (const device of [a, b]) expect((await device.store.requireCourse(courseId)).measures.find((m) => m.id === 'm-phq')).to.deep.equal(acknowledged);
    expect(await b.course(courseId)).to.deep.equal(await a.course(courseId));
    const held = (await serverResources('Observation', patient)).find((o) => o.code.coding.some((c: any) => c.code === '44249-1'));
    expect(held.component, 'the server holds the items, the difficulty and the total').to.have.length(11);
    expect(issuesOf(held), 'valid R4 as the server holds it').to.deep.equal([]);
  });

  it('shows the same field edited on both sides as a conflict, loses neither, and takes the choice', async () => {
    const { a, b, courseId } = await twoDevices();
    const goal = (await a.store.requireCourse(courseId)).goals[0]!;
    await a.store.put(courseId, 'goal', { ...goal, text: 'Ask for help with chores' });
    await b.store.put(courseId, 'goal', { ...goal, text: 'Share the chores' });
    await a.sync.syncNow();
    const events: SyncStatus[] = [];
    b.sync.addEventListener('ipt-sync', (e) => events.push((e as CustomEvent<SyncStatus>).detail));
    const status = await b.sync.syncNow();
    expect([status.state, status.conflicts]).to.deep.equal(['conflict', 1]);
    expect(events.at(-1)!.state).to.equal('conflict');
    expect(JSON.stringify(events), 'events carry no text').not.to.include('chores');
    expect(await b.sync.conflicts()).to.deep.equal([{ courseId, entity: 'goal', id: goal.id, kind: 'edit', fields: ['text'], server: { text: 'Ask for help with chores' } }]);
    expect((await b.store.requireCourse(courseId)).goals[0]!.text, 'B keeps what B typed until B chooses').to.equal('Share the chores');
    const server = (await serverResources('Goal', a.patient))[0];
    expect(server.description.text, 'the server keeps what A pushed').to.equal('Ask for help with chores');

    expectIdle(await b.sync.resolve({ courseId, entity: 'goal', id: goal.id }, 'mine'), 'resolved as mine');
    await a.sync.syncNow();
    expect((await a.store.requireCourse(courseId)).goals[0]!.text).to.equal('Share the chores');
    expect(await a.course(courseId)).to.deep.equal(await b.course(courseId));
  });

  it('takes the server version when the choice is theirs', async () => {
    const { a, b, courseId } = await twoDevices();
    const person = (await a.store.requireCourse(courseId)).people[0]!;
    await a.store.put(courseId, 'person', { ...person, ring: 2 });
    await b.store.put(courseId, 'person', { ...person, ring: 3 });
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect((await b.sync.conflicts()).map((c) => c.fields)).to.deep.equal([['ring']]);
    const status = await b.sync.resolve({ courseId, entity: 'person', id: person.id }, 'theirs');
    expect([status.state, status.waiting, status.conflicts]).to.deep.equal(['idle', 0, 0]);
    expect((await b.store.requireCourse(courseId)).people[0]!.ring).to.equal(2);
  });

  it('makes a removal on one device against an edit on the other a conflict, not a silent loss or resurrection', async () => {
    const { a, b, courseId } = await twoDevices();
    await a.store.put(courseId, 'person', { id: 'p-new', name: 'Aunt M.', ring: 2 });
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.store.remove(courseId, 'person', 'p-new');
    const theirs = (await b.store.requireCourse(courseId)).people.find((p) => p.id === 'p-new')!;
    await b.store.put(courseId, 'person', { ...theirs, ring: 1 });
    await a.sync.syncNow();
    expect((await serverResources('RelatedPerson', a.patient)).length, 'A removed it from the server').to.equal(1);
    const status = await b.sync.syncNow();
    expect(status.state).to.equal('conflict');
    expect(await b.sync.conflicts()).to.deep.equal([{ courseId, entity: 'person', id: 'p-new', kind: 'deleted-there', fields: [] }]);
    expect((await b.store.requireCourse(courseId)).people.some((p) => p.id === 'p-new'), 'B keeps the edited person').to.equal(true);
    await b.sync.resolve({ courseId, entity: 'person', id: 'p-new' }, 'mine');
    await a.sync.syncNow();
    expect((await a.store.requireCourse(courseId)).people.find((p) => p.id === 'p-new')?.ring, 'kept on both').to.equal(1);
  });

  it('removes on the other device what one device removed, when nobody edited it', async () => {
    const { a, b, courseId } = await twoDevices();
    await a.store.remove(courseId, 'measure', 'm1');
    await a.sync.syncNow();
    expect(await serverResources('Observation', a.patient)).to.deep.equal([]);
    await b.sync.syncNow();
    expect((await b.store.requireCourse(courseId)).measures).to.deep.equal([]);
  });

  it('makes no duplicate when the answer to a create is lost', async () => {
    const patient = await newPatient();
    const a = await Device.open(patient);
    const state = patientCourse(patient);
    await importInto(a.store, state);
    let lost = 0;
    // The server applies the first create; its answer never reaches the device.
    a.after = (method) => {
      if (method === 'POST' && lost++ === 0) throw new TypeError('Failed to fetch');
    };
    const states: string[] = [];
    a.sync.addEventListener('ipt-sync', (e) => states.push((e as CustomEvent<SyncStatus>).detail.state));
    await a.sync.syncNow();
    a.after = undefined;
    expectIdle(await a.sync.syncNow(), 'the retry');
    expect(lost, 'one answer was lost').to.be.greaterThan(1);
    expect(states, 'the lost answer was said').to.include('offline');
    expect((await everything(patient)).length).to.equal(7);
    const value = identifierValue(state.course.id, 'focus', 'role-dispute');
    const { json } = await fhir('GET', `Condition?identifier=${encodeURIComponent(`${IDENTIFIER_SYSTEMS.focus}|${value}`)}`);
    expect(json.entry?.length ?? 0).to.equal(1);
  });

  it('keeps the outbox through a reload in the middle of a push, and completes it', async () => {
    const patient = await newPatient();
    const database = uniqueDb('reload');
    const a = await Device.open(patient, database);
    const state = patientCourse(patient);
    await importInto(a.store, state);
    let sent = 0;
    // The page goes away after three requests of the push: the fourth never answers.
    a.before = (method) => (method !== 'GET' && ++sent > 3 ? new Promise<void>(() => undefined) : undefined);
    void a.sync.syncNow();
    await new Promise<void>((resolve) => {
      const check = () => (sent > 3 ? resolve() : setTimeout(check, 20));
      check();
    });
    a.sync.stop();
    a.store.close();
    const again = await Device.open(patient, database);
    expect((await again.sync.syncNow()).waiting).to.equal(0);
    expect((await everything(patient)).length).to.equal(7);
    const b = await Device.open(patient);
    await b.sync.syncNow();
    expect(await b.course(state.course.id)).to.deep.equal(await again.course(state.course.id));
  });

  it('stops at a 401, keeps every change, and resumes with a fresh fetch', async () => {
    const { a, b, courseId } = await twoDevices();
    a.refuse = 401;
    await a.store.put(courseId, 'session', { id: 's2', date: '2026-01-12', status: 'attended' });
    const status = await a.sync.syncNow();
    expect([status.state, status.waiting]).to.deep.equal(['unauthorized', 1]);
    expect(status.error?.message).not.to.include('s2');
    a.refuse = undefined;
    const fresh = a.fetch;
    expectIdle(await a.sync.syncNow({ fetch: fresh }), 'with a fresh fetch');
    await b.sync.syncNow();
    expect((await b.store.requireCourse(courseId)).sessions.map((s) => s.id)).to.deep.equal(['s1', 's2']);
  });

  it('keeps local data whole through bad answers (an HTML page, a 500, another patient, a wrong type, no answer in time), says so, and recovers', async () => {
    const { a, b, courseId } = await twoDevices();
    await a.store.put(courseId, 'person', { ...(await a.store.requireCourse(courseId)).people[0]!, name: 'Secret Name' });
    const stranger = await newPatient();
    const bundle = (resource: unknown) => new Response(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource }] }), { status: 200, headers: { 'Content-Type': 'application/fhir+json' } });
    const goalOf = (patient: string) => ({ resourceType: 'Goal', id: 'g-x', meta: { versionId: '1', lastUpdated: new Date().toISOString() }, lifecycleStatus: 'active', description: { text: 'x' }, subject: { reference: patient } });
    const bad: Array<[string, (method: string) => Response | undefined]> = [
      ['an HTML error page', () => new Response('<html><body>Bad gateway</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } })],
      ['a 500', () => new Response('{"resourceType":"OperationOutcome"}', { status: 500, headers: { 'Content-Type': 'application/fhir+json' } })],
      ['an HTML page with 200', () => new Response('<html>Sign in</html>', { status: 200, headers: { 'Content-Type': 'text/html' } })],
      ["another patient's Goal", (m) => (m === 'GET' ? bundle(goalOf(stranger)) : undefined)],
      ['a resource of another type', (m) => (m === 'GET' ? bundle({ ...goalOf(a.patient), resourceType: 'Patient' }) : undefined)],
    ];
    for (const [i, [what, answer]] of bad.entries()) {
      if (i > 0) await a.store.put(courseId, 'person', { ...(await a.store.requireCourse(courseId)).people[0]!, name: `Secret Name ${i}` });
      const now = await a.course(courseId);
      a.answer = (method) => answer(method);
      const status = await a.sync.syncNow();
      expect(status.state, what).to.equal('error');
      // A bad answer to every request keeps the change waiting; one to the searches only does not stop
      // the push, which goes first.
      const getOnly = answer('PUT') === undefined;
      expect(status.waiting, `${what}: the change ${getOnly ? 'was pushed' : 'still waits'}`).to.equal(getOnly ? 0 : 1);
      expect(JSON.stringify(status), `${what}: the status quotes no value`).not.to.include('Secret');
      expect(await a.course(courseId), `${what}: nothing changed here`).to.deep.equal(now);
    }
    a.answer = undefined;
    await a.store.put(courseId, 'person', { ...(await a.store.requireCourse(courseId)).people[0]!, name: 'Secret Name late' });
    const waiting = await a.course(courseId);
    a.before = () => new Promise(() => {}); // a server that never answers
    a.sync.stop();
    a.start({ timeout: 300 });
    const late = await a.sync.syncNow();
    expect([late.state, late.error?.kind, late.waiting]).to.deep.equal(['offline', 'timeout', 1]);
    expect(await a.course(courseId)).to.deep.equal(waiting);
    a.before = undefined;
    a.sync.stop();
    a.start(); // the default timeout: HAPI takes more than 300 ms to write its CapabilityStatement
    expectIdle(await a.sync.syncNow(), 'the server answers again');
    await b.sync.syncNow();
    expect((await b.store.requireCourse(courseId)).people[0]!.name).to.equal('Secret Name late');
  });

  it("pulls a Goal another application changed, shows it, and keeps that application's extension at the next push", async () => {
    const { a, b, courseId, patient } = await twoDevices();
    const goal = (await serverResources('Goal', patient))[0];
    const extension = { url: 'https://ehr.example/fhir/StructureDefinition/reviewed-by', valueString: 'Dr. Who' };
    const changed = { ...goal, description: { text: 'Talk about chores once a week' }, extension: [...(goal.extension ?? []), extension] };
    delete changed.meta;
    const put = await fhir('PUT', `Goal/${goal.id}`, changed);
    expect(put.status).to.equal(200);
    await b.sync.syncNow();
    expect((await b.store.requireCourse(courseId)).goals[0]!.text).to.equal('Talk about chores once a week');
    await b.store.put(courseId, 'goal', { ...(await b.store.requireCourse(courseId)).goals[0]!, lifecycle: 'completed' });
    await b.sync.syncNow();
    const after = (await serverResources('Goal', patient))[0];
    expect(after.lifecycleStatus).to.equal('completed');
    expect(after.extension).to.deep.include(extension);
    expect(issuesOf(after)).to.deep.equal([]);
    await a.sync.syncNow();
    expect((await a.store.requireCourse(courseId)).goals[0]!.lifecycle).to.equal('completed');
  });

  it('keeps no plaintext of the outbox or of the server copies at rest when the store has a key', async () => {
    const patient = await newPatient();
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const database = uniqueDb('sealed-sync');
    const a = await Device.open(patient, database, { key });
    const state = patientCourse(patient);
    state.people[0] = { ...state.people[0]!, name: 'Zebulon Quartermain' };
    await importInto(a.store, state);
    await a.store.put(state.course.id, 'goal', { ...state.goals[0]!, text: 'Visit Zebulon weekly' });
    const raw = async (table: string) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(database);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const rows = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction(table).objectStore(table).getAll();
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return JSON.stringify(rows, (_k, v) => (v instanceof ArrayBuffer ? `[${v.byteLength} bytes]` : v));
    };
    expect(await raw('outbox')).not.to.include('Zebulon');
    expect(await raw('outbox')).to.include('goal');
    await a.sync.syncNow();
    const synced = await raw('sync');
    expect(synced).to.include('bytes');
    expect(synced).not.to.include('Zebulon');
    expect(synced, 'the patient is not named in the keys').not.to.include(patient.slice('Patient/'.length));
    const b = await Device.open(patient);
    await b.sync.syncNow();
    expect((await b.store.requireCourse(state.course.id)).people[0]!.name).to.equal('Zebulon Quartermain');
  });

  it("leaves another patient's courses alone and refuses bad options with clear errors", async () => {
    const patient = await newPatient();
    const store = await open(uniqueDb('others'));
    await importInto(store, patientCourse('Patient/somebody-else'));
    const a = new Device(store, patient);
    a.start();
    expect((await a.sync.syncNow()).waiting).to.equal(0);
    expect(a.requests.filter((r) => !r.startsWith('GET'))).to.deep.equal([]);
    expect(() => a.start({ patient: 'not a reference' })).to.throw(/Invalid patient/);
    expect(() => a.start({ baseUrl: 'ftp://x' })).to.throw();
    expect(() => new Device({} as never, patient).start()).to.throw(/Invalid store/);
  });
});
