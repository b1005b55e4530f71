import './attendance.css';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import type { AttendanceSessionSummary, ClassAttendance } from '../../../shared/contracts/attendance-contracts';
import type { AttendanceDirection } from '../../../shared/domain/class-attendance';
import { DetailTable } from '../../components/detail-table';
import { LoadingState } from '../../components/loading-state';
import { MaskedText } from '../../components/masked-text';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { errorMessage } from '../../lib/use-form-errors';
import type { ClassTabProps } from '../classes/class-tab-props';
import { sessionWhen } from './attendance-format';
import { QrPanel } from './qr-panel';
import { SessionRoster } from './session-roster';
import { useClassAttendance } from './use-attendance';

function SessionsTable({
  data,
  onMark,
  onQr,
}: {
  data: ClassAttendance;
  onMark: (session: AttendanceSessionSummary) => void;
  onQr: (session: AttendanceSessionSummary, direction: AttendanceDirection) => void;
}) {
  return (
    <DetailTable
      caption={`课时考勤（共 ${data.sessions.length} 课时）`}
      headers={['课次', '上课时间', '内容', '已签到', '已签退', '异常', '操作']}
      empty="本班还没有排课。"
      rows={data.sessions.map((session) => ({
        key: session.id,
        cells: [
          `第 ${session.seq} 课${session.today ? '（今天）' : ''}`,
          sessionWhen(session.startsAt, session.endsAt),
          session.topic,
          `${session.signedIn} 人`,
          `${session.signedOut} 人`,
          session.flagged > 0 ? `${session.flagged} 人有异常` : '无',
          <span key="actions" className="button-row attendance-actions">
            <Button
              size="small"
              htmlType="button"
              onClick={() => onMark(session)}
              aria-label={`第 ${session.seq} 课${data.canRecord ? '点名' : '签到明细'}`}
            >
              {data.canRecord ? '点名' : '签到明细'}
            </Button>
            {data.canRecord && session.today && (
              <>
                <Button
                  size="small"
                  htmlType="button"
                  onClick={() => onQr(session, 'in')}
                  aria-label={`显示第 ${session.seq} 课签到二维码`}
                >
                  签到二维码
                </Button>
                <Button
                  size="small"
                  htmlType="button"
                  onClick={() => onQr(session, 'out')}
                  aria-label={`显示第 ${session.seq} 课签退二维码`}
                >
                  签退二维码
                </Button>
              </>
            )}
          </span>,
        ],
      }))}
    />
  );
}

function RatesTable({ data }: { data: ClassAttendance }) {
  const below = data.rates.filter((r) => r.belowThreshold).length;
  return (
    <section aria-labelledby="attendance-rates-heading">
      <h3 id="attendance-rates-heading">学员出勤率</h3>
      <p>
        出勤要求：出勤率不低于 {data.threshold}%。出勤率 = 已签到的课时 ÷
        本班全部课时（包括还没上的课时），所以培训进行中偏低是正常的；结业时按这个比例判定。
        {data.rates.length > 0 && (below > 0 ? `目前有 ${below} 人低于要求。` : '目前全部学员达到要求。')}
      </p>
      <DetailTable
        caption={`学员出勤率（共 ${data.rates.length} 人）`}
        headers={['姓名', '身份证号或单位', '出勤课时', '出勤率', '是否达到要求']}
        empty="本班还没有已录取的学员。"
        rows={data.rates.map((rate) => ({
          key: rate.enrolmentId,
          cells: [
            rate.name,
            rate.idNumber ? <MaskedText key="id" value={rate.idNumber} /> : (rate.organisation ?? '—'),
            `${rate.attended} / ${rate.total}`,
            `${rate.rate}%`,
            rate.belowThreshold ? (
              <strong key="below" className="attendance-below">
                低于要求
              </strong>
            ) : (
              '达到要求'
            ),
          ],
        }))}
      />
    </section>
  );
}

function AnomalyList({ data }: { data: ClassAttendance }) {
  return (
    <section aria-labelledby="attendance-anomalies-heading">
      <h3 id="attendance-anomalies-heading">考勤异常</h3>
      <p>系统自动标出需要核实的签到：不在上课时间内、多人用同一部手机、同一时间在两个培训班签到。</p>
      <DetailTable
        caption={`考勤异常（共 ${data.anomalies.length} 条）`}
        headers={['学员', '课次', '异常', '说明']}
        empty="没有考勤异常。"
        rows={data.anomalies.map((a, index) => ({
          key: `${a.sessionId}-${a.enrolmentId}-${a.flag}-${index}`,
          cells: [a.traineeName, `第 ${a.sessionSeq} 课 ${a.sessionTopic}`, a.label, a.explanation],
        }))}
      />
    </section>
  );
}

/**
 * The class's attendance evidence: sessions with counts, roster marking and QR codes (the
 * institution, while the class runs), each trainee's rate against the threshold, and anomalies.
 */
export function ClassAttendanceTab(props: ClassTabProps) {
  const query = useClassAttendance(props.classId);
  const { message, announce, statusLine } = useAnnouncer();
  const [marking, setMarking] = useState<AttendanceSessionSummary | null>(null);
  const [qr, setQr] = useState<{ session: AttendanceSessionSummary; direction: AttendanceDirection } | null>(null);

  const heading = (
    <h2 id="class-attendance-heading" tabIndex={-1}>
      考勤
    </h2>
  );
  if (query.isPending) {
    return (
      <section aria-labelledby="class-attendance-heading">
        {heading}
        <LoadingState />
      </section>
    );
  }
  if (query.isError) {
    return (
      <section aria-labelledby="class-attendance-heading">
        {heading}
        <Alert type="error" role="alert" showIcon title={errorMessage(query.error)} />
      </section>
    );
  }
  const data = query.data;

  return (
    <section aria-labelledby="class-attendance-heading" className="class-attendance">
      {heading}
      <ListStatus ref={statusLine} text={message} />
      {!data.canRecord && props.isInstitution && <p>培训班不在培训中，考勤只能查看。</p>}
      <section aria-labelledby="attendance-sessions-heading">
        <h3 id="attendance-sessions-heading">课时考勤</h3>
        {data.canRecord && (
          <p>
            点名：逐个勾选学员的签到、签退，时间默认为上课、下课时间。扫码：上课当天显示二维码，学员用手机扫码后确认；二维码每{' '}
            {data.qrTokenSeconds} 秒自动更换。签到最早可在上课前 {data.graceMinutes} 分钟。
          </p>
        )}
        <SessionsTable
          data={data}
          onMark={(session) => {
            setQr(null);
            setMarking(session);
          }}
          onQr={(session, direction) => {
            setMarking(null);
            setQr({ session, direction });
          }}
        />
      </section>
      {qr && (
        <QrPanel
          key={`${qr.session.id}-${qr.direction}`}
          classId={props.classId}
          session={qr.session}
          direction={qr.direction}
          onClose={() => {
            setQr(null);
            announce('已关闭二维码。');
          }}
        />
      )}
      {marking && (
        <SessionRoster
          key={marking.id}
          classId={props.classId}
          sessionId={marking.id}
          onSaved={(text) => announce(text)}
          onClose={() => {
            setMarking(null);
            announce('已关闭点名表。');
          }}
        />
      )}
      <RatesTable data={data} />
      <AnomalyList data={data} />
    </section>
  );
}
