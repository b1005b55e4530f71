import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Encryption of ID and certificate numbers at rest (GB/T 39786: SM4 for confidentiality, HMAC-SM3
 * for integrity, encrypt-then-MAC; no ECB), and a keyed blind index for exact-match search.
 * Layout of a sealed value: version (1 byte) | IV (16) | SM4-CBC ciphertext | HMAC-SM3 (32).
 */
const VERSION = 1;
const IV_BYTES = 16;
const MAC_BYTES = 32;

export interface PersonalDataKeys {
  /** SM4 key, 16 bytes */
  encryptionKey: Buffer;
  /** HMAC-SM3 key for the ciphertext, 32 bytes */
  macKey: Buffer;
  /** HMAC-SM3 key for the blind index, 32 bytes, separate so an index leak reveals no ciphertext key */
  indexKey: Buffer;
}

export class PersonalDataCrypto {
  constructor(private readonly keys: PersonalDataKeys) {
    if (keys.encryptionKey.length !== 16) throw new Error('SM4 key must be 16 bytes');
    if (keys.macKey.length < 32 || keys.indexKey.length < 32) throw new Error('HMAC-SM3 keys must be at least 32 bytes');
  }

  seal(plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('sm4-cbc', this.keys.encryptionKey, iv);
    const body = Buffer.concat([Buffer.from([VERSION]), iv, cipher.update(plaintext, 'utf8'), cipher.final()]);
    const mac = createHmac('sm3', this.keys.macKey).update(body).digest();
    return Buffer.concat([body, mac]);
  }

  open(sealed: Buffer): string {
    if (sealed.length < 1 + IV_BYTES + 16 + MAC_BYTES || sealed[0] !== VERSION) throw new Error('sealed value has an unknown layout');
    const body = sealed.subarray(0, sealed.length - MAC_BYTES);
    const mac = sealed.subarray(sealed.length - MAC_BYTES);
    const expected = createHmac('sm3', this.keys.macKey).update(body).digest();
    if (!timingSafeEqual(mac, expected)) throw new Error('sealed value failed its integrity check');
    const decipher = createDecipheriv('sm4-cbc', this.keys.encryptionKey, body.subarray(1, 1 + IV_BYTES));
    return Buffer.concat([decipher.update(body.subarray(1 + IV_BYTES)), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed digest of a normalised value, for a unique index and exact-match search. */
  blindIndex(normalised: string): string {
    return createHmac('sm3', this.keys.indexKey).update(normalised, 'utf8').digest('hex');
  }
}
