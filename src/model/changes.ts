import type { CourseState, RecordEntity } from './document.js';
import type { Entity, EntityInputs } from './schemas.js';

/**
 * One write a user action makes. A list of them is written in one transaction. A put that gives
 * `base`, the record as the editor read it, is merged field by field with what is stored now (see
 * `merge`): changes made elsewhere to other fields are kept, and a field changed on both sides is
 * refused with `conflict`. A put without `base` replaces the record (the later write wins). A
 * delete that gives `base` is refused with `conflict` when the record was changed since it was read.
 */
export type Change =
  | {
      [E in Entity]: { op: 'put'; entity: E; record: EntityInputs[E] | Omit<EntityInputs[E], 'courseId'>; base?: EntityInputs[E] | Omit<EntityInputs[E], 'courseId'> };
    }[Entity]
  | { op: 'delete'; entity: RecordEntity; id: string; base?: EntityInputs[RecordEntity] | Omit<EntityInputs[RecordEntity], 'courseId'> };

/** What a change did, in ids and enum values only: safe to put in an event's detail. */
export interface ChangeSummary {
  entity: Entity;
  id: string;
  op: 'create' | 'update' | 'delete' | 'import';
}

/** What a write committed (see the store's `write`): what it did, and the course before and after it. */
export interface Committed {
  changes: ChangeSummary[];
  /** The course as the store had read it just before the write was applied; undefined when it held no read of it. */
  before: CourseState | undefined;
  /** The course after the write: frozen and shared, the very state the store's next `getCourse` gives. */
  after: CourseState | undefined;
}
