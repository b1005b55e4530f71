/**
 * Public notice (公示) and objections (异议): the words the public and staff read, and the pure
 * rules both sides apply (when an objection may be filed, how a lookup code is written).
 */

export const noticeKinds = ['institution', 'accreditation', 'programme', 'subsidy_list'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const noticeKindLabels: Record<NoticeKind, string> = {
  institution: '培训机构',
  accreditation: '培训基地认定',
  programme: '培训项目',
  subsidy_list: '职业培训补贴名单',
};

/**
 * open: on notice, nothing pending; held: an objection is being handled; effective: ended clean;
 * refused: an objection was upheld; withdrawn: stopped by staff.
 */
export const noticeStatuses = ['open', 'held', 'effective', 'refused', 'withdrawn'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export const noticeStatusLabels: Record<NoticeStatus, string> = {
  open: '公示中',
  held: '有异议，处理中',
  effective: '公示期满，已生效',
  refused: '异议成立，不予通过',
  withdrawn: '已撤回',
};

export const objectionStatuses = ['pending', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof objectionStatuses)[number];

export const objectionStatusLabels: Record<ObjectionStatus, string> = {
  pending: '处理中',
  upheld: '异议成立',
  dismissed: '异议不成立',
};

export const objectionDecisions = ['uphold', 'dismiss'] as const;
export type ObjectionDecision = (typeof objectionDecisions)[number];

export const objectionDecisionLabels: Record<ObjectionDecision, string> = {
  uphold: '异议成立',
  dismiss: '异议不成立',
};

/** Notices still before their outcome: the public list shows these. */
export function isUndecided(status: NoticeStatus): boolean {
  return status === 'open' || status === 'held';
}

/**
 * Objections are accepted while the notice is undecided and its period has not ended: after
 * ends_at the outcome must not move again because someone filed at the last second.
 */
export function acceptsObjections(status: NoticeStatus, endsAt: Date, now: Date): boolean {
  return isUndecided(status) && now.getTime() < endsAt.getTime();
}

/** Why an objection cannot be filed, in words the public understands (null: it can). */
export function objectionRefusal(status: NoticeStatus, endsAt: Date, now: Date): string | null {
  if (status === 'withdrawn') return '该公示已撤回，不再受理异议';
  if (status === 'effective' || status === 'refused') return '该公示已结束，不再受理异议';
  if (now.getTime() >= endsAt.getTime()) return '该公示的公示期已结束，不再受理异议';
  return null;
}

/**
 * The public sees "公示期满，待生效" for an undecided notice whose period has ended but that the
 * server has not settled yet (it settles every minute or so).
 */
export function publicStatusLabel(status: NoticeStatus, endsAt: Date, now: Date): string {
  if (status === 'open' && now.getTime() >= endsAt.getTime()) return '公示期满，待生效';
  return noticeStatusLabels[status];
}

/** A filer needs this long on the form at least; bots post at once. No CAPTCHA (accessibility). */
export const OBJECTION_MIN_FILL_SECONDS = 3;
/** A form token older than this is stale: the filer reloads the page. */
export const OBJECTION_FORM_MAX_AGE_HOURS = 12;

export const OBJECTION_CONTENT_MAX = 2000;

/**
 * Lookup codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in
 * three groups of four (e.g. YJ7K-4MPQ-2WXA) so they are easy to read out over the phone.
 */
export const LOOKUP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const LOOKUP_CODE_LENGTH = 12;

/** Uppercases and drops spaces and dashes, so a code typed or read out in any grouping matches. */
export function normaliseLookupCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-－—_]/g, '');
}

/** A new code from a source of random integers in [0, n) (the server passes crypto.randomInt). */
export function newLookupCode(randomInt: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < LOOKUP_CODE_LENGTH; i++) code += LOOKUP_ALPHABET[randomInt(LOOKUP_ALPHABET.length)];
  return code;
}

export function isLookupCode(normalised: string): boolean {
  if (normalised.length !== LOOKUP_CODE_LENGTH) return false;
  return [...normalised].every((c) => LOOKUP_ALPHABET.includes(c));
}

export function formatLookupCode(normalised: string): string {
  return normalised.match(/.{1,4}/g)?.join('-') ?? normalised;
}

/** What a screen reader says for a code: characters one by one, groups separated by pauses. */
export function spokenLookupCode(normalised: string): string {
  return (normalised.match(/.{1,4}/g) ?? []).map((group) => [...group].join(' ')).join('，');
}

/** The notice period in words: 7 → "7 天"; a fraction of a day (trial set-ups) in hours or minutes. */
export function formatNoticePeriod(days: number): string {
  if (days >= 1) return `${Number.isInteger(days) ? days : days.toFixed(1)} 天`;
  const minutes = Math.round(days * 24 * 60);
  return minutes >= 60 ? `${Math.round(minutes / 60)} 小时` : `${Math.max(1, minutes)} 分钟`;
}
