/**
 * The course's patient as FHIR: the reference every resource names as its subject, and in a
 * transaction the scope of every conditional request (`&patient=…`), so that two patients' courses
 * with the same id stay apart on one server. Messages name the field, never the value: it
 * identifies a patient.
 * @module
 */
import { IptError } from '../model/index.js';

const TYPE = '[A-Z][A-Za-z]{0,63}';
const FHIR_ID = '[A-Za-z0-9.-]{1,64}';
const PARAM = '[A-Za-z_][A-Za-z0-9_.:-]*=[^\\s&#]+';
/** `Type/id`. */
const RELATIVE = new RegExp(`^(${TYPE})/${FHIR_ID}$`);
/** `Type?name=value&…`: a conditional reference, which the server resolves by search. */
const CONDITIONAL = new RegExp(`^(${TYPE})\\?(${PARAM}(?:&${PARAM})*)$`);
/** An absolute http(s) URL; the type is read from a trailing `/Type/id` (and `/_history/v`). */
const ABSOLUTE = /^https?:\/\/[^\s/?#@]+(\/[^\s#]*)?$/;
const ABSOLUTE_TYPE = new RegExp(`/(${TYPE})/${FHIR_ID}(/_history/${FHIR_ID})?$`);
const URN = /^urn:(uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|oid:[0-2](\.(0|[1-9]\d*))+)$/i;

const refuse = (message: string) => new IptError('invalid-input', `Invalid FHIR export: ${message}`, 'course.patient');

/** The resource type a reference names, when it names one. */
function typeOf(reference: string): string | undefined {
  return (RELATIVE.exec(reference) ?? CONDITIONAL.exec(reference) ?? (ABSOLUTE.test(reference) ? ABSOLUTE_TYPE.exec(reference.replace(/\?.*$/, '')) : null))?.[1];
}

/** True when `value` is a FHIR reference: `Type/id`, `Type?params`, an http(s) URL, `urn:uuid:` or `urn:oid:`. */
export const isFhirReference = (value: string): boolean => RELATIVE.test(value) || CONDITIONAL.test(value) || ABSOLUTE.test(value) || URN.test(value);

/**
 * Checks the course's patient before it becomes `subject.reference`: absent or '' (no patient) is
 * allowed in a collection; anything else must be a FHIR reference. A transaction needs a patient,
 * and one that is a Patient when the reference names its type.
 */
export function checkPatient(patient: string | undefined, type: 'collection' | 'transaction'): void {
  if (patient && !isFhirReference(patient)) {
    throw refuse('course.patient must be a FHIR reference (Patient/123, Patient?identifier=…, an http(s) URL, urn:uuid:, urn:oid:): it is the subject of every resource');
  }
  if (type !== 'transaction') return;
  if (!patient) {
    throw refuse("a transaction needs course.patient: its requests are scoped to the patient, so that two patients' courses with the same id do not overwrite each other");
  }
  const named = typeOf(patient);
  if (named !== undefined && named !== 'Patient') {
    throw refuse('a transaction needs course.patient to refer to a Patient (the patient search parameter matches Patients only)');
  }
}

/**
 * The search parameters that scope a conditional request to the patient: `patient=<reference>`
 * (escaped, keeping `:` and `/` as they are), or for a conditional reference `Patient?a=b` the
 * chained `patient.a=b`, which finds the same patient.
 */
export function patientSearch(patient: string): string {
  const conditional = CONDITIONAL.exec(patient);
  if (conditional) return conditional[2]!.split('&').map((p) => `patient.${p}`).join('&');
  return `patient=${encodeURIComponent(patient).replace(/%3A/g, ':').replace(/%2F/g, '/')}`;
}
