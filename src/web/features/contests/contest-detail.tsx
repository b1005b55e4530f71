import '../persons/persons.css';
import { Alert, Button, Form } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { ContestDetail } from '../../../shared/contracts/contests-contracts';
import type { PersonSummary } from '../../../shared/contracts/persons-contracts';
import { contestLevelLabels, contestStatusLabels } from '../../../shared/domain/contest-codes';
import { DetailList } from '../../components/detail-list';
import { NativeSelect } from '../../components/native-select';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { ContestBudget } from './contest-budget';
import { ContestResults } from './contest-results';
import { PickPerson } from './pick-person';
import { useContestMutations } from './use-contests';

export interface ContestLocationState {
  notice?: string;
}

function EnterPerson({ contest }: { contest: ContestDetail }) {
  const mutations = useContestMutations();
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [occupation, setOccupation] = useState(contest.occupations[0] ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function enter() {
    if (!person) return;
    setMessage(null);
    try {
      await mutations.addEntrant.mutateAsync({ id: contest.id, personId: person.id, occupation });
      setMessage({ ok: true, text: `${person.name} 已报名“${occupation}”。` });
      setPerson(null);
    } catch (error) {
      setMessage({ ok: false, text: error instanceof ApiError && error.issues[0] ? error.issues[0].message : errorMessage(error) });
    }
  }

  return (
    <section aria-labelledby="enter-heading" className="subform">
      <h3 id="enter-heading">报名：从实名库选择参赛人员</h3>
      <PickPerson name="contest-entrant-search" label="参赛人员的身份证号或残疾人证号" picked={person} onPicked={setPerson} />
      {person && (
        <Form layout="vertical" name="contest-entry" onFinish={() => void enter()}>
          <Form.Item label="竞赛项目" htmlFor="contest-entry-occupation">
            <NativeSelect
              id="contest-entry-occupation"
              options={contest.occupations.map((value) => ({ value, label: value }))}
              value={occupation}
              onChange={setOccupation}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={mutations.addEntrant.isPending}>
            报名
          </Button>
        </Form>
      )}
      <p role="status" className="list-status">
        {message && <span className={message.ok ? undefined : 'inline-error'}>{message.text}</span>}
      </p>
    </section>
  );
}

/** A contest: facts, entry of the region's persons, results and awards, and the budget. */
export function ContestDetailView({ contest }: { contest: ContestDetail }) {
  const location = useLocation();
  const notice = (location.state as ContestLocationState | null)?.notice;
  const rows: [string, string][] = [
    ['竞赛级别', contestLevelLabels[contest.level]],
    ['主办单位', `${contest.organiser}（${contest.regionName}）`],
    ['竞赛项目', contest.occupations.join('、')],
    ['比赛日期', `${contest.startsOn} 至 ${contest.endsOn}`],
    ['比赛地点', contest.venue ?? '未填写'],
    ['状态', contestStatusLabels[contest.status]],
    ['备注', contest.remarks ?? '无'],
  ];
  return (
    <>
      {notice && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
      <div className="toolbar">
        {contest.writable && (
          <Link to={`/contests/${contest.id}/edit`} className="link-button is-primary">
            修改竞赛信息
          </Link>
        )}
        <Link to="/contests" className="link-button">
          返回竞赛列表
        </Link>
      </div>
      <DetailList rows={rows} />
      <section aria-labelledby="entrants-heading">
        <h2 id="entrants-heading">参赛人员、成绩与奖项</h2>
        <p>
          {contest.writable
            ? '本单位主办：可录入全部参赛人员的名次、成绩和奖项。获奖人员自动列入高技能人才候选名单，省级及以上竞赛的获奖人员同时列入师资库候选名单。'
            : '可为本辖区的残疾人报名；成绩由主办单位录入。'}
        </p>
        {contest.canEnter && <EnterPerson contest={contest} />}
        <ContestResults key={contest.entrants.map((e) => e.id).join()} contest={contest} canRemove={contest.canEnter} />
      </section>
      <section aria-labelledby="budget-heading">
        <h2 id="budget-heading">竞赛经费</h2>
        <ContestBudget contest={contest} />
      </section>
    </>
  );
}
