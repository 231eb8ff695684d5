import type { Entity } from '../model/schemas.js';
import type { Backend, Envelope, Key, Table, TxView } from './backend.js';

const inner = (entity: Entity, id: string) => `${entity}\u0000${id}`;
const byKey = (a: Envelope, b: Envelope) =>
  a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Keeps records in this page's memory only: nothing reaches the disk, everything is gone on reload.
 * Transactions write to an overlay that is applied only when the whole function succeeds.
 */
export class MemoryBackend implements Backend {
  readonly kind = 'memory' as const;
  /** Each table's records, by course, then by kind and id. */
  #tables: Record<Table, Map<string, Map<string, Envelope>>> = { records: new Map(), outbox: new Map(), sync: new Map() };
  get #courses() {
    return this.#tables.records;
  }

  async read(courseId: string, table: Table = 'records'): Promise<Envelope[]> {
    return [...(this.#tables[table].get(courseId)?.values() ?? [])].sort(byKey).map((e) => structuredClone(e));
  }

  async all(table: Table = 'records'): Promise<Envelope[]> {
    return (await Promise.all([...this.#tables[table].keys()].map((id) => this.read(id, table)))).flat();
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
    // Per table: the writes staged by course (null: deleted), and the courses cleared.
    const pending = new Map<Table, Map<string, Map<string, Envelope | null>>>();
    const cleared = new Map<Table, Set<string>>();
    const at = <V>(map: Map<Table, V>, table: Table, make: () => V): V => {
      let v = map.get(table);
      if (!v) map.set(table, (v = make()));
      return v;
    };
    const staged = (table: Table, courseId: string) => {
      const courses = at(pending, table, () => new Map<string, Map<string, Envelope | null>>());
      let m = courses.get(courseId);
      if (!m) courses.set(courseId, (m = new Map()));
      return m;
    };
    const base = (table: Table, courseId: string) => (cleared.get(table)?.has(courseId) ? undefined : this.#tables[table].get(courseId));
    const meta = new Map<string, unknown>();
    const view: TxView = {
      all: async (table = 'records') =>
        (await Promise.all([...new Set([...this.#tables[table].keys(), ...(pending.get(table)?.keys() ?? [])])].map((id) => view.range(id, undefined, table)))).flat(),
      getMeta: async (name) => structuredClone(meta.has(name) ? meta.get(name) : this.#meta.get(name)),
      setMeta: async (name, value) => void meta.set(name, structuredClone(value)),
      get: async ([courseId, entity, id]: Key, table = 'records') => {
        const k = inner(entity, id);
        const p = pending.get(table)?.get(courseId);
        const found = p?.has(k) ? p.get(k) : base(table, courseId)?.get(k);
        return found ? structuredClone(found) : undefined;
      },
      range: async (courseId, entity, table = 'records') => {
        const merged = new Map(base(table, courseId) ?? []);
        for (const [k, v] of pending.get(table)?.get(courseId) ?? []) {
          if (v) merged.set(k, v);
          else merged.delete(k);
        }
        return [...merged.values()].filter((e) => !entity || e.entity === entity).sort(byKey).map((e) => structuredClone(e));
      },
      put: async (e, table = 'records') => {
        staged(table, e.courseId).set(inner(e.entity, e.id), structuredClone(e));
      },
      delete: async ([courseId, entity, id], table = 'records') => {
        staged(table, courseId).set(inner(entity, id), null);
      },
      deleteCourse: async (courseId, table = 'records') => {
        at(cleared, table, () => new Set<string>()).add(courseId);
        pending.get(table)?.delete(courseId);
      },
    };
    const result = await fn(view);
    for (const [name, value] of meta) this.#meta.set(name, value);
    for (const [table, courses] of cleared) for (const courseId of courses) this.#tables[table].delete(courseId);
    for (const [table, courses] of pending) {
      for (const [courseId, writes] of courses) {
        let recs = this.#tables[table].get(courseId);
        if (!recs) this.#tables[table].set(courseId, (recs = new Map()));
        for (const [k, v] of writes) {
          if (v) recs.set(k, v);
          else recs.delete(k);
        }
        if (recs.size === 0) this.#tables[table].delete(courseId);
      }
    }
    return result;
  }

  close(): void {}
}
