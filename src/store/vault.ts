import { IptError } from '../model/errors.js';
import { keyOf, type Backend, type Envelope, type TxView } from './backend.js';
import { isProbe, isSealed, KEY_CHECK, opensProbe, seal, sealProbe, unseal } from './seal.js';

/**
 * A store's encryption at rest (see `StoreOptions.key`): whether its key opens the database, the
 * first keyed open that seals what was stored in clear, and the sealing and opening of records
 * with the seal.ts primitives. Without a key it seals nothing, and a database encrypted since the
 * store opened locks it.
 */
export class Vault {
  /** Set when the stored data is encrypted and the store was opened without its key, or with another. */
  locked: IptError | undefined;
  #key: CryptoKey | undefined;
  /** Keeps writes with a key in call order: each waits for the sealing of the one before. */
  #sealing: Promise<unknown> = Promise.resolve();
  #backend!: Backend;

  /** True when records are sealed: they must be sealed before, and opened after, a transaction. */
  get keyed(): boolean {
    return !!this.#key;
  }

  /**
   * Checks the key against the database's key check (or, at the first open with a key, encrypts what
   * is there, then calls `sealed`). A key check not of the form ipt-elements writes (see isProbe) is
   * damage or another program's doing: it is reported and taken as absent. With no sealed record
   * stored it protects nothing, so a store without a key opens (the data is in clear: locking would
   * only hide it) and one with a key seals everything and writes a valid key check over it. With
   * sealed records stored and no valid key check, no key is adopted: the store is locked and
   * nothing is rewritten.
   */
  async unlock(backend: Backend, key: CryptoKey | undefined, sealed: () => void, report: (e: IptError) => void): Promise<void> {
    this.#backend = backend;
    let check = await backend.getMeta(KEY_CHECK);
    if (check !== undefined && !isProbe(check)) report(new IptError('unreadable', 'The key check of this database is damaged: it is ignored'));
    if (!key) {
      if (isProbe(check)) this.#lock('The stored data is encrypted: open the store with its key');
      return;
    }
    if (!isProbe(check)) {
      if (!(await sealAll(backend, key))) return void this.#lock('Encrypted records are stored without a valid key check: no key is taken for them');
      sealed();
      check = await backend.getMeta(KEY_CHECK);
    }
    if (isProbe(check) && (await opensProbe(key, check))) this.#key = key;
    else this.#lock('The key does not open this database: nothing can be read or written with it');
  }

  #lock(message: string): IptError {
    return (this.locked = new IptError('locked', message));
  }

  /** The database was encrypted (by another tab) after this store opened without a key: it is locked from now on. */
  #lockedNow(): IptError {
    return this.#lock('The stored data is now encrypted: open the store with its key');
  }

  /** Inside a write: refuses it when the database was encrypted (by another tab) after this store opened without a key. */
  async guard(tx: TxView): Promise<void> {
    if (!this.#key && isProbe(await tx.getMeta(KEY_CHECK))) {
      throw this.#lockedNow();
    }
  }

  /** The envelopes (undefined where there is none), encrypted when the store has a key: done before their transaction opens. */
  seal<T extends Envelope | undefined>(envelopes: T[]): Promise<T[]> {
    const key = this.#key;
    if (!key) return Promise.resolve(envelopes);
    const sealed = this.#sealing.then(() => Promise.all(envelopes.map((e) => e && (seal(key, e) as Promise<T>))));
    this.#sealing = sealed.catch(() => undefined);
    return sealed;
  }

  /**
   * Records as read (undefined where none was found), decrypted. With a key, one that does not
   * decrypt, or is not sealed at all (no holder of the key wrote it), comes back with empty sealed
   * data, for its reader to set aside. Without a key, a sealed record is left for its reader to set
   * aside, unless the database holds a key check now: it was encrypted (by another tab) since the
   * store opened, and the store is locked.
   */
  async open<T extends Envelope | undefined>(raw: T[]): Promise<T[]> {
    const key = this.#key;
    if (!key) {
      if (raw.some((e) => isSealed(e?.data)) && isProbe(await this.#backend.getMeta(KEY_CHECK))) throw this.#lockedNow();
      return raw;
    }
    return Promise.all(raw.map((e) => e && (isSealed(e.data) ? unseal(key, e) : Promise.reject()).catch(() => ({ ...e, data: new ArrayBuffer(0) })))) as Promise<T[]>;
  }
}

/**
 * The first open with a key: seals every record and writes the key check in one transaction, so
 * that the database is never left half sealed. Records are sealed before it opens; it writes them
 * only when every record stored is still the revision sealed. A write another tab made meanwhile
 * makes it write nothing, and the next round seals what changed (once the key check is written,
 * that tab's writes are refused as locked). Resolves false, writing nothing, when sealed records are
 * stored: no key is adopted over them.
 */
async function sealAll(backend: Backend, key: CryptoKey): Promise<boolean> {
  const probe = await sealProbe(key);
  const tag = (e: Envelope) => JSON.stringify([...keyOf(e), e.rev, e.updated]);
  const copies = new Map<string, Envelope>();
  for (let round = 1; ; round++) {
    const fresh = (await backend.all()).filter((e) => !isSealed(e.data) && !copies.has(tag(e)));
    for (const e of await Promise.all(fresh.map((e) => seal(key, e)))) copies.set(tag(e), e);
    const done = await backend.transact(async (tx) => {
      if (isProbe(await tx.getMeta(KEY_CHECK))) return true; // another tab did it first
      const now = await tx.all();
      if (now.some((e) => isSealed(e.data))) return false;
      const sealed = now.map((e) => copies.get(tag(e)));
      if (sealed.includes(undefined)) return undefined; // changed meanwhile: nothing written
      for (const e of sealed) await tx.put(e!);
      // The sync's copies of server resources were kept in clear: dropped, the sync learns them again.
      for (const e of await tx.all('sync')) await tx.delete(keyOf(e), 'sync');
      await tx.setMeta(KEY_CHECK, probe);
      return true;
    });
    if (done !== undefined) return done;
    if (round === 10) throw new IptError('aborted', 'Records kept changing while they were being encrypted; open the store again');
  }
}
