import '../persons/persons.css';
import './fund-supervision.css';
import type { MoneyTrailLink } from '../../../shared/contracts/fund-supervision-contracts';
import { DetailList } from '../../components/detail-list';
import { DetailTable } from '../../components/detail-table';
import { DocumentLinks } from '../../components/document-links';

interface TrailLinksProps {
  links: MoneyTrailLink[];
  download: (fileId: string) => Promise<string>;
}

/**
 * The links of a money trail in order, one section each: whether the link is there (said in words,
 * not by colour), its facts, its tables and its documents. An ordered list, because the order is the
 * point: the money is followed back from the claim to the ledger.
 */
export function TrailLinks({ links, download }: TrailLinksProps) {
  return (
    <ol className="trail-links">
      {links.map((link, index) => (
        <li key={link.key} className={link.present ? 'trail-link' : 'trail-link trail-link-missing'}>
          <section aria-labelledby={`trail-${link.key}`}>
            <h2 id={`trail-${link.key}`}>
              {index + 1}. {link.label}
            </h2>
            <p className="trail-state">
              {link.present ? '此环节已具备。' : '此环节缺失。'}
              {link.warning && <strong className="trail-warning">{link.present ? `注意：${link.warning}` : link.warning}</strong>}
            </p>
            {link.facts.length > 0 && <DetailList rows={link.facts.map((f) => [f.label, f.value])} />}
            {link.tables.map((table) => (
              <DetailTable
                key={table.caption}
                caption={table.caption}
                headers={table.columns}
                rows={table.rows.map((cells, i) => ({ key: String(i), cells }))}
                empty={`${table.caption}：无。`}
              />
            ))}
            {link.documents.length > 0 && (
              <div className="trail-documents">
                <h3>材料</h3>
                <DocumentLinks documents={link.documents} download={download} />
              </div>
            )}
          </section>
        </li>
      ))}
    </ol>
  );
}
