import type { Entity } from '../model/schemas.js';
import type { Backend, Envelope, Key, TxView } from './backend.js';

const inner = (entity: Entity, id: string) => `${entity}\u0000${id}`;
const byKey = (a: Envelope, b: Envelope) =>
  a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Keeps records in this page's memory only: nothing reaches the disk, everything is gone on reload.
 * Transactions write to an overlay that is applied only when the whole function succeeds.
 */
export class MemoryBackend implements Backend {
  readonly kind = 'memory' as const;
  #courses = new Map<string, Map<string, Envelope>>();

  async read(courseId: string): Promise<Envelope[]> {
    return [...(this.#courses.get(courseId)?.values() ?? [])].sort(byKey).map((e) => structuredClone(e));
  }

  async all(): Promise<Envelope[]> {
    return (await Promise.all([...this.#courses.keys()].map((id) => this.read(id)))).flat();
  }

  #meta = new Map<string, unknown>();
  async getMeta(name: string): Promise<unknown> {
    return structuredClone(this.#meta.get(name));
  }

  async setMeta(name: string, value: unknown): Promise<void> {
    this.#meta.set(name, structuredClone(value));
  }

  async courseIds(): Promise<string[]> {
    return [...this.#courses.entries()].filter(([id, recs]) => recs.has(inner('course', id))).map(([id]) => id).sort();
  }

  /** Transactions run one after another, as IndexedDB runs read-write transactions on one store. */
  #queue: Promise<unknown> = Promise.resolve();

  transact<T>(fn: (tx: TxView) => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#run(fn));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run<T>(fn: (tx: TxView) => Promise<T>): Promise<T> {
    const pending = new Map<string, Map<string, Envelope | null>>();
    const cleared = new Set<string>();
    const staged = (courseId: string) => {
      let m = pending.get(courseId);
      if (!m) pending.set(courseId, (m = new Map()));
      return m;
    };
    const base = (courseId: string) => (cleared.has(courseId) ? undefined : this.#courses.get(courseId));
    const meta = new Map<string, unknown>();
    const view: TxView = {
      all: async () => (await Promise.all([...new Set([...this.#courses.keys(), ...pending.keys()])].map((id) => view.range(id)))).flat(),
      getMeta: async (name) => structuredClone(meta.has(name) ? meta.get(name) : this.#meta.get(name)),
      setMeta: async (name, value) => void meta.set(name, structuredClone(value)),
      get: async ([courseId, entity, id]: Key) => {
        const k = inner(entity, id);
        const p = pending.get(courseId);
        const found = p?.has(k) ? p.get(k) : base(courseId)?.get(k);
        return found ? structuredClone(found) : undefined;
      },
      range: async (courseId, entity) => {
        const merged = new Map(base(courseId) ?? []);
        for (const [k, v] of pending.get(courseId) ?? []) {
          if (v) merged.set(k, v);
          else merged.delete(k);
        }
        return [...merged.values()].filter((e) => !entity || e.entity === entity).sort(byKey).map((e) => structuredClone(e));
      },
      put: async (e) => {
        staged(e.courseId).set(inner(e.entity, e.id), structuredClone(e));
      },
      delete: async ([courseId, entity, id]) => {
        staged(courseId).set(inner(entity, id), null);
      },
      deleteCourse: async (courseId) => {
        cleared.add(courseId);
        pending.delete(courseId);
      },
    };
    const result = await fn(view);
    for (const [name, value] of meta) this.#meta.set(name, value);
    for (const courseId of cleared) this.#courses.delete(courseId);
    for (const [courseId, writes] of pending) {
      let recs = this.#courses.get(courseId);
      if (!recs) this.#courses.set(courseId, (recs = new Map()));
      for (const [k, v] of writes) {
        if (v) recs.set(k, v);
        else recs.delete(k);
      }
      if (recs.size === 0) this.#courses.delete(courseId);
    }
    return result;
  }

  close(): void {}
}
