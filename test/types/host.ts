/**
 * A type-level test, checked by `npm run typecheck` (never run): host code written against the
 * package's types. Each @ts-expect-error fails the type check if the error it expects goes away,
 * so the tags and events are proven typed both ways: what is there, and what is not.
 */
import 'ipt-elements/define';
import type { IptGoalChecklist, IptDisputeStageChangeDetail, IptStore } from 'ipt-elements';
import type { Change, Committed } from 'ipt-elements/model';
import type { Change as StoreChange, Committed as StoreCommitted } from 'ipt-elements/store';

export function host(): void {
  const checklist = document.querySelector('ipt-goal-checklist');
  const typed: IptGoalChecklist | null = checklist;
  checklist?.addEventListener('ipt-goal-change', (e) => {
    const id: string = e.detail.goalId;
    const lifecycle: 'proposed' | 'planned' | 'accepted' | 'active' | 'on-hold' | 'completed' | 'cancelled' | 'entered-in-error' | 'rejected' = e.detail.to.lifecycle;
    // @ts-expect-error event details carry ids and codes, never the goal's text
    void e.detail.text;
    void [id, lifecycle, typed];
  });
  document.addEventListener('ipt-dispute-stage-change', (e) => {
    const detail: IptDisputeStageChangeDetail = e.detail;
    // @ts-expect-error the stage is one of three
    const wrong: typeof detail.to = 'resolved';
    void wrong;
  });
  const circle = document.createElement('ipt-relationship-circle');
  circle.rings = 4;
  circle.courseId = 'c1';
  document.querySelector('ipt-course')!.readonly = true;
  document.querySelector('ipt-session-counter')?.addEventListener('ipt-session-logged', (e) => void e.detail.number);
  // @ts-expect-error not an event of ipt-elements: the listener gets a plain Event
  document.addEventListener('ipt-goal-changed', (e: CustomEvent<{ goalId: string }>) => void e);
}

/** The store's write types are the model's, whichever entry the host imports them from. */
export async function hostWrite(store: IptStore, change: Change): Promise<void> {
  const same: StoreChange = change;
  const done: StoreCommitted = await store.write('c1', [same]);
  const committed: Committed = done;
  void [committed.changes[0]?.op, committed.before?.course.id, committed.after?.goals];
  // @ts-expect-error a summary carries ids and codes, never a record
  void committed.changes[0]?.record;
}
