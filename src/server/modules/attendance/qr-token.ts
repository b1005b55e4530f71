import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import type { AttendanceDirection } from '../../../shared/domain/class-attendance';

/**
 * A QR sign-in token: version, session id, direction, issued-at (seconds) and a random nonce,
 * signed with HMAC-SHA256 and written in base64url so it sits in a URL path as it is. Binary
 * rather than JSON keeps the QR code small enough to scan from the back of a classroom.
 *
 * layout: [1 version][16 session uuid][1 direction][4 issued-at seconds][12 nonce] + [32 mac]
 */
const VERSION = 1;
const PAYLOAD_BYTES = 1 + 16 + 1 + 4 + 12;
const MAC_BYTES = 32;

export interface QrTokenClaims {
  sessionId: string;
  direction: AttendanceDirection;
  issuedAt: Date;
  /** base64url; with the trainee and direction it is the replay key */
  nonce: string;
}

function mac(key: Buffer, payload: Buffer): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function signQrToken(
  key: Buffer,
  sessionId: string,
  direction: AttendanceDirection,
  issuedAt: Date,
): { token: string; nonce: string } {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  Buffer.from(sessionId.replaceAll('-', ''), 'hex').copy(payload, 1);
  payload.writeUInt8(direction === 'in' ? 1 : 2, 17);
  payload.writeUInt32BE(Math.floor(issuedAt.getTime() / 1000), 18);
  const nonce = randomBytes(12);
  nonce.copy(payload, 22);
  return { token: Buffer.concat([payload, mac(key, payload)]).toString('base64url'), nonce: nonce.toString('base64url') };
}

/** The claims of a token whose signature holds, or null for anything malformed or tampered with. */
export function verifyQrToken(key: Buffer, token: string): QrTokenClaims | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES) return null;
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), mac(key, payload))) return null;
  if (payload.readUInt8(0) !== VERSION) return null;
  const direction = payload.readUInt8(17);
  if (direction !== 1 && direction !== 2) return null;
  const hex = payload.subarray(1, 17).toString('hex');
  return {
    sessionId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    direction: direction === 1 ? 'in' : 'out',
    issuedAt: new Date(payload.readUInt32BE(18) * 1000),
    nonce: payload.subarray(22).toString('base64url'),
  };
}

/**
 * The session id a token names, read without checking the signature: only to file a refused scan
 * against its session in the scan log, never to act on.
 */
export function unverifiedSessionId(token: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES) return null;
  const hex = bytes.subarray(1, 17).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The nonce of a token read without checking the signature (scan log only). */
export function unverifiedNonce(token: string): string {
  const bytes = Buffer.from(token, 'base64url');
  return bytes.length >= PAYLOAD_BYTES ? bytes.subarray(22, PAYLOAD_BYTES).toString('base64url') : '';
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The QR code as SVG, named for a screen reader (the page shows the link and expiry beside it). */
export async function qrSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const name = escapeXml(label);
  return svg
    .replace(/^<svg /, `<svg role="img" aria-label="${name}" focusable="false" `)
    .replace(/(<svg[^>]*>)/, `$1<title>${name}</title>`);
}
