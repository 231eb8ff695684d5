import { IptError } from '../model/errors.js';
import type { Envelope } from './backend.js';

/**
 * Encryption at rest (opt-in): each record's `data` becomes one ArrayBuffer, a 12-byte random IV
 * followed by the AES-GCM ciphertext of its JSON, bound to its key (course, kind, id) as
 * additional data, so that a record cannot be moved to another key unnoticed. The envelope's
 * other fields are ids, numbers and enum values, never user text, and stay readable for the indexes.
 */
const encoder = new TextEncoder();
const IV = 12;
const bound = (e: Pick<Envelope, 'courseId' | 'entity' | 'id'>) => encoder.encode(`${e.courseId}\u0000${e.entity}\u0000${e.id}`);

/** True when a stored record's data is sealed. */
export const isSealed = (data: unknown): data is ArrayBuffer => data instanceof ArrayBuffer;

/** Checks that a key can seal records, before anything is stored with it. */
export function checkKey(key: unknown): CryptoKey {
  const k = key as CryptoKey | undefined;
  if (typeof CryptoKey === 'undefined' || !(k instanceof CryptoKey) || k.algorithm.name !== 'AES-GCM' || !k.usages.includes('encrypt') || !k.usages.includes('decrypt')) {
    throw new IptError('invalid-input', 'Invalid key: must be a WebCrypto AES-GCM CryptoKey usable to encrypt and decrypt', 'key');
  }
  return k;
}

/** The envelope with its data sealed. */
export async function seal(key: CryptoKey, e: Envelope): Promise<Envelope> {
  const iv = crypto.getRandomValues(new Uint8Array(IV));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: bound(e) }, key, encoder.encode(JSON.stringify(e.data)));
  const data = new Uint8Array(IV + sealed.byteLength);
  data.set(iv);
  data.set(new Uint8Array(sealed), IV);
  return { ...e, data: data.buffer };
}

/** The envelope with its sealed data opened; rejects when the key is not the one it was sealed with. */
export async function unseal(key: CryptoKey, e: Envelope): Promise<Envelope> {
  const bytes = new Uint8Array(e.data as ArrayBuffer);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, IV), additionalData: bound(e) }, key, bytes.subarray(IV));
  return { ...e, data: JSON.parse(new TextDecoder().decode(plain)) };
}

/** The meta entry that tells whether a key is the database's: a sealed constant. */
export const KEY_CHECK = 'key-check';
const probe = { courseId: '', entity: 'course', id: KEY_CHECK, rev: 0, updated: 0, data: 'ipt-elements' } as const;

/**
 * True when a stored key check has the form sealProbe() gives it: 42 bytes (the IV, the 14 bytes of
 * the constant's JSON, the 16-byte tag). Anything else is damage or another program's doing.
 */
export const isProbe = (value: unknown): value is ArrayBuffer => isSealed(value) && value.byteLength === 42;

export const sealProbe = async (key: CryptoKey): Promise<ArrayBuffer> => (await seal(key, { ...probe })).data as ArrayBuffer;

/** True when `key` opens the probe sealed in the database. */
export async function opensProbe(key: CryptoKey, sealed: ArrayBuffer): Promise<boolean> {
  try {
    return (await unseal(key, { ...probe, data: sealed })).data === probe.data;
  } catch {
    return false;
  }
}
