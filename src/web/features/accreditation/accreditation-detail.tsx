import '../persons/persons.css';
import './accreditation.css';
import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import {
  downloadAccreditationDocument,
  type AccreditationDetail,
  type AccreditationEvent,
} from '../../../shared/contracts/accreditation-contracts';
import { downloadFile } from '../../lib/api-client';
import {
  type AccreditationCommand,
  accreditationCommandLabels,
  type AccreditationTier,
  accreditationStatusLabels,
  baseKindLabels,
  evaluationOutcomeLabels,
} from '../../../shared/domain/accreditation';
import { formatDateTime } from '../../lib/formatters';
import { DetailTable } from '../../components/detail-table';
import { Tabs } from '../../components/tabs';
import { AccreditationActions } from './accreditation-actions';
import { StatusTag, termText, tierText } from './accreditation-labels';
import { DocumentLinks } from '../../components/document-links';

type TabKey = 'profile' | 'history' | 'evaluations';

function eventChange(event: AccreditationEvent): string {
  const parts: string[] = [];
  if (event.fromStatus !== event.toStatus) {
    parts.push(`${event.fromStatus ? accreditationStatusLabels[event.fromStatus] : '—'} → ${accreditationStatusLabels[event.toStatus]}`);
  }
  if (event.fromTier !== event.toTier && event.toTier) parts.push(`级别：${tierText(event.fromTier)} → ${tierText(event.toTier)}`);
  const details = event.details as {
    plaqueNo?: string;
    termEnd?: string;
    total?: number;
    proposedTier?: AccreditationTier;
    proposedPlaqueNo?: string;
  };
  if (details.proposedTier) {
    const pending = event.command === 'promote' ? '' : '（未生效）';
    parts.push(`拟晋升为${tierText(details.proposedTier)}${pending}，新牌匾编号 ${details.proposedPlaqueNo ?? '—'}`);
  }
  if (details.plaqueNo) parts.push(`牌匾编号 ${details.plaqueNo}`);
  if (event.command === 'promotion_effective' && details.termEnd) parts.push(`有效期至 ${details.termEnd}`);
  if (event.command === 'renew' && details.termEnd) parts.push(`有效期至 ${details.termEnd}`);
  if (event.command === 'evaluate' && details.total !== undefined) parts.push(`总分 ${details.total}`);
  return parts.join('；') || '—';
}

function promotionText(detail: AccreditationDetail): string {
  const p = detail.pendingPromotion;
  if (!p) return '';
  const until = detail.noticeEndsAt ? `，公示至 ${formatDateTime(detail.noticeEndsAt)}` : '';
  return `拟晋升为${tierText(p.tier)}（${p.grantingRegionName}残联，新牌匾编号 ${p.plaqueNo}，有效期 ${termText(p.termStart, p.termEnd)}）${until}`;
}

