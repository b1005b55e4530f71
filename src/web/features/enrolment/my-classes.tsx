import './enrolment.css';
import '../persons/persons.css';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MyClass, OpenClass } from '../../../shared/contracts/enrolment-contracts';
import { classTrainingTypeLabels, venueFeatureLabels } from '../../../shared/domain/class-codes';
import { enrolmentStatusLabels } from '../../../shared/domain/class-enrolment';
import { classStatusLabels } from '../../../shared/domain/class-status';
import { type SummaryError, ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { useApply, useMyClasses, useOpenClasses } from './use-enrolment';

const PAGE_SIZE = 10;

function venueText(features: OpenClass['venueFeatures']): string {
  return features.length > 0 ? features.map((f) => venueFeatureLabels[f]).join('、') : '培训机构未填写';
}

/** The facts of a class every card and the check step show, as a description list. */
function ClassFacts({ item }: { item: OpenClass | MyClass }) {
  return (
    <dl>
      <dt>培训机构</dt>
      <dd>{item.institutionName}</dd>
      <dt>培训日期</dt>
      <dd>
        {item.startsOn} 至 {item.endsOn}，共 {item.hours} 学时
      </dd>
      <dt>培训地点</dt>
      <dd>{item.venueAddress}</dd>
      <dt>场地无障碍情况</dt>
      <dd>{venueText(item.venueFeatures)}</dd>
    </dl>
  );
}

function myStatusText(item: MyClass): string {
  const words = enrolmentStatusLabels[item.status];
  return item.statusReason ? `${words}。原因：${item.statusReason}` : words;
}

function MyClassCard({ item }: { item: MyClass }) {
  return (
    <li className="my-class-card">
      <h3>{item.className}</h3>
      <p className="my-class-status">报名状态：{myStatusText(item)}</p>
      <p>培训班状态：{classStatusLabels[item.classStatus]}</p>
      <ClassFacts item={item} />
      {item.certificate && (
        <p>
          培训合格证书：{item.certificate.certificateNo}（{item.certificate.status === 'valid' ? '有效' : '已撤销'}）
        </p>
      )}
      {item.links.survey && (
        <p>
          <Link to={item.links.survey} className="link-button is-primary">
            评价这个培训班
          </Link>
        </p>
      )}
    </li>
  );
}

function OpenClassCard({ item, onChoose }: { item: OpenClass; onChoose: () => void }) {
  return (
    <li className="my-class-card">
      <h3>{item.className}</h3>
      <p>
        {classTrainingTypeLabels[item.trainingType]} · {item.programmeName}
      </p>
      <ClassFacts item={item} />
      <p>
        还有 {item.placesLeft} 个名额（共 {item.plannedSize} 人）
        {item.classStatus === 'running' ? '，已开课' : ''}
      </p>
      <Button type="primary" htmlType="button" onClick={onChoose} aria-label={`报名：${item.className}`}>
        报名
      </Button>
    </li>
  );
}

/** The check-your-answers step: what the trainee is applying for, and what happens next. */
function ConfirmApply({ item, onBack, onApplied }: { item: OpenClass; onBack: () => void; onApplied: (message: string) => void }) {
  const apply = useApply();
  const [errors, setErrors] = useState<SummaryError[]>([]);

  async function submit() {
    setErrors([]);
    try {
      await apply.mutateAsync(item.classId);
      onApplied(`已报名“${item.className}”。请等待培训机构确认录取，结果会显示在“我的培训班”中。`);
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.issues.length > 0
          ? error.issues.map((i) => ({ message: i.message }))
          : [{ message: errorMessage(error) }],
      );
    }
  }

  return (
    <>
      <PageHeader title="确认报名信息" description="请核对下面的信息，确认无误后提交报名。" />
      <ErrorSummary errors={errors} title="未能报名，原因如下" />
      <section className="check-answers" aria-labelledby="confirm-class-heading">
        <h2 id="confirm-class-heading">{item.className}</h2>
        <dl>
          <dt>培训类型</dt>
          <dd>{classTrainingTypeLabels[item.trainingType]}</dd>
          <dt>培训项目</dt>
          <dd>{item.programmeName}</dd>
        </dl>
        <ClassFacts item={item} />
        <h2>报名以后</h2>
        <p>培训机构会核对您的实名登记信息，再决定是否录取。您登记的便利需求（例如手语翻译、大字材料）会告诉培训机构，方便提前准备。</p>
      </section>
      <div className="button-row">
        <Button type="primary" htmlType="button" loading={apply.isPending} onClick={() => void submit()}>
          确认报名
        </Button>
        <Button htmlType="button" onClick={onBack}>
          返回，不报名
        </Button>
      </div>
    </>
  );
}

/** The trainee's own page (mobile first): my classes, and classes open to an application. */
export function MyClasses() {
  const mine = useMyClasses();
  const [page, setPage] = useState(1);
  const open = useOpenClasses(page, PAGE_SIZE);
  const [choosing, setChoosing] = useState<OpenClass | null>(null);
  const { message, announce, statusLine } = useAnnouncer();

  if (choosing) {
    return (
      <ConfirmApply
        item={choosing}
        onBack={() => setChoosing(null)}
        onApplied={(text) => {
          setChoosing(null);
          setPage(1);
          announce(text);
        }}
      />
    );
  }

  if (mine.isPending) {
    return (
      <>
        <PageHeader title="我的培训" />
        <LoadingState />
      </>
    );
  }
  if (mine.isError) {
    return (
      <>
        <PageHeader title="我的培训" />
        <Alert type="error" role="alert" showIcon title={errorMessage(mine.error)} />
      </>
    );
  }

  const openData = open.data;
  const pages = openData ? Math.max(1, Math.ceil(openData.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeader title="我的培训" />
      <ListStatus ref={statusLine} text={message} />
      <section aria-labelledby="my-classes-heading">
        <h2 id="my-classes-heading">我的培训班</h2>
        {mine.data.items.length === 0 ? (
          <p>您还没有报名培训班。可以在下面选择一个报名。</p>
        ) : (
          <ul className="my-class-list">
            {mine.data.items.map((item) => (
              <MyClassCard key={item.enrolmentId} item={item} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="open-classes-heading">
        <h2 id="open-classes-heading">可报名的培训班</h2>
        {open.isPending ? (
          <LoadingState />
        ) : open.isError ? (
          <Alert type="error" role="alert" showIcon title={errorMessage(open.error)} />
        ) : openData!.items.length === 0 ? (
          <p>现在没有可以报名的培训班。</p>
        ) : (
          <>
            <p>
              共 {openData!.total} 个，第 {page} / {pages} 页
            </p>
            <ul className="my-class-list">
              {openData!.items.map((item) => (
                <OpenClassCard key={item.classId} item={item} onChoose={() => setChoosing(item)} />
              ))}
            </ul>
            {pages > 1 && (
              <nav aria-label="可报名培训班分页" className="button-row">
                <Button htmlType="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  上一页
                </Button>
                <Button htmlType="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                  下一页
                </Button>
              </nav>
            )}
          </>
        )}
      </section>
    </>
  );
}
