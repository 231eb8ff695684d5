// The second device's page (see plugin.js): a store on this browser context's own IndexedDB and its
// sync, driven by calls from the test page. Arguments and results are JSON.
import type { Entity } from '../../../src/model/index.js';
import { Device } from '../helpers.js';

let device: Device | undefined;
const the = () => {
  if (!device) throw new Error('the device is not open');
  return device;
};

(window as unknown as { device: Record<string, (...args: any[]) => Promise<unknown>> }).device = {
  async open(patient: string) {
    device = await Device.open(patient);
  },
  async put(courseId: string, entity: Entity, record: Record<string, unknown>) {
    await the().store.put(courseId, entity as never, record as never);
  },
  async remove(courseId: string, entity: Entity, id: string) {
    await the().store.remove(courseId, entity as never, id);
  },
  async state(courseId: string) {
    return the().store.requireCourse(courseId);
  },
  async course(courseId: string) {
    return the().course(courseId);
  },
  async syncNow() {
    return the().sync.syncNow();
  },
  async conflicts() {
    return the().sync.conflicts();
  },
  async resolve(conflict: { courseId: string; entity: Entity; id: string }, choice: 'mine' | 'theirs') {
    return the().sync.resolve(conflict, choice);
  },
  async offline(on: boolean) {
    the().offline = on;
  },
  /** The IndexedDB databases this context holds: the storage is its own. */
  async databases() {
    return (await indexedDB.databases()).map((d) => d.name);
  },
};
