import { useId, type ReactNode } from 'react';

interface ScrollTableProps {
  caption: ReactNode;
  headers: string[];
  /** set while the rows are being fetched again */
  busy?: boolean;
  /** the <tr>s of the body */
  children: ReactNode;
}

/** A plain table with a caption and column headers; it scrolls inside its own labelled region on a narrow screen. */
export function ScrollTable({ caption, headers, busy, children }: ScrollTableProps) {
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table" aria-busy={busy}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

interface DetailTableProps {
  caption: string;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
  empty: string;
}

/** A small plain table: a caption, column headers, the first cell of each row as its row header. */
export function DetailTable({ caption, headers, rows, empty }: DetailTableProps) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <ScrollTable caption={caption} headers={headers}>
      {rows.map(({ key, cells }) => (
        <tr key={key}>
          {cells.map((cell, index) =>
            index === 0 ? (
              <th key={index} scope="row">
                {cell}
              </th>
            ) : (
              <td key={index}>{cell}</td>
            ),
          )}
        </tr>
      ))}
    </ScrollTable>
  );
}
