import { hkdfSync } from 'node:crypto';
import type { PersonalDataKeys } from '../../platform/personal-data-crypto';

export interface AttendanceKeys {
  /** signs QR sign-in tokens (HMAC-SHA256) */
  tokenKey: Buffer;
  /** hashes the phone's device id, so the database never holds the id itself */
  deviceKey: Buffer;
}

/**
 * Derived from the platform's MAC key with HKDF, one label per purpose: no new secret to configure,
 * and a leaked token key reveals neither the personal-data MAC key nor the device-hash key.
 */
export function attendanceKeys(keys: PersonalDataKeys): AttendanceKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', keys.macKey, Buffer.alloc(0), info, 32));
  return { tokenKey: derive('abletrain/attendance/qr-token/v1'), deviceKey: derive('abletrain/attendance/device-hash/v1') };
}
