import type { BaseIssue } from 'valibot';

/**
 * The codes an `ipt-error` event and a rejected store call carry.
 * - `invalid-input`: a value broke the model's rules; nothing was written.
 * - `not-found`: the course or record named does not exist.
 * - `storage-unavailable`: IndexedDB is missing, refused or hung; the store keeps data in memory only.
 * - `blocked`: an upgrade of the database waits for another tab to close its connection.
 * - `terminated`: the browser closed the connection and it could not be reopened.
 * - `version`: the database was written by a newer ipt-elements; reload the page.
 * - `quota-exceeded`: the browser refused the write for lack of space; nothing was written.
 * - `aborted`: the transaction failed for another reason; nothing was written.
 * - `locked`: the stored data is encrypted and the key is missing or wrong.
 * - `conflict`: the record was changed elsewhere (another tab) since it was read, in the same
 *   fields; nothing was written, and the widget keeps what was typed.
 * - `unreadable`: a stored record (or the key check) does not validate, or does not decrypt with the
 *   store's key: it is set aside, left in storage as it is (see `CourseState.setAside`).
 */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'storage-unavailable'
  | 'blocked'
  | 'terminated'
  | 'version'
  | 'quota-exceeded'
  | 'aborted'
  | 'locked'
  | 'conflict'
  | 'unreadable';

/**
 * What rule a field broke, for the words a person reads next to it (the message is for
 * developers): `required`, `long` (at most `limit` characters), `low` / `high` (at least / at most
 * `limit`), `whole` (a whole number), `order` (an end before its start), `future` (after today),
 * `date` (not a real date as the field writes dates).
 */
export interface Rule {
  kind: 'required' | 'long' | 'low' | 'high' | 'whole' | 'order' | 'future' | 'date' | 'invalid';
  limit?: number;
}

/** The message of an end date before its start (schemas.ts), which is the rule `order`. */
export const BEFORE_START = 'must not be before start';
/** The message of a value that is not a real YYYY-MM-DD date (primitives.ts), which is the rule `date`. */
export const NOT_A_DATE = 'must be a real date written as YYYY-MM-DD';

/** An error with a stable code. Its message names the field at fault and never quotes user text. */
export class IptError extends Error {
  override name = 'IptError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Dotted path of the field at fault, when one is. */
    readonly field?: string,
    options?: { cause?: unknown; rule?: Rule },
  ) {
    super(message, options);
    if (options?.rule) this.rule = options.rule;
  }

  /** The rule the field broke, when the error is about one field's value. */
  declare readonly rule?: Rule;
}

function describe(issue: BaseIssue<unknown>): string {
  // Messages of validations are ours (see primitives.ts and schemas.ts). Type errors get one
  // built here from what was expected, never from what was received: that may be health data.
  if (issue.kind !== 'schema') return issue.message;
  if (issue.input === undefined) return 'is required';
  if (issue.type === 'picklist' || issue.type === 'literal') return `must be one of ${issue.expected?.replace(/ \| /g, ', ')}`;
  return `must be ${/^[aeiou]/.test(issue.expected ?? '') ? 'an' : 'a'} ${issue.expected}`;
}

const pathOf = (issue: BaseIssue<unknown>) => (issue.path ?? []).map((p) => String(p.key)).join('.');

const KINDS: Record<string, Rule['kind']> = { max_length: 'long', min_value: 'low', max_value: 'high', integer: 'whole', number: 'whole' };

/** The rule an issue says was broken (never anything of its input but whether there was one). */
function ruleOf(issue: BaseIssue<unknown>): Rule {
  const limit = typeof issue.requirement === 'number' ? issue.requirement : undefined;
  if (issue.input === undefined || (issue.type === 'min_length' && limit === 1)) return { kind: 'required' };
  const kind = KINDS[issue.type] ?? (issue.message === BEFORE_START ? 'order' : issue.message === NOT_A_DATE ? 'date' : 'invalid');
  return limit === undefined ? { kind } : { kind, limit };
}

/** Turns validation issues into one IptError whose message names every field at fault. */
export function invalidInput(subject: string, issues: readonly BaseIssue<unknown>[]): IptError {
  const parts = issues.map((i) => `${pathOf(i) || subject} ${describe(i)}`);
  const first = issues[0] ? pathOf(issues[0]) : '';
  return new IptError('invalid-input', `Invalid ${subject}: ${parts.join('; ')}`, first || undefined, issues[0] ? { rule: ruleOf(issues[0]) } : undefined);
}
