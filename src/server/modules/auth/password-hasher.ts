import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

// OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane; about 25 ms here.
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Verifies against a throw-away hash so an unknown username costs the same time as a known one. */
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('不存在的账号-dummy-password');
  await verifyPassword(await dummyHash, password);
}

/** A one-time password that satisfies every policy: 16 characters from four classes. */
export function oneTimePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=?@'];
  const all = sets.join('');
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** A fresh one-time password (shown once) and the account columns that set it; it must be changed at the next sign-in. */
export async function oneTimePasswordReset() {
  const password = oneTimePassword();
  return {
    password,
    changes: {
      password_hash: await hashPassword(password),
      must_change_password: true,
      password_changed_at: new Date(),
      lock_reset_at: new Date(),
    },
  };
}
