import type { UseQueryResult } from '@tanstack/react-query';
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../lib/use-form-errors';
import { LoadingState } from './loading-state';
import { PageHeader } from './page-header';

interface RecordPageProps<T> {
  /** the record's query (by the id in the address) */
  query: Pick<UseQueryResult<T>, 'data' | 'isPending' | 'isError' | 'error'>;
  title: string;
  description?: ReactNode;
  /** shown under the header before the record, e.g. a one-time notice */
  notice?: ReactNode;
  /** a way back when the record cannot be read */
  back?: { to: string; label: string };
  children: (record: T) => ReactNode;
}

/** A page about one record: the header (the page's h1), then loading, the error (with a way back) or the record. */
export function RecordPage<T>({ query, title, description, notice, back, children }: RecordPageProps<T>) {
  return (
    <>
      <PageHeader title={title} description={description} />
      {notice}
      {query.isPending && <LoadingState />}
      {query.isError && <Alert type="error" role="alert" showIcon title={errorMessage(query.error)} />}
      {query.isError && back && (
        <p>
          <Link to={back.to}>{back.label}</Link>
        </p>
      )}
      {query.data !== undefined && children(query.data)}
    </>
  );
}