export function AccreditationDetailView({ detail }: { detail: AccreditationDetail }) {
  const location = useLocation();
  const initialNotice = (location.state as { notice?: string } | null)?.notice ?? '';
  const [notice, setNotice] = useState(initialNotice);
  const [tab, setTab] = useState<TabKey>('profile');
  const status = useRef<HTMLParagraphElement>(null);
  const downloadDocument = (fileId: string) => downloadFile(downloadAccreditationDocument, { params: { id: detail.id, fileId } });

  useEffect(() => {
    if (notice && notice !== initialNotice) status.current?.focus();
  }, [notice, initialNotice]);

  return (
    <>
      <p ref={status} tabIndex={-1} role="status" className="list-status">
        {notice}
      </p>
      <p>
        <Link to="/accreditations">返回基地挂牌列表</Link>
      </p>
      <div className="table-scroll" role="region" aria-label="挂牌概况" tabIndex={0}>
        <table className="data-table">
          <caption>挂牌概况</caption>
          <tbody>
            <tr>
              <th scope="row">状态</th>
              <td>
                <StatusTag status={detail.status} />
                {detail.status === 'on_notice' && detail.noticeEndsAt && `（公示至 ${formatDateTime(detail.noticeEndsAt)}）`}
              </td>
            </tr>
            {detail.pendingPromotion && (
              <tr>
                <th scope="row">晋级公示</th>
                <td>{promotionText(detail)}</td>
              </tr>
            )}
            <tr>
              <th scope="row">培训机构</th>
              <td>
                {detail.institutionName}（{detail.countyName}）
              </td>
            </tr>
            <tr>
              <th scope="row">基地类别</th>
              <td>{baseKindLabels[detail.baseKind]}</td>
            </tr>
            <tr>
              <th scope="row">挂牌级别</th>
              <td>{detail.tier ? tierText(detail.tier) : `申请${tierText(detail.requestedTier)}`}</td>
            </tr>
            <tr>
              <th scope="row">审核与管理机关</th>
              <td>{detail.grantingRegionName}残联</td>
            </tr>
            <tr>
              <th scope="row">牌匾编号</th>
              <td>{detail.plaqueNo ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">有效期</th>
              <td>{termText(detail.termStart, detail.termEnd)}</td>
            </tr>
            <tr>
              <th scope="row">最近评估</th>
              <td>{detail.lastEvaluatedOn ?? '尚未评估'}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {detail.status === 'on_notice' && (
        <Alert type="info" showIcon title="公示期内任何人都可以提出异议；公示期满无异议后挂牌自动生效。" className="page-notice" />
      )}
      {detail.pendingPromotion && (
        <Alert
          type="info"
          showIcon
          title="晋级公示中：公示期内任何人都可以提出异议；公示期满无异议后晋级自动生效，此前按原级别管理，其他办理事项暂停。"
          className="page-notice"
        />
      )}
      <AccreditationActions detail={detail} onDone={setNotice} />
      <Tabs<TabKey>
        label="挂牌信息"
        active={tab}
        onChange={setTab}
        items={[
          {
            key: 'profile',
            label: '申请信息',
            content: (
              <DetailTable
                caption="申请信息"
                headers={['项目', '内容']}
                empty=""
                rows={[
                  { key: 'name', cells: ['基地名称', detail.baseName] },
                  { key: 'occupations', cells: ['培训职业（工种）', detail.occupations.join('、') || '—'] },
                  { key: 'note', cells: ['申请说明', detail.applicationNote ?? '—'] },
                  { key: 'docs', cells: ['申请材料', <DocumentLinks documents={detail.documents} download={downloadDocument} />] },
                  { key: 'applied', cells: ['申请时间', formatDateTime(detail.appliedAt)] },
                ]}
              />
            ),
          },
          {
            key: 'history',
            label: `历史记录（${detail.events.length}）`,
            content: (
              <DetailTable
                caption="历史记录（全部步骤，按时间先后）"
                headers={['时间', '事项', '变化', '原因或意见', '附件', '办理人']}
                empty="暂无记录。"
                rows={detail.events.map((event) => ({
                  key: event.id,
                  cells: [
                    formatDateTime(event.occurredAt),
                    accreditationCommandLabels[event.command as AccreditationCommand] ?? event.command,
                    eventChange(event),
                    event.reason ?? '—',
                    <DocumentLinks documents={event.documents} download={downloadDocument} />,
                    event.actorName ?? '系统（公示结果）',
                  ],
                }))}
              />
            ),
          },
          {
            key: 'evaluations',
            label: `评估记录（${detail.evaluations.length}）`,
            content: (
              <DetailTable
                caption="定期评估记录"
                headers={['评估日期', '总分', '评分表建议', '结论', '理由', '评分表版本']}
                empty="尚无评估记录。"
                rows={detail.evaluations.map((e) => ({
                  key: e.id,
                  cells: [
                    e.evaluatedOn,
                    String(e.total),
                    evaluationOutcomeLabels[e.suggestion],
                    evaluationOutcomeLabels[e.decision],
                    e.reason,
                    `第 ${e.sheetVersion} 版`,
                  ],
                }))}
              />
            ),
          },
        ]}
      />
    </>
  );
}
