import { IptError } from './errors.js';
import { realDate } from './dates.js';
import { DISPUTE_STAGES, type Dispute, type DisputeStage, type StageMove } from './schemas.js';

type Outcome = NonNullable<Dispute['outcome']>;

/**
 * The stages an open dispute may move to: any other stage, either way (IPT.md: the therapist
 * does not push an outcome). A closed dispute moves nowhere until it is reopened.
 */
export function allowedMoves(dispute: Pick<Dispute, 'stage' | 'outcome'>): DisputeStage[] {
  if (dispute.outcome !== undefined) return [];
  return DISPUTE_STAGES.filter((s) => s !== dispute.stage);
}

export interface MoveContext {
  date: string;
  session?: number;
  note?: string;
}

function entry(move: StageMove): StageMove {
  const out: StageMove = { to: move.to, date: move.date };
  if (move.from !== undefined) out.from = move.from;
  if (move.session !== undefined) out.session = move.session;
  if (move.note) out.note = move.note;
  return out;
}

/** The first history entry of a new dispute at `stage`. */
export function firstStage(stage: DisputeStage, at: MoveContext): StageMove[] {
  return [entry({ to: stage, ...at })];
}

/**
 * Moves a dispute to another stage and records the move. Throws `invalid-input` for a move not
 * allowed, one dated before the dispute opened or before its previous move, or one dated after
 * `today` when it is given.
 */
export function moveStage(dispute: Dispute, to: DisputeStage, at: MoveContext, today?: string): Dispute {
  realDate(at.date);
  if (today && at.date > today) throw new IptError('invalid-input', 'Invalid date: a stage move cannot be dated after today', 'date', { rule: { kind: 'future' } });
  const dates = dispute.history.map((m) => m.date);
  if (at.date < dates[0]!) throw new IptError('invalid-input', 'Invalid date: a stage move cannot be dated before the dispute opened', 'date');
  if (dates.some((d) => at.date < d)) throw new IptError('invalid-input', 'Invalid date: a stage move cannot be dated before its previous move', 'date');
  if (!allowedMoves(dispute).includes(to)) {
    const why =
      dispute.outcome !== undefined
        ? 'the dispute is closed'
        : DISPUTE_STAGES.includes(to)
          ? `it is already at ${to}`
          : `stage must be one of ${DISPUTE_STAGES.join(', ')}`;
    throw new IptError('invalid-input', `Invalid stage move: ${why}`, 'stage');
  }
  return { ...dispute, stage: to, history: [...dispute.history, entry({ from: dispute.stage, to, ...at })] };
}

/** Closes a dispute with an outcome on a date. */
export function closeDispute(dispute: Dispute, outcome: Outcome, date: string): Dispute {
  if (dispute.outcome !== undefined) throw new IptError('invalid-input', 'Invalid close: the dispute is already closed', 'outcome');
  return { ...dispute, outcome, closed: date };
}

/** Reopens a closed dispute at the stage it had. */
export function reopenDispute(dispute: Dispute): Dispute {
  const { outcome: _o, closed: _c, ...open } = dispute;
  return open;
}

/** The history in the order it happened (by date; entries of one day keep their order). */
export function stageHistory(dispute: Dispute): StageMove[] {
  return dispute.history.map((m, i) => [m, i] as const).sort(([a, i], [b, j]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : i - j)).map(([m]) => m);
}

/** Disputes in the order they were opened (the date of their first stage, then id). */
export function disputesInOrder(disputes: readonly Dispute[]): Dispute[] {
  const key = (d: Dispute) => `${d.history[0]!.date} ${d.id}`;
  return [...disputes].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}
