import type { Entity } from '../model/schemas.js';

/** The primary key of a stored record: course, kind of record, id. Holds no user text. */
export type Key = [courseId: string, entity: Entity, id: string];

/**
 * A record as it lies in storage. The envelope's fields are ids, numbers and enum values only,
 * so that indexes and keys never hold user text; `data` is the validated record.
 */
export interface Envelope {
  courseId: string;
  entity: Entity;
  id: string;
  /** Revision: 1 when first written, one more at each write. */
  rev: number;
  /** When it was last written (ms since the epoch). */
  updated: number;
  /** The id of the record this one refers to (a dispute's person, a measure's session): see REFERENCES. */
  ref?: string;
  data: unknown;
}

export const keyOf = (e: Pick<Envelope, 'courseId' | 'entity' | 'id'>): Key => [e.courseId, e.entity, e.id];

/**
 * The tables of a database, each keyed like records (course, kind, id): `records`, the course data;
 * `outbox`, one entry per record changed since the sync last pushed it (written in the same
 * transaction as the change; ids, a revision and the operation only, never user text); `sync`, what
 * the sync knows of the server (the server's copy of each resource, sealed like records with a key).
 */
export type Table = 'records' | 'outbox' | 'sync';

/** What a backend offers both on its own and inside a transaction: the whole database, and its settings. */
export interface WholeDatabase {
  /** Every record of every course (of a table: default records). */
  all(table?: Table): Promise<Envelope[]>;
  /** A setting of the database itself (holds no user text). */
  getMeta(name: string): Promise<unknown>;
  setMeta(name: string, value: unknown): Promise<void>;
}

/**
 * What a backend offers inside one transaction. Every call resolves through the backend's own
 * storage only: callers must not await anything else between them (IndexedDB would commit).
 */
export interface TxView extends WholeDatabase {
  get(key: Key, table?: Table): Promise<Envelope | undefined>;
  /** Every record of a course, or of one kind in a course, in key order. */
  range(courseId: string, entity?: Entity, table?: Table): Promise<Envelope[]>;
  put(envelope: Envelope, table?: Table): Promise<void>;
  delete(key: Key, table?: Table): Promise<void>;
  deleteCourse(courseId: string, table?: Table): Promise<void>;
}

export type StorageKind = 'indexeddb' | 'memory';

/** Where records live: IndexedDB or memory. The store above it owns every rule. */
export interface Backend extends WholeDatabase {
  readonly kind: StorageKind;
  read(courseId: string, table?: Table): Promise<Envelope[]>;
  courseIds(): Promise<string[]>;
  /** Runs `fn` in one atomic read-write transaction: all its writes land, or none. */
  transact<T>(fn: (tx: TxView) => Promise<T>): Promise<T>;
  close(): void;
}
