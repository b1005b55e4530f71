import { clockTimeInChina } from '../../../shared/domain/class-attendance';

/** YYYY-MM-DD of a moment in China time (sessions are held there, whatever the browser's zone). */
export function dateInChina(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** HH:mm in China time, or '' for none. */
export function timeInChina(iso: string | null): string {
  return iso ? clockTimeInChina(new Date(iso)) : '';
}

/** HH:mm:ss in China time: the expiry of a QR code, to the second. */
export function secondsInChina(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 19);
}

/** “2026-09-01 09:00–12:00” */
export function sessionWhen(startsAt: string, endsAt: string): string {
  return `${dateInChina(startsAt)} ${timeInChina(startsAt)}–${timeInChina(endsAt)}`;
}

/** The moment of a HH:mm on a session's day, with China's offset. */
export function isoOnSessionDay(sessionStartsAt: string, time: string): string {
  return `${dateInChina(sessionStartsAt)}T${time}:00+08:00`;
}
