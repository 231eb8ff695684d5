/**
 * The small part of FHIR R4's JSON this mapping writes. Loose on purpose: the package carries no
 * FHIR type library; the tests validate the output against the R4 definitions.
 */

/** An extension: `url` and one `value[x]`, or sub-extensions. */
export interface FhirExtension {
  url: string;
  extension?: FhirExtension[];
  [value: `value${string}`]: unknown;
}

/** A FHIR resource as JSON. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  [element: string]: unknown;
}

/** How a transaction entry is written to the server. */
export interface FhirBundleRequest {
  method: 'PUT' | 'POST';
  url: string;
  ifNoneExist?: string;
}

export interface FhirBundleEntry {
  fullUrl: string;
  resource: FhirResource;
  request?: FhirBundleRequest;
}

/** The Bundle toFhirBundle makes. */
export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'collection' | 'transaction';
  timestamp?: string;
  entry: FhirBundleEntry[];
}
