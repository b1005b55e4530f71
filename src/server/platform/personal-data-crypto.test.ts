import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PersonalDataCrypto } from './personal-data-crypto';

const keys = { encryptionKey: randomBytes(16), macKey: randomBytes(32), indexKey: randomBytes(32) };
const crypto = new PersonalDataCrypto(keys);
const id = '11010519491231002X';

describe('PersonalDataCrypto', () => {
  it('round-trips and never holds the plaintext', () => {
    const sealed = crypto.seal(id);
    expect(crypto.open(sealed)).toBe(id);
    expect(sealed.includes(Buffer.from(id))).toBe(false);
    expect(sealed.toString('latin1')).not.toContain('19491231');
  });

  it('uses a fresh IV: the same value seals differently each time', () => {
    expect(crypto.seal(id).equals(crypto.seal(id))).toBe(false);
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = crypto.seal(id);
    sealed[20] = (sealed[20] ?? 0) ^ 1;
    expect(() => crypto.open(sealed)).toThrow('integrity');
  });

  it('refuses a value sealed under another key', () => {
    const other = new PersonalDataCrypto({ ...keys, macKey: randomBytes(32) });
    expect(() => crypto.open(other.seal(id))).toThrow('integrity');
  });

  it('gives a stable blind index that depends on its key', () => {
    expect(crypto.blindIndex(id)).toBe(crypto.blindIndex(id));
    expect(crypto.blindIndex(id)).not.toBe(new PersonalDataCrypto({ ...keys, indexKey: randomBytes(32) }).blindIndex(id));
    expect(crypto.blindIndex(id)).toMatch(/^[0-9a-f]{64}$/);
  });
});
