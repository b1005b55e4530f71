import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import type { ContestDetail, ContestEntrant } from '../../../shared/contracts/contests-contracts';
import { contestAwardLabels, contestAwards, type ContestAward } from '../../../shared/domain/contest-codes';
import { ErrorSummary, type SummaryError } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { ScrollTable } from '../../components/detail-table';
import { MaskedText } from '../../components/masked-text';
import { useContestMutations } from './use-contests';

interface Row {
  rank: string;
  score: string;
  award: ContestAward | '';
}

const awardOptions = [{ value: '', label: '未获奖' }, ...contestAwards.map((value) => ({ value, label: contestAwardLabels[value] }))];

function rowOf(entrant: ContestEntrant): Row {
  return { rank: entrant.rank?.toString() ?? '', score: entrant.score?.toString() ?? '', award: entrant.award ?? '' };
}

/**
 * Entrants with their results. The organiser edits every row in place (each control is named
 * after the entrant) and saves them together; winners are put on the candidate lists.
 */
export function ContestResults({ contest, canRemove }: { contest: ContestDetail; canRemove: boolean }) {
  const mutations = useContestMutations();
  const [rows, setRows] = useState<Record<string, Row>>(() => Object.fromEntries(contest.entrants.map((e) => [e.id, rowOf(e)])));
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [message, setMessage] = useState('');
  const editing = contest.writable && contest.status !== 'cancelled';
  const row = (entrant: ContestEntrant) => rows[entrant.id] ?? rowOf(entrant);
  const set = (id: string, patch: Partial<Row>) =>
    setRows((current) => ({ ...current, [id]: { ...(current[id] ?? { rank: '', score: '', award: '' }), ...patch } }));

  async function save() {
    setErrors([]);
    setMessage('');
    const local: SummaryError[] = [];
    const results = contest.entrants.map((entrant, index) => {
      const value = row(entrant);
      if (value.rank && !/^\d{1,5}$/.test(value.rank))
        local.push({ message: `第 ${index + 1} 行（${entrant.person.name}）：名次须为正整数`, fieldId: `rank-${entrant.id}` });
      if (value.score && !/^\d{1,4}(\.\d{1,2})?$/.test(value.score))
        local.push({
          message: `第 ${index + 1} 行（${entrant.person.name}）：成绩为 0 至 1000 的数，最多两位小数`,
          fieldId: `score-${entrant.id}`,
        });
      return {
        entrantId: entrant.id,
        rank: value.rank ? Number(value.rank) : null,
        score: value.score ? Number(value.score) : null,
        award: value.award || null,
      };
    });
    if (local.length > 0) {
      setErrors(local);
      return;
    }
    try {
      const saved = await mutations.recordResults.mutateAsync({ id: contest.id, body: { results } });
      const winners = saved.entrants.filter((e) => e.award !== null).length;
      setMessage(`成绩已保存。${winners} 名获奖人员已列入候选名单（省级以上竞赛获奖者同时列入师资库候选）。`);
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.issues.length > 0
          ? error.issues.map((issue) => ({ message: issue.message }))
          : [{ message: errorMessage(error) }],
      );
    }
  }

  async function remove(entrant: ContestEntrant) {
    setErrors([]);
    try {
      await mutations.removeEntrant.mutateAsync({ id: contest.id, entrantId: entrant.id });
      setMessage(`已撤销 ${entrant.person.name} 的报名。`);
    } catch (error) {
      setErrors([{ message: errorMessage(error) }]);
    }
  }

  if (contest.entrants.length === 0) return <p>暂无本辖区的参赛人员。</p>;
  return (
    <>
      <ErrorSummary errors={errors} />
      <p role="status" className="list-status">
        {message}
      </p>
      <ScrollTable
        caption={`参赛人员与成绩（共 ${contest.entrants.length} 人）`}
        headers={['姓名', '身份证号', '县区', '竞赛项目', '名次', '成绩', '奖项', ...(canRemove ? ['操作'] : [])]}
      >
        {contest.entrants.map((entrant) => {
          const value = row(entrant);
          const name = entrant.person.name;
          const hasResult = entrant.rank !== null || entrant.score !== null || entrant.award !== null;
          return (
            <tr key={entrant.id}>
              <th scope="row">{name}</th>
              <td className="number-cell">
                <MaskedText value={entrant.person.idNumber} />
              </td>
              <td>{entrant.person.countyName}</td>
              <td>{entrant.occupation}</td>
              <td>
                {editing ? (
                  <Input
                    id={`rank-${entrant.id}`}
                    aria-label={`${name} 的名次`}
                    inputMode="numeric"
                    maxLength={5}
                    value={value.rank}
                    onChange={(e) => set(entrant.id, { rank: e.target.value })}
                  />
                ) : (
                  (entrant.rank ?? '—')
                )}
              </td>
              <td>
                {editing ? (
                  <Input
                    id={`score-${entrant.id}`}
                    aria-label={`${name} 的成绩`}
                    inputMode="decimal"
                    maxLength={7}
                    value={value.score}
                    onChange={(e) => set(entrant.id, { score: e.target.value })}
                  />
                ) : (
                  (entrant.score ?? '—')
                )}
              </td>
              <td>
                {editing ? (
                  <NativeSelect
                    aria-label={`${name} 的奖项`}
                    options={awardOptions}
                    value={value.award}
                    onChange={(award) => set(entrant.id, { award: award as ContestAward | '' })}
                  />
                ) : entrant.award ? (
                  contestAwardLabels[entrant.award]
                ) : (
                  '未获奖'
                )}
              </td>
              {canRemove && (
                <td>
                  {hasResult ? (
                    '已有成绩'
                  ) : (
                    <Button size="small" htmlType="button" aria-label={`撤销 ${name} 的报名`} onClick={() => void remove(entrant)}>
                      撤销报名
                    </Button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </ScrollTable>
      {editing && (
        <div className="button-row">
          <Button type="primary" htmlType="button" loading={mutations.recordResults.isPending} onClick={() => void save()}>
            保存成绩与奖项
          </Button>
        </div>
      )}
      {contest.status === 'cancelled' && <Alert type="warning" showIcon title="该竞赛已取消。" />}
    </>
  );
}
