// The FHIR server of this test run: web-test-runner.config.js (plugin `ipt-fhir-server`) starts a real
// engine with test/fhir-servers/launch.js on the first request for /__ipt-fhir.js, and serves its base URL there.
const url = '/__ipt-fhir.js';
const server = (await import(url)) as { FHIR_BASE: string; FHIR_KIND: string };

/** The server's FHIR base, `http://127.0.0.1:<port>/fhir`. */
export const FHIR_BASE = server.FHIR_BASE;
/** `medplum` or `hapi` (IPT_FHIR_SERVER). */
export const FHIR_KIND = server.FHIR_KIND;
