import { COLLECTION, type CourseState } from '../model/document.js';
import type { Course, Entity } from '../model/schemas.js';

/** A record a committed action wrote (its envelope's `data`, validated, merged and in clear), or removed (no envelope). */
export interface Written {
  entity: Entity;
  id: string;
  envelope?: { data: unknown } | undefined;
}

/** How many courses a store keeps read; the one read longest ago goes first. */
const SIZE = 16;

/** Freezes a state and everything in it: it is shared by every reader, so none may change it. */
function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freeze(v);
  }
  return value;
}

/**
 * The state after an action: a copy of each record put in its place, ordered by id within its
 * kind as the store reads them, and each removed record gone. The state given is not changed, and
 * what the write returned to its caller stays the caller's.
 */
export function withWritten(state: CourseState, written: readonly Written[]): CourseState {
  const next = { ...state };
  for (const w of written) {
    const data = structuredClone(w.envelope?.data);
    if (w.entity === 'course') {
      if (data) next.course = data as Course;
      continue;
    }
    const key = COLLECTION[w.entity];
    const list = (next[key] as Array<{ id: string }>).filter((r) => r.id !== w.id);
    if (data) {
      const at = list.findIndex((r) => r.id > w.id);
      list.splice(at < 0 ? list.length : at, 0, data as { id: string });
    }
    (next as Record<string, unknown>)[key] = list;
  }
  return next;
}

interface Entry {
  read: Promise<CourseState | undefined>;
  /** The course once the read is done and found it. */
  state?: CourseState;
}

/**
 * The courses a store has read, shared by every reader: the widgets of a page that show one course
 * make one read of it, and a read after this store's own write costs no read at all (the write is
 * applied to what was read). A change heard from another tab, or any write whose result is not
 * known here, drops the course, and the next reader reads it again. States are frozen.
 */
export class CourseCache {
  #entries = new Map<string, Entry>();

  /** The course, read by `read` unless it is already read or being read. */
  get(courseId: string, read: () => Promise<CourseState | undefined>): Promise<CourseState | undefined> {
    const hit = this.#entries.get(courseId);
    if (hit) return this.#use(courseId, hit);
    const entry: Entry = { read: Promise.resolve(undefined) };
    entry.read = read().then(
      (state) => {
        entry.state = freeze(state);
        return entry.state;
      },
      (error: unknown) => {
        if (this.#entries.get(courseId) === entry) this.#entries.delete(courseId);
        throw error;
      },
    );
    return this.#use(courseId, entry);
  }

  /** Sets the course's entry as the most recently used (the oldest is the first to go) and resolves as it does. */
  #use(courseId: string, entry: Entry): Promise<CourseState | undefined> {
    this.#entries.delete(courseId);
    this.#entries.set(courseId, entry);
    if (this.#entries.size > SIZE) this.#entries.delete(this.#entries.keys().next().value!);
    return entry.read;
  }

  /** The course as read, when it is read (not while a read is under way). */
  peek(courseId: string): CourseState | undefined {
    return this.#entries.get(courseId)?.state;
  }

  /**
   * This store committed `written` to the course: a state already read takes it in; a read under way
   * is dropped, and so is a state with records set aside (the write may have removed one of them).
   */
  wrote(courseId: string, written: readonly Written[]): void {
    const entry = this.#entries.get(courseId);
    if (!entry?.state || entry.state.setAside) return this.drop(courseId);
    const state = freeze(withWritten(entry.state, written));
    this.#use(courseId, { read: Promise.resolve(state), state });
  }

  /** Forgets the course (or every course): the next reader reads it from storage. */
  drop(courseId?: string): void {
    if (courseId === undefined) this.#entries.clear();
    else this.#entries.delete(courseId);
  }
}
