import { IptError } from '../model/errors.js';
import { keyOf, type Backend, type Envelope, type TxView } from './backend.js';
import { isSealed, KEY_CHECK, opensProbe, seal, sealProbe, unseal } from './seal.js';

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

  /** True when records are sealed: they must be sealed before, and opened after, a transaction. */
  get keyed(): boolean {
    return !!this.#key;
  }

  /**
   * Checks the key against the database's (or, at the first open with a key, encrypts what is
   * there, then calls `sealed`).
   */
  async unlock(backend: Backend, key: CryptoKey | undefined, sealed: () => void): Promise<void> {
    const probe = await backend.getMeta(KEY_CHECK);
    if (!key) {
      if (probe !== undefined) this.locked = new IptError('locked', 'The stored data is encrypted: open the store with its key');
      return;
    }
    if (probe === undefined) {
      await sealAll(backend, key);
      sealed();
    }
    const check = await backend.getMeta(KEY_CHECK);
    if (!(check instanceof ArrayBuffer && (await opensProbe(key, check)))) {
      this.locked = new IptError('locked', 'The key does not open this database: nothing can be read or written with it');
      return;
    }
    this.#key = key;
  }

  /** The database was encrypted (by another tab) after this store opened without a key: it is locked from now on. */
  #lockedNow(): IptError {
    return (this.locked = new IptError('locked', 'The stored data is now encrypted: open the store with its key'));
  }

  /** Inside a write: refuses it when the database was encrypted (by another tab) after this store opened without a key. */
  async guard(tx: TxView): Promise<void> {
    if (!this.#key && (await tx.getMeta(KEY_CHECK)) !== undefined) {
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
   * Records as read (undefined where none was found), decrypted; one that does not decrypt is left
   * sealed, for its reader to set aside. Without a key, a sealed record means the database was
   * encrypted since the store opened: it is locked.
   */
  async open<T extends Envelope | undefined>(raw: T[]): Promise<T[]> {
    const key = this.#key;
    if (!key && raw.some((e) => isSealed(e?.data))) {
      throw this.#lockedNow();
    }
    return Promise.all(raw.map((e) => (key && isSealed(e?.data) ? unseal(key, e!).catch(() => e) : e) as T | Promise<T>));
  }
}

/**
 * The first open with a key: seals every record stored in clear and sets the key check, in one
 * transaction that writes a sealed copy only over the revision it was made from. A record
 * another tab wrote meanwhile is sealed in the next round.
 */
async function sealAll(backend: Backend, key: CryptoKey): Promise<void> {
  const probe = await sealProbe(key);
  for (let round = 1; ; round++) {
    const sealed = await Promise.all((await backend.all()).filter((e) => !isSealed(e.data)).map((e) => seal(key, e)));
    const done = await backend.transact(async (tx) => {
      if ((await tx.getMeta(KEY_CHECK)) !== undefined) return true; // another tab did it first
      for (const e of sealed) {
        const now = await tx.get(keyOf(e));
        if (now?.rev === e.rev && !isSealed(now.data)) await tx.put(e);
      }
      if ((await tx.all()).some((e) => !isSealed(e.data))) return false;
      await tx.setMeta(KEY_CHECK, probe);
      return true;
    });
    if (done) return;
    if (round === 5) throw new IptError('aborted', 'Records kept changing while they were being encrypted; open the store again');
  }
}
