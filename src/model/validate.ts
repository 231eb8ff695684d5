import * as v from 'valibot';
import { ENTITY_SCHEMAS, type Entity, type EntityTypes } from './schemas.js';
import { invalidInput } from './errors.js';

/**
 * Validates a record of one entity and returns it with defaults filled in and text trimmed.
 * Throws an IptError `invalid-input` whose message names each field at fault.
 */
export function validate<E extends Entity>(entity: E, value: unknown): EntityTypes[E] {
  const result = v.safeParse(ENTITY_SCHEMAS[entity] as v.GenericSchema, value);
  if (!result.success) throw invalidInput(entity, result.issues);
  return result.output as EntityTypes[E];
}
