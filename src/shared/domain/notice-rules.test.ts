import { describe, expect, it } from 'vitest';
import {
  acceptsObjections,
  formatLookupCode,
  formatNoticePeriod,
  isLookupCode,
  normaliseLookupCode,
  objectionRefusal,
  publicStatusLabel,
  spokenLookupCode,
} from './notice-rules';

const now = new Date('2026-12-01T08:00:00Z');
const later = new Date('2026-12-05T08:00:00Z');
const earlier = new Date('2026-11-30T08:00:00Z');

describe('when an objection may be filed', () => {
  it('is accepted while undecided and before the end, also when another is pending', () => {
    expect(acceptsObjections('open', later, now)).toBe(true);
    expect(acceptsObjections('held', later, now)).toBe(true);
    expect(objectionRefusal('held', later, now)).toBeNull();
  });

  it('is refused at and after the end, and for decided or withdrawn notices, in Chinese', () => {
    expect(acceptsObjections('open', now, now)).toBe(false);
    expect(objectionRefusal('open', earlier, now)).toBe('该公示的公示期已结束，不再受理异议');
    expect(objectionRefusal('effective', later, now)).toBe('该公示已结束，不再受理异议');
    expect(objectionRefusal('refused', later, now)).toBe('该公示已结束，不再受理异议');
    expect(objectionRefusal('withdrawn', later, now)).toBe('该公示已撤回，不再受理异议');
  });
});

describe('public status words', () => {
  it('says an objection is being handled, and that an ended clean notice awaits taking effect', () => {
    expect(publicStatusLabel('held', earlier, now)).toBe('有异议，处理中');
    expect(publicStatusLabel('open', later, now)).toBe('公示中');
    expect(publicStatusLabel('open', earlier, now)).toBe('公示期满，待生效');
  });
});

describe('lookup codes', () => {
  it('match however they are typed or grouped', () => {
    expect(normaliseLookupCode(' yj7k-4mpq 2wxa ')).toBe('YJ7K4MPQ2WXA');
    expect(isLookupCode('YJ7K4MPQ2WXA')).toBe(true);
    expect(formatLookupCode('YJ7K4MPQ2WXA')).toBe('YJ7K-4MPQ-2WXA');
  });

  it('leave out look-alike characters and wrong lengths', () => {
    expect(isLookupCode('YJ7K4MPQ2WX0')).toBe(false);
    expect(isLookupCode('YJ7K4MPQ2WXI')).toBe(false);
    expect(isLookupCode('YJ7K4MPQ2WX')).toBe(false);
  });

  it('are spoken character by character in groups', () => {
    expect(spokenLookupCode('YJ7K4MPQ2WXA')).toBe('Y J 7 K，4 M P Q，2 W X A');
  });
});

describe('notice period in words', () => {
  it('in days, hours or minutes', () => {
    expect(formatNoticePeriod(7)).toBe('7 天');
    expect(formatNoticePeriod(0.25)).toBe('6 小时');
    expect(formatNoticePeriod(0.0007)).toBe('1 分钟');
  });
});
