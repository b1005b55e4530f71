import dayjs from 'dayjs';
import { clockTimeInChina } from '../../shared/domain/class-attendance';
import { todayInChina } from '../../shared/domain/person-validation';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.format('YYYY-MM-DD HH:mm:ss') : iso;
}

/** Spoken and shown the same way: "1 分 05 秒", never "1:05" which screen readers read as a time. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} 秒`;
  return `${minutes} 分 ${String(rest).padStart(2, '0')} 秒`;
}

/** Groups of four, so a long secret can be read out and typed a chunk at a time. */
export function groupCharacters(value: string, size = 4): string {
  const compact = value.replace(/\s+/g, '');
  const groups: string[] = [];
  for (let start = 0; start < compact.length; start += size) groups.push(compact.slice(start, start + size));
  return groups.join(' ');
}

/** A list typed on one line or several, separated by 、 , ， ; ； or new lines: trimmed, blanks and repeats dropped. */
export function listFromText(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n、，,；;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A China-time date and HH:MM as an ISO instant with its offset, as the server stores it. */
export function chinaInstant(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** An instant's China-time date and HH:MM (classes are held in China, whatever the browser's zone). */
export function chinaDateTime(iso: string): { date: string; time: string } {
  const at = new Date(iso);
  return { date: todayInChina(at), time: clockTimeInChina(at) };
}
