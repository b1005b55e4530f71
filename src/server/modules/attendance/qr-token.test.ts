import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attendanceKeys } from './attendance-keys';
import { qrSvg, signQrToken, verifyQrToken } from './qr-token';

const keys = attendanceKeys({ encryptionKey: randomBytes(16), macKey: randomBytes(32), indexKey: randomBytes(32) });
const sessionId = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';
const issuedAt = new Date('2026-09-01T00:50:00.000Z');

describe('QR tokens', () => {
  it('carry session, direction, issued-at and a nonce, URL-safe', () => {
    const { token, nonce } = signQrToken(keys.tokenKey, sessionId, 'out', issuedAt);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(verifyQrToken(keys.tokenKey, token)).toEqual({ sessionId, direction: 'out', issuedAt, nonce });
    expect(signQrToken(keys.tokenKey, sessionId, 'out', issuedAt).nonce).not.toBe(nonce);
  });

  it('refuse any changed byte, another key and garbage', () => {
    const { token } = signQrToken(keys.tokenKey, sessionId, 'in', issuedAt);
    const bytes = Buffer.from(token, 'base64url');
    for (const index of [0, 5, 17, 20, 30, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[index]! ^= 1;
      expect(verifyQrToken(keys.tokenKey, changed.toString('base64url')), `byte ${index}`).toBeNull();
    }
    const other = attendanceKeys({ encryptionKey: randomBytes(16), macKey: randomBytes(32), indexKey: randomBytes(32) });
    expect(verifyQrToken(other.tokenKey, token)).toBeNull();
    expect(verifyQrToken(keys.tokenKey, 'abc')).toBeNull();
    expect(verifyQrToken(keys.tokenKey, `${token}.x`)).toBeNull();
  });

  it('derive separate keys for tokens and device hashes', () => {
    expect(keys.tokenKey.equals(keys.deviceKey)).toBe(false);
  });

  it('draw an SVG a screen reader can name', async () => {
    const svg = await qrSvg('https://example.test/attend/abc', '第 1 课签到二维码 <测试>');
    expect(svg).toMatch(/^<svg role="img" aria-label="第 1 课签到二维码 &lt;测试&gt;"/);
  });
});
