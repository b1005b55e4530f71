import { Alert, Pagination } from 'antd';
import { type ReactNode, type Ref, useRef, useState } from 'react';
import { errorMessage } from '../lib/use-form-errors';
import { ScrollTable } from './detail-table';
import { focusSoon } from '../lib/focus-soon';

/**
 * A list's status line (a live region that takes focus after a page change or an action, so it is
 * read at once) and, given the list's query, “正在查询…” while it runs and its error under the line.
 */
export function ListStatus({
  ref,
  query,
  text,
}: {
  ref?: Ref<HTMLParagraphElement>;
  query?: { isFetching: boolean; isError: boolean; error: unknown };
  /** what was found or done, '' when there is nothing to say */
  text: string;
}) {
  return (
    <>
      <p ref={ref} tabIndex={-1} role="status" className="list-status">
        {query?.isFetching ? '正在查询…' : text}
      </p>
      {query?.isError && <Alert type="error" role="alert" showIcon title={errorMessage(query.error)} />}
    </>
  );
}

/** A status line's message and its announce(), which sets the message and moves focus to the line. */
export function useAnnouncer() {
  const [message, setMessage] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);
  const announce = (text: string) => {
    setMessage(text);
    focusSoon(() => statusLine.current);
  };
  return { message, announce, statusLine };
}

interface ResultsTableProps<T> {
  caption: ReactNode;
  headers: string[];
  items: T[];
  busy: boolean;
  /** said in the table's one cell when nothing matches */
  empty: string;
  /** a row's cells: its name as the row header (<th scope="row">), then <td>s */
  row: (item: T) => ReactNode;
}

/** A page of query results: one row per item, or one cell that says the list is empty. */
export function ResultsTable<T extends { id: string }>({ caption, headers, items, busy, empty, row }: ResultsTableProps<T>) {
  return (
    <ScrollTable caption={caption} headers={headers} busy={busy}>
      {items.length === 0 ? (
        <tr>
          <td colSpan={headers.length} className="empty-cell">
            {busy ? '正在查询…' : empty}
          </td>
        </tr>
      ) : (
        items.map((item) => <tr key={item.id}>{row(item)}</tr>)
      )}
    </ScrollTable>
  );
}

interface ListPaginationProps {
  /** names the navigation landmark, e.g. 培训机构列表分页 */
  label: string;
  page: number;
  pageSize: number;
  total: number;
  /** the measure word of the total (共 12 家); no total is shown without one */
  unit?: string;
  onChange: (page: number) => void;
}

/** Page links under a results table, only when there is more than one page. */
export function ListPagination({ label, page, pageSize, total, unit, onChange }: ListPaginationProps) {
  if (total <= pageSize) return null;
  return (
    <nav aria-label={label} className="table-pagination">
      <Pagination
        current={page}
        pageSize={pageSize}
        total={total}
        showSizeChanger={false} // its antd Select announces no value; the page size stays fixed
        showTotal={unit === undefined ? undefined : (count) => `共 ${count} ${unit}`}
        onChange={onChange}
      />
    </nav>
  );
}
