/**
 * One HTTP exchange with the portal's FHIR server: a request to a URL under the configured base,
 * through the host's fetch, under a timeout that covers the whole answer (head and body). Nothing
 * else is ever asked: a URL outside the base is refused before it is sent, and redirects are not
 * followed. Nothing is logged.
 * @module
 */
import { IptError } from '../model/index.js';
import { SyncError, syncError } from './errors.js';

/** What the host passes: its own fetch, which adds the authorization. */
export type HostFetch = (input: string, init: RequestInit) => Promise<Response>;

/** An answer: status, headers and the body's text ('' when there is none). */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export class FhirHttp {
  /** The base URL without a trailing `/`. */
  readonly base: string;
  readonly #origin: string;
  readonly #path: string;
  readonly #fetch: HostFetch;
  readonly #timeout: number;

  constructor(baseUrl: string, fetch: HostFetch, timeout: number) {
    let url: URL | undefined;
    try {
      url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
      throw new IptError('invalid-input', 'FhirClient: baseUrl must be an absolute http(s) URL without query, fragment or credentials', 'baseUrl');
    }
    if (typeof fetch !== 'function') throw new IptError('invalid-input', 'FhirClient: fetch must be a function (the host\'s authorized fetch)', 'fetch');
    if (typeof timeout !== 'number' || !(timeout > 0) || !Number.isFinite(timeout)) {
      throw new IptError('invalid-input', 'FhirClient: timeout must be a positive number of milliseconds', 'timeout');
    }
    this.#origin = url.origin;
    this.#path = url.pathname.replace(/\/+$/, '');
    this.base = `${url.origin}${this.#path}`;
    // Called as a plain function: a browser's fetch called as a method of another object throws "Illegal invocation".
    this.#fetch = (input, init) => fetch(input, init);
    this.#timeout = timeout;
  }

  /** `[base]/<path>?<params>`. */
  url(path: string, params?: URLSearchParams): URL {
    const url = new URL(`${this.base}/${path}`);
    if (params) url.search = params.toString();
    return url;
  }

  /** A URL the server gave (a link, a Location), resolved against the base; undefined when it leads outside the base. */
  resolve(link: string): URL | undefined {
    let url: URL;
    try {
      url = new URL(link, `${this.base}/`);
    } catch {
      return undefined;
    }
    const inside = url.origin === this.#origin && (url.pathname === this.#path || url.pathname.startsWith(`${this.#path}/`));
    return inside && !url.username && !url.password ? url : undefined;
  }

  /**
   * Sends one request and reads the whole answer. Rejects with a SyncError: `timeout` when the
   * answer is not complete in time, `offline` when the host's fetch rejects, `bad-answer` for a
   * redirect. Any status is an answer: the caller reads it.
   */
  async send(method: string, url: URL, resourceType: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
    if (!this.resolve(url.href)) throw syncError('bad-answer', method, resourceType, 'refused a URL outside the base URL');
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(syncError('timeout', method, resourceType, `no answer within ${this.#timeout} ms`));
      }, this.#timeout);
    });
    timedOut.catch(() => {});
    const headers: Record<string, string> = { Accept: 'application/fhir+json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/fhir+json';
    // The browser's cache is bypassed: another device may have changed what was read a moment ago.
    const init: RequestInit = { method, headers, cache: 'no-store', redirect: 'manual', signal: controller.signal };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    try {
      const response = await this.#race(this.#fetch(url.href, init), timedOut, controller, method, resourceType);
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        throw syncError('bad-answer', method, resourceType, 'answered with a redirect, which is not followed', response.status || undefined);
      }
      const text = await this.#race(response.text(), timedOut, controller, method, resourceType);
      return { status: response.status, headers: response.headers, text };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The promise, or the timeout's error; a rejection of the host's fetch is `offline` (`timeout` once aborted). */
  async #race<T>(promise: Promise<T>, timedOut: Promise<never>, controller: AbortController, method: string, resourceType: string): Promise<T> {
    try {
      return await Promise.race([promise, timedOut]);
    } catch (error) {
      if (error instanceof SyncError) throw error;
      if (controller.signal.aborted) throw syncError('timeout', method, resourceType, `no answer within ${this.#timeout} ms`);
      // The error's name only: a host's error text may hold a URL, and so a patient's reference.
      const name = error instanceof Error ? error.name : typeof error;
      throw syncError('offline', method, resourceType, `the server could not be reached (${name.replace(/[^A-Za-z]/g, '').slice(0, 40)})`);
    }
  }
}
