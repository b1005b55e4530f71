import { chinaDateTime, chinaInstant } from '../../lib/formatters';

/** HH:mm in China time, or '' for none. */
export function timeInChina(iso: string | null): string {
  return iso ? chinaDateTime(iso).time : '';
}

/** HH:mm:ss in China time: the expiry of a QR code, to the second. */
export function secondsInChina(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 19);
}

/** “2026-09-01 09:00–12:00” */
export function sessionWhen(startsAt: string, endsAt: string): string {
  const start = chinaDateTime(startsAt);
  return `${start.date} ${start.time}–${chinaDateTime(endsAt).time}`;
}

/** The moment of a HH:mm on a session's day, with China's offset. */
export function isoOnSessionDay(sessionStartsAt: string, time: string): string {
  return chinaInstant(chinaDateTime(sessionStartsAt).date, time);
}
