import { Tag } from 'antd';
import { Link } from 'react-router';
import { type PersonDetail, unmaskPerson } from '../../../shared/contracts/persons-contracts';
import {
  accommodationLabels,
  educationLabels,
  employmentFormLabels,
  employmentStatusLabels,
  sexLabels,
  trainingTypeLabels,
  urbanRuralLabels,
} from '../../../shared/domain/person-codes';
import type { RegionNode } from '../../../shared/domain/regions';
import { DetailList } from '../../components/detail-list';
import { UnmaskValue } from '../../components/unmask-value';
import { apiCall } from '../../lib/api-client';
import { formatDateTime } from '../../lib/formatters';
import { disabilityText, listText, regionName } from './person-labels';

const unmaskFieldNames = { idNumber: '身份证号', certificateNumber: '残疾人证号', phone: '联系电话' } as const;

export function PersonProfile({
  person,
  regions,
  canUnmask,
}: {
  person: PersonDetail;
  regions: Map<string, RegionNode>;
  canUnmask: boolean;
}) {
  const unmask = (field: 'idNumber' | 'certificateNumber' | 'phone') => (
    <UnmaskValue
      fieldName={unmaskFieldNames[field]}
      ownerName={person.name}
      masked={field === 'idNumber' ? person.idNumber : field === 'certificateNumber' ? person.certificateNumber : person.phone}
      canUnmask={canUnmask}
      reveal={async (reason) => (await apiCall(unmaskPerson, { params: { id: person.id }, body: { field, reason } })).value}
    />
  );
  return (
    <DetailList
      rows={[
        ['姓名', person.name],
        ['性别', sexLabels[person.sex]],
        ['出生日期', `${person.birthDate}（${person.age} 岁）`],
        ['劳动年龄段', person.workingAge ? '是' : '否'],
        ['身份证号', unmask('idNumber')],
        [
          '残疾人证号',
          <>
            {unmask('certificateNumber')}
            {person.certificateLegacy && <Tag className="state-warn">第一代地方证号，未核验</Tag>}
          </>,
        ],
        ['残疾类别与等级', disabilityText(person.disabilityCategory, person.disabilityLevel)],
        ['登记县区', person.countyName],
        ['户籍地', regionName(regions, person.hukouRegionCode)],
        ['居住地', person.residenceRegionCode ? regionName(regions, person.residenceRegionCode) : '未登记'],
        ['城乡', person.urbanRural ? urbanRuralLabels[person.urbanRural] : '未登记'],
        ['文化程度', person.education ? educationLabels[person.education] : '未登记'],
        ['联系电话', unmask('phone')],
        [
          '就业状况',
          `${employmentStatusLabels[person.employmentStatus]}${person.employmentForm ? `（${employmentFormLabels[person.employmentForm]}）` : ''}`,
        ],
        ['备注', person.remarks ?? '无'],
        ['登记时间', formatDateTime(person.createdAt)],
        ['最近更新', formatDateTime(person.updatedAt)],
      ]}
    />
  );
}

export function PersonNeeds({ person }: { person: PersonDetail }) {
  return (
    <DetailList
      rows={[
        ['培训意愿', listText(person.trainingWishes, trainingTypeLabels)],
        ['培训需求说明', person.trainingNeeds ?? '未登记'],
        ['便利需求', listText(person.accommodations, accommodationLabels)],
        ['其他便利需求', person.accommodationOther ?? '无'],
      ]}
    />
  );
}

export function MergedNotice({ person }: { person: PersonDetail }) {
  if (person.status !== 'merged' || !person.mergedInto) return null;
  return (
    <p className="merged-notice">
      <strong>此记录已合并</strong>，不再单独使用。<Link to={`/persons/${person.mergedInto}`}>查看保留的记录</Link>
    </p>
  );
}
