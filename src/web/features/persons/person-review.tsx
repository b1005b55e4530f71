import { Alert, Button, Space } from 'antd';
import type { ReactNode, Ref } from 'react';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import {
  accommodationLabels,
  educationLabels,
  employmentFormLabels,
  employmentStatusLabels,
  sexLabels,
  trainingTypeLabels,
  urbanRuralLabels,
} from '../../../shared/domain/person-codes';
import type { MaskedValue } from '../../../shared/domain/masking';
import type { ValidatedPerson, ValidatedUpdate } from '../../../shared/domain/person-validation';
import type { RegionNode } from '../../../shared/domain/regions';
import { MaskedText } from '../../components/masked-text';
import { disabilityText, indexRegions, listText, regionName } from './person-labels';

interface PersonReviewProps {
  /** a new person, or an update whose numbers are present only when they change */
  person: ValidatedPerson | ValidatedUpdate;
  province: RegionNode | undefined;
  /** the stored record of an edit (its numbers masked), or null for a new person */
  editing: PersonDetail | null;
  pending: boolean;
  onConfirm: () => void;
  onBack: () => void;
  ref?: Ref<HTMLHeadingElement>;
}

/** Check your answers: everything as it will be stored, in words, before anything is saved. */
export function PersonReview({ person, province, editing, pending, onConfirm, onBack, ref }: PersonReviewProps) {
  const regions = indexRegions(province);
  /** A number as it will be stored: the new one, kept (its mask), or removed. */
  const numberText = (
    value: string | null | undefined,
    stored: MaskedValue | null,
    shown: (value: string) => string = (v) => v,
  ): ReactNode => {
    if (value === undefined) {
      return stored ? (
        <>
          <MaskedText value={stored} />
          （不修改）
        </>
      ) : (
        '未填写'
      );
    }
    if (value === null) return stored ? '删除已登记的号码' : '未填写';
    return shown(value);
  };
  const legacy = person.certificateLegacy ?? editing?.certificateLegacy ?? false;
  const rows: [string, ReactNode][] = [
    ['身份证号', numberText(person.idNumber, editing?.idNumber ?? null)],
    ['性别（由身份证号得出）', sexLabels[person.sex]],
    ['出生日期（由身份证号得出）', person.birthDate],
    [
      '残疾人证号',
      numberText(person.certificateNumber, editing?.certificateNumber ?? null, (value) => `${value}${legacy ? '（第一代地方证号）' : ''}`),
    ],
    [
      '残疾类别与等级（由残疾人证号得出）',
      legacy && person.disabilityCategory === null ? '旧版证号不含' : disabilityText(person.disabilityCategory, person.disabilityLevel),
    ],
    ['姓名', person.name],
    ['登记县区', regionName(regions, person.countyCode)],
    ['户籍地', regionName(regions, person.hukouRegionCode)],
    ['居住地', person.residenceRegionCode ? regionName(regions, person.residenceRegionCode) : '未填写'],
    ['城乡', person.urbanRural ? urbanRuralLabels[person.urbanRural] : '未填写'],
    ['文化程度', person.education ? educationLabels[person.education] : '未填写'],
    ['联系电话', numberText(person.phone, editing?.phone ?? null)],
    ['就业状况', employmentStatusLabels[person.employmentStatus]],
    ['就业形式', person.employmentForm ? employmentFormLabels[person.employmentForm] : '未填写'],
    ['培训意愿', listText(person.trainingWishes, trainingTypeLabels)],
    ['培训需求说明', person.trainingNeeds ?? '未填写'],
    ['便利需求', listText(person.accommodations, accommodationLabels)],
    ['其他便利需求', person.accommodationOther ?? '无'],
    ['备注', person.remarks ?? '未填写'],
  ];
  return (
    <section aria-labelledby="person-review-heading" className="person-review">
      <h2 id="person-review-heading" ref={ref} tabIndex={-1}>
        请核对以下信息
      </h2>
      <Alert
        type="info"
        showIcon
        title={
          editing ? '确认无误后点击“确认保存修改”。如需更改，点击“返回修改”。' : '确认无误后点击“确认登记”。如需更改，点击“返回修改”。'
        }
        className="review-hint"
      />
      <dl className="review-list">
        {rows.map(([label, value]) => (
          <div key={label} className="review-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <Space wrap className="form-actions">
        <Button type="primary" htmlType="button" loading={pending} onClick={onConfirm}>
          {editing ? '确认保存修改' : '确认登记'}
        </Button>
        <Button htmlType="button" onClick={onBack} disabled={pending}>
          返回修改
        </Button>
      </Space>
    </section>
  );
}
