import '../persons/persons.css';
import { Alert, Button, Form } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TalentCandidate } from '../../../shared/contracts/talent-contracts';
import {
  candidateKindLabels,
  candidateKinds,
  candidateStatusLabels,
  candidateStatuses,
  contestAwardLabels,
  contestLevelLabels,
  type CandidateKind,
  type CandidateStatus,
} from '../../../shared/domain/contest-codes';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { DetailTable } from '../../components/detail-table';
import { MaskedText } from '../../components/masked-text';
import { useCandidates, useTalentMutations } from './use-talent';

const kindOptions = filterOptions(candidateKinds, candidateKindLabels);
const statusOptions = candidateStatuses.map((value) => ({ value, label: candidateStatusLabels[value] }));

/** Competition winners waiting for a decision: high-skill candidates join the roster; trainer-pool candidates go to the trainer pool. */
export function TalentCandidates() {
  const user = useCurrentUser();
  const [filters, setFilters] = useState<{ kind?: CandidateKind | undefined; status: CandidateStatus }>({ status: 'open' });
  const candidates = useCandidates({ ...filters, page: 1, pageSize: 200 });
  const mutations = useTalentMutations();
  const [message, setMessage] = useState('');
  const canWrite = userCan(user, 'talent.write');

  async function decide(candidate: TalentCandidate, decision: 'accepted' | 'dismissed') {
    try {
      await mutations.decide.mutateAsync({ id: candidate.id, decision });
      setMessage(
        decision === 'dismissed'
          ? `已将 ${candidate.person.name} 标记为不予纳入。`
          : candidate.kind === 'high_skill'
            ? `${candidate.person.name} 已纳入高技能人才名册。`
            : `${candidate.person.name} 已确认为师资库候选人，请在师资库中建档。`,
      );
    } catch (error) {
      setMessage(`处理未能完成：${errorMessage(error)}`);
    }
  }

  const data = candidates.data;
  return (
    <>
      <FilterForm<{ kind: string; status: string }>
        label="筛选候选人"
        name="candidate-filters"
        initialValues={{ kind: '', status: 'open' }}
        onSearch={(values) => setFilters({ kind: chosen<CandidateKind>(values.kind), status: values.status as CandidateStatus })}
        onReset={() => setFilters({ status: 'open' })}
      >
        <Form.Item name="kind" label="候选类别">
          <NativeSelect options={kindOptions} />
        </Form.Item>
        <Form.Item name="status" label="处理状态">
          <NativeSelect options={statusOptions} />
        </Form.Item>
      </FilterForm>
      <p role="status" className="list-status">
        {candidates.isFetching ? '正在查询…' : data ? `共 ${data.total} 条。${message}` : ''}
      </p>
      {candidates.isError && <Alert type="error" role="alert" showIcon title={errorMessage(candidates.error)} />}
      <DetailTable
        caption="竞赛获奖候选人"
        headers={['姓名', '身份证号', '县区', '候选类别', '竞赛', '项目与奖项', '状态', ...(canWrite ? ['处理'] : [])]}
        empty="暂无候选人。"
        rows={(data?.items ?? []).map((candidate) => ({
          key: candidate.id,
          cells: [
            candidate.person.name,
            <MaskedText key="id" value={candidate.person.idNumber} />,
            candidate.person.countyName,
            candidateKindLabels[candidate.kind],
            <Link key="contest" to={`/contests/${candidate.contestId}`}>
              {candidate.contestName}（{contestLevelLabels[candidate.contestLevel]}）
            </Link>,
            `${candidate.occupation}：${contestAwardLabels[candidate.award]}`,
            candidateStatusLabels[candidate.status],
            ...(canWrite
              ? [
                  candidate.status === 'open' ? (
                    <span key="actions" className="button-row">
                      <Button
                        size="small"
                        htmlType="button"
                        aria-label={`纳入：${candidate.person.name}（${candidateKindLabels[candidate.kind]}）`}
                        onClick={() => void decide(candidate, 'accepted')}
                      >
                        纳入
                      </Button>
                      <Button
                        size="small"
                        htmlType="button"
                        aria-label={`不予纳入：${candidate.person.name}（${candidateKindLabels[candidate.kind]}）`}
                        onClick={() => void decide(candidate, 'dismissed')}
                      >
                        不予纳入
                      </Button>
                    </span>
                  ) : (
                    '已处理'
                  ),
                ]
              : []),
          ],
        }))}
      />
    </>
  );
}
