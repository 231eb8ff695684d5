/**
 * The FhirClient's arguments, checked before anything is sent: a bad one rejects with an IptError
 * `invalid-input` naming it, and no request goes out.
 */
import { IptError } from '../model/index.js';
import { FHIR_ID, RESOURCE_TYPE, instantMs } from './answers.js';

export type SearchParams = URLSearchParams | Record<string, string | readonly string[]>;

/** A literal patient reference: `Patient/<id>`, or an absolute URL ending so. */
export const PATIENT = /^(?:https?:\/\/[^\s?#]+\/)?Patient\/[A-Za-z0-9.-]{1,64}$/;

/** Refuses an argument: `invalid-input` naming the field. */
export function argument(ok: boolean, field: string, message: string): void {
  if (!ok) throw new IptError('invalid-input', `FhirClient: ${field} ${message}`, field);
}
export const checkType = (type: unknown, field = 'type'): string => {
  argument(typeof type === 'string' && RESOURCE_TYPE.test(type), field, 'must be a FHIR resource type');
  return type as string;
};
export const checkId = (id: unknown, field: string): string => {
  argument(typeof id === 'string' && FHIR_ID.test(id), field, 'must be a FHIR id');
  return id as string;
};
export const checkPatient = (patient: unknown, field = 'patient'): string => {
  argument(typeof patient === 'string' && PATIENT.test(patient), field, 'must be a literal reference to a Patient (Patient/<id>)');
  return patient as string;
};
export const checkInstant = (instant: unknown, field: string): string => {
  argument(typeof instant === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(instant) && !Number.isNaN(instantMs(instant)), field, 'must be a FHIR instant');
  return instant as string;
};

/** Search parameters as a query. */
export function toParams(params: SearchParams): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    for (const one of typeof value === 'string' ? [value] : value) query.append(name, one);
  }
  return query;
}
