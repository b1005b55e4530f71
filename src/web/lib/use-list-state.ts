import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';

interface ListState<F> {
  filters: F;
  page: number;
}

/**
 * A paged list's filters and page, and the ref of its status line (ListStatus). With a `key` they
 * are kept in the query cache (not the address bar: filters may name a person), so they survive a
 * visit to a detail page and are gone when the account changes; `start`, when given, wins over
 * what was kept (e.g. a link that names a status).
 */
export function useListState<F extends object>({ key, start }: { key?: readonly unknown[]; start?: ListState<F> } = {}) {
  const queryClient = useQueryClient();
  const [state, setStateRaw] = useState<ListState<F>>(
    () => start ?? (key && queryClient.getQueryData<ListState<F>>(key)) ?? { filters: {} as F, page: 1 },
  );
  const statusLine = useRef<HTMLParagraphElement>(null);
  const setState = (next: ListState<F>) => {
    if (key) queryClient.setQueryData(key, next);
    setStateRaw(next);
  };
  return {
    filters: state.filters,
    page: state.page,
    statusLine,
    /** new filters start again at the first page */
    search: (filters: F) => setState({ filters, page: 1 }),
    /** another page; the status line takes focus, so the new page is announced */
    showPage: (page: number) => {
      setState({ ...state, page });
      statusLine.current?.focus();
    },
  };
}
