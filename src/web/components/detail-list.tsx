import type { ReactNode } from 'react';

/** A record's fields as a description list: each label a <dt>, its value the <dd> after it. */
export function DetailList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="detail-list">
      {rows.map(([label, value]) => (
        <div key={label} className="detail-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
