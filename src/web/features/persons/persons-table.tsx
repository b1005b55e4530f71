import { Tag } from 'antd';
import { useId } from 'react';
import { Link } from 'react-router';
import type { PersonSummary } from '../../../shared/contracts/persons-contracts';
import { employmentStatusLabels, sexLabels } from '../../../shared/domain/person-codes';
import { formatDateTime } from '../../lib/formatters';
import { MaskedText } from '../../components/masked-text';
import { ListPagination } from '../../components/paged-list';
import { disabilityText } from './person-labels';
import type { PersonListQuery } from './use-persons';

export type SortKey = NonNullable<PersonListQuery['sort']>;
export type SortOrder = NonNullable<PersonListQuery['order']>;

export const sortLabels: Record<SortKey, string> = { name: '姓名', birthDate: '出生日期', updatedAt: '更新时间' };
export const orderLabels: Record<SortOrder, string> = { asc: '升序', desc: '降序' };

interface PersonsTableProps {
  persons: PersonSummary[];
  total: number;
  page: number;
  pageSize: number;
  sort: SortKey;
  order: SortOrder;
  busy: boolean;
  onSort: (sort: SortKey, order: SortOrder) => void;
  onPageChange: (page: number) => void;
}

/**
 * A plain table: real column and row headers, sortable headers that are buttons inside a
 * <th aria-sort>, so the sort state is announced with the header. On a narrow screen the table
 * scrolls inside its own labelled, focusable region instead of widening the page.
 */
export function PersonsTable({ persons, total, page, pageSize, sort, order, busy, onSort, onPageChange }: PersonsTableProps) {
  const captionId = useId();

  const sortable = (key: SortKey) => {
    const active = sort === key;
    const next: SortOrder = active ? (order === 'asc' ? 'desc' : 'asc') : key === 'updatedAt' ? 'desc' : 'asc';
    return (
      <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => onSort(key, next)}>
          {sortLabels[key]}
          <span aria-hidden="true" className="sort-mark">
            {active ? (order === 'asc' ? ' ▲' : ' ▼') : ' ⇅'}
          </span>
          <span className="visually-hidden">
            {active ? `，当前${orderLabels[order]}，点击改为${orderLabels[next]}` : `，点击按${sortLabels[key]}排序`}
          </span>
        </button>
      </th>
    );
  };

  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table" aria-busy={busy}>
          <caption id={captionId}>
            人员列表（第 {page} 页，{sortLabels[sort]}
            {orderLabels[order]}）
          </caption>
          <thead>
            <tr>
              {sortable('name')}
              <th scope="col">性别</th>
              {sortable('birthDate')}
              <th scope="col">身份证号</th>
              <th scope="col">残疾人证号</th>
              <th scope="col">残疾类别与等级</th>
              <th scope="col">登记县区</th>
              <th scope="col">就业状况</th>
              <th scope="col">劳动年龄段</th>
              {sortable('updatedAt')}
            </tr>
          </thead>
          <tbody>
            {persons.length === 0 ? (
              <tr>
                <td colSpan={10} className="empty-cell">
                  {busy ? '正在查询…' : '没有符合条件的人员'}
                </td>
              </tr>
            ) : (
              persons.map((person) => (
                <tr key={person.id}>
                  <th scope="row">
                    <Link to={`/persons/${person.id}`}>{person.name}</Link>
                    {person.status === 'merged' && (
                      <>
                        {' '}
                        <Tag className="state-warn">已合并</Tag>
                      </>
                    )}
                  </th>
                  <td>{sexLabels[person.sex]}</td>
                  <td>
                    {person.birthDate}（{person.age} 岁）
                  </td>
                  <td className="number-cell">
                    <MaskedText value={person.idNumber} />
                  </td>
                  <td className="number-cell">
                    <MaskedText value={person.certificateNumber} />
                  </td>
                  <td>{disabilityText(person.disabilityCategory, person.disabilityLevel)}</td>
                  <td>{person.countyName}</td>
                  <td>{employmentStatusLabels[person.employmentStatus]}</td>
                  <td>{person.workingAge ? '是' : '否'}</td>
                  <td>{formatDateTime(person.updatedAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <ListPagination label="人员列表分页" page={page} pageSize={pageSize} total={total} unit="人" onChange={onPageChange} />
    </>
  );
}
