import type * as z from 'zod/mini';

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
  | 'locked';

/** An error with a stable code. Its message names the field at fault and never quotes user text. */
export class IptError extends Error {
  override name = 'IptError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Dotted path of the field at fault, when one is. */
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' || (issue.message && issue.message !== 'Invalid input')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : ''}`;
    case 'unrecognized_keys':
      return `has unknown fields ${issue.keys.join(', ')}`;
    default:
      return 'is not valid';
  }
}

/**
 * Turns zod issues into one IptError whose message names every field at fault.
 * Parse with `reportInput: true` so that a missing field reads "is required"; the input itself is
 * never copied into the message (it may be health information).
 */

export function invalidInput(subject: string, issues: readonly z.core.$ZodIssue[]): IptError {
  const parts = issues.map((i) => {
    const path = i.path.map(String).join('.');
    return `${path || subject} ${describe(i)}`;
  });
  const first = issues[0]?.path.map(String).join('.');
  return new IptError('invalid-input', `Invalid ${subject}: ${parts.join('; ')}`, first || undefined);
}
