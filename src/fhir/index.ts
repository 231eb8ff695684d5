/**
 * FHIR R4 export and import of a course: `toFhirBundle` turns a course document into a Bundle
 * (collection, or transaction for upload to a FHIR server), `fromFhirBundle` turns one back into a
 * validated course document for `store.importCourse`. Pure functions: no DOM, no store, no network.
 * Not part of the main bundle: import `ipt-elements/fhir`, or load `ipt-elements.fhir.min.js`
 * after `ipt-elements.min.js` (global `IptElementsFhir`).
 * @module
 */
export { toFhirBundle, type FhirExportOptions } from './export.js';
export { fromFhirBundle, IMPORTED_BUNDLE_TYPES, type FhirImportOptions } from './import.js';
export {
  FHIR_BASE,
  IDENTIFIER_BASE,
  IDENTIFIER_SYSTEMS,
  CODE_SYSTEMS,
  EXTENSIONS,
  RESOURCE_TYPES,
  SNOMED,
  IPT_PROCEDURE,
  LOINC,
  LOINC_CODES,
  LOINC_PANELS,
  LOINC_ITEMS,
  LOINC_FREQUENCY_ANSWERS,
  LOINC_DIFFICULTY,
  LOINC_DIFFICULTY_ANSWERS,
  type FhirKind,
} from './codes.js';
export { isFhirReference } from './patient.js';
export type { FhirBundle, FhirBundleEntry, FhirBundleRequest, FhirExtension, FhirResource } from './types.js';
