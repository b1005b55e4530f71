import dayjs from 'dayjs';

/** 2026年12月4日 09:30: the period's end matters to the hour, and reads well aloud. */
export function formatNoticeTime(iso: string): string {
  const value = dayjs(iso);
  return value.isValid() ? value.format('YYYY年M月D日 HH:mm') : iso;
}

export function formatPeriod(startsAt: string, endsAt: string): string {
  return `${formatNoticeTime(startsAt)} 至 ${formatNoticeTime(endsAt)}`;
}
