import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import type { PersonalDataKeys } from './personal-data-crypto';

/**
 * Keys come from configuration. Only the embedded demo may make its own, kept beside its data
 * (DATA_DIR/keys.json, owner-only) so that a restart can still read what it sealed.
 */
export function loadPersonalDataKeys(config: Config): PersonalDataKeys {
  if (config.PERSONAL_DATA_KEY && config.PERSONAL_DATA_MAC_KEY && config.BLIND_INDEX_KEY) {
    return {
      encryptionKey: Buffer.from(config.PERSONAL_DATA_KEY, 'hex'),
      macKey: Buffer.from(config.PERSONAL_DATA_MAC_KEY, 'hex'),
      indexKey: Buffer.from(config.BLIND_INDEX_KEY, 'hex'),
    };
  }
  if (!config.demoMode) {
    throw new Error('配置缺少 PERSONAL_DATA_KEY、PERSONAL_DATA_MAC_KEY、BLIND_INDEX_KEY：非演示模式下个人信息密钥必须由配置提供');
  }
  const file = join(config.DATA_DIR, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    const fresh = {
      encryptionKey: randomBytes(16).toString('hex'),
      macKey: randomBytes(32).toString('hex'),
      indexKey: randomBytes(32).toString('hex'),
    };
    writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<keyof PersonalDataKeys, string>;
  return {
    encryptionKey: Buffer.from(stored.encryptionKey, 'hex'),
    macKey: Buffer.from(stored.macKey, 'hex'),
    indexKey: Buffer.from(stored.indexKey, 'hex'),
  };
}
