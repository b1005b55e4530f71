import { usePublicSite } from './use-public-site';

/**
 * 培训监督电话 (plan 三(五): publish the supervision phone on every channel). A tel: link, so a
 * phone user calls it with one tap; the number is read digit by digit by screen readers.
 */
export function SupervisionPhone() {
  const { data } = usePublicSite();
  if (!data) return <span>培训监督电话：正在加载…</span>;
  const phone = data.supervisionPhone;
  return (
    <span>
      培训监督电话：
      <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} aria-label={`培训监督电话 ${[...phone].join(' ')}`}>
        {phone}
      </a>
    </span>
  );
}
