import { z } from 'zod';
import type { Action } from '../domain/permissions';

// Validation messages in Chinese, in the browser and on the server alike.
z.config(z.locales.zhCN());
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? '此项为必填' : undefined),
});

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint: method, path, the action the permission matrix decides on, and the zod schemas
 * of its request and its success response. The server registers routes from these, the OpenAPI
 * document is generated from them and the web client takes its types from them.
 */
export interface Contract<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string;
  action: Action;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** multipart/form-data upload: the body is read by the route, not by a schema */
  multipart?: boolean;
  /** the answer is a file download, not JSON */
  download?: boolean;
}

export function defineContract<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(contract: Contract<P, Q, B, R>): Contract<P, Q, B, R> {
  return contract;
}

type Infer<S> = S extends z.ZodType ? z.input<S> : undefined;
export type ContractParams<C> = C extends Contract<infer P, infer _Q, infer _B, infer _R> ? Infer<P> : never;
export type ContractQuery<C> = C extends Contract<infer _P, infer Q, infer _B, infer _R> ? Infer<Q> : never;
export type ContractBody<C> = C extends Contract<infer _P, infer _Q, infer B, infer _R> ? Infer<B> : never;
export type ContractResponse<C> = C extends Contract<infer _P, infer _Q, infer _B, infer R> ? z.output<R> : never;

/** Shared building blocks. */
export const uuid = z.uuid();
export const idParams = z.object({ id: z.uuid() });
export const okResponse = z.object({ ok: z.literal(true) });
export const isoDateTime = z.string();

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/**
 * Chinese names of request fields, so that a validation message can say which field is wrong.
 * One entry per field name used in any contract.
 */
export const fieldLabels: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  code: '动态验证码',
  displayName: '姓名',
  kind: '账号类型',
  regionCode: '所属区域',
  viewRegionCode: '查看区域',
  roles: '岗位角色',
  page: '页码',
  pageSize: '每页条数',
  q: '关键字',
  status: '状态',
  id: '编号',
  from: '开始时间',
  to: '结束时间',
  action: '操作',
  outcome: '结果',
  actorId: '操作人',
  careMode: '关怀模式',
  phone: '手机号',
  reason: '原因',
  organizationName: '所属单位',
  idNumber: '身份证号',
  certificateNumber: '残疾人证号',
  certificateLegacy: '旧版残疾人证',
  name: '姓名',
  countyCode: '登记县区',
  hukouRegionCode: '户籍地',
  residenceRegionCode: '居住地',
  urbanRural: '城乡',
  education: '文化程度',
  employmentStatus: '就业状况',
  employmentForm: '就业形式',
  employerName: '就业单位',
  startedOn: '开始日期',
  trainingWishes: '培训意愿',
  trainingNeeds: '培训需求',
  accommodations: '便利需求',
  accommodationOther: '其他便利需求',
  remarks: '备注',
  version: '版本号',
  purpose: '同意目的',
  scope: '同意范围',
  givenOn: '同意日期',
  withdrawnOn: '撤回日期',
  number: '证件号码',
  field: '查看项目',
  survivorId: '保留记录',
  mergedId: '被合并记录',
  fileId: '文件',
  strategy: '导入方式',
  dryRun: '试运行',
  full: '完整导出',
  disabilityCategory: '残疾类别',
  disabilityLevel: '残疾等级',
  ageMin: '最小年龄',
  ageMax: '最大年龄',
  workingAge: '劳动年龄段',
  trainingWish: '培训意愿',
  accommodation: '便利需求',
  sort: '排序',
  order: '排序方向',
  // trainer pool (area C: trainers)
  sex: '性别',
  sources: '来源类别',
  source: '来源类别',
  engagement: '专职/兼职',
  occupations: '授课职业（工种）',
  occupation: '职业（工种）',
  joinedOn: '入库日期',
  leftOn: '退出日期',
  personId: '关联残疾人',
  qualifications: '证书与资质',
  title: '证书名称',
  serialNumber: '证书编号',
  level: '等级',
  issuer: '发证机构',
  issuedOn: '发证日期',
  expiresOn: '有效期至',
  institutions: '所在机构',
  institutionId: '培训机构',
  role: '承担角色',
  fromOn: '起始日期',
  toOn: '截止日期',
  completedOn: '结业日期',
  hours: '学时',
  baseId: '师资研修基地',
  providerName: '培训举办单位',
  topic: '培训主题',
  result: '考核结果',
  rotationState: '轮训状态',
  on: '授课日期',
  dueSoonDays: '提前提醒天数',
  designatedOn: '认定日期',
  // endedOn: '结束日期' is in the catalogue block below
  correction: '更正后的记录',
  trainerIds: '师资',
  note: '说明',
  // base accreditation (area B: accreditation)
  baseName: '基地名称',
  baseKind: '基地类别',
  requestedTier: '申请级别',
  tier: '挂牌级别',
  plaqueNo: '牌匾编号',
  termStart: '有效期开始',
  termEnd: '有效期结束',
  documentIds: '附件',
  scores: '评分',
  evaluatedOn: '评估日期',
  downgradeTo: '降至级别',
  items: '评分项',
  thresholds: '分数线',
  keepMin: '保留分数线',
  downgradeMin: '降级分数线',
  suspendMin: '暂停分数线',
  maxScore: '满分',
  label: '评分项名称',
  key: '评分项代码',
  withinDays: '提前天数',
  cityCode: '市州',
  command: '操作',
  // public notice (area E: notices)
  content: '异议内容',
  anonymous: '匿名提交',
  contact: '联系方式',
  website: '网址（请勿填写）',
  formToken: '表单凭据',
  lookupCode: '查询码',
  decision: '处理结论',
  objectionId: '异议编号',
  // institutions (area A: institutions)
  institutionName: '机构名称',
  institutionKind: '机构类型',
  creditCode: '统一社会信用代码',
  address: '详细地址',
  contactName: '联系人',
  contactPhone: '联系电话',
  accessibility: '无障碍设施与服务',
  accessibilityFeature: '无障碍设施与服务',
  accessibilityNote: '无障碍说明',
  offeredOccupations: '开设职业（工种）',
  institutionAdmin: '机构管理员',
  accountId: '账号',
  // end institutions
  // catalogue, competitions and high-skill talent (area D: catalogue)
  programmeCode: '项目编码',
  skill: '工种/技能',
  trainingType: '培训类型',
  skillLevel: '技能等级',
  targetCategories: '面向残疾类别',
  subsidyStandardRef: '补贴标准参照',
  brands: '特色品牌',
  brand: '特色品牌',
  description: '项目说明',
  startsOn: '开始日期',
  endsOn: '结束日期',
  venue: '比赛地点',
  organiser: '主办单位',
  results: '成绩',
  entrantId: '参赛人员',
  lineId: '经费条目',
  rank: '名次',
  score: '成绩分数',
  award: '奖项',
  category: '类别',
  amountFen: '金额（分）',
  categories: '人才类别',
  specialty: '技能专长',
  evidence: '认定依据',
  masterMemberId: '师傅（名册人员）',
  masterName: '师傅姓名',
  apprenticePersonId: '徒弟',
  craft: '传授技艺',
  goals: '带徒目标',
  recordedOn: '记录日期',
  milestone: '达成的阶段目标',
  endedOn: '结束日期',
  // training classes core (class area A)
  programmeId: '培训项目',
  venueBaseId: '挂牌基地',
  venueAddress: '培训地点',
  venueRegionCode: '培训地点所在区域',
  venueFeatures: '场地无障碍情况',
  venueNotes: '场地说明',
  plannedSize: '计划人数',
  budgetFen: '预算（分）',
  accommodationsOffered: '提供的便利服务',
  examOn: '考核日期',
  trainers: '授课师资',
  sessions: '课程表',
  startsAt: '上课时间',
  endsAt: '下课时间',
  trainerId: '授课师资',
  comment: '意见',
  trainingYear: '培训年度',
  // end training classes core
  // inspections and class records (area E)
  sampleSize: '抽取数量',
  plannedOn: '计划检查日期',
  inspectionKind: '检查方式',
  classId: '培训班',
  drawId: '抽查批次',
  rectificationOverdue: '整改逾期',
  inspectedOn: '检查日期',
  findings: '检查发现',
  conclusion: '检查结论',
  rectificationRequest: '整改要求',
  rectificationDueOn: '整改期限',
  photoIds: '现场照片',
  replyText: '整改情况说明',
  recordKind: '资料类别',
  recordTitle: '资料名称',
  durationSeconds: '视频时长（秒）',
  storageLocation: '存放位置',
  sha256: 'SHA-256 校验值',
  videoRecordedOn: '录制日期',
  // end inspections and class records
  // completion and certificates (area F)
  absent: '缺考',
  enrolmentIds: '学员',
  certificateNo: '证书编号',
  // end completion and certificates
  // attendance (area D)
  marks: '点名记录',
  enrolmentId: '学员',
  signedIn: '已签到',
  signedInAt: '签到时间',
  signedOut: '已签退',
  signedOutAt: '签退时间',
  rosterVersion: '点名表版本',
  direction: '签到或签退',
  deviceId: '设备标识',
  token: '二维码',
  // end attendance
  // enrolment (area C: enrolment)
  participantKind: '学员类型',
  organisation: '所在单位',
  position: '岗位/职务',
  // end enrolment
  // satisfaction survey (area G: satisfaction)
  surveyVersion: '问卷版本',
  answers: '问卷答案',
  groupBy: '统计方式',
  year: '年度',
  // end satisfaction
  // subsidy standards, funds and ledger (subsidies area A)
  tuitionFen: '培训费标准（分）',
  materialsFen: '教材资料费标准（分）',
  examFeeFen: '考核鉴定费标准（分）',
  assistingStaffFen: '辅助教学人员补贴（分）',
  effectiveFrom: '开始执行日期',
  effectiveTo: '停止执行日期',
  basis: '文件依据',
  fundKind: '资金类别',
  fundCode: '资金编码',
  fundName: '资金名称',
  donor: '捐赠方',
  voucherRef: '凭证号',
  memo: '摘要',
  // end subsidies area A
  // subsidy claims (subsidies area B)
  jobSeekingRegionCode: '求职地',
  otherFunding: '其他资金申报',
  payeeKind: '收款人类别',
  payeeName: '收款人',
  bankName: '开户银行',
  bankAccount: '银行账号',
  claimNo: '申领编号',
  overdue: '超过申领期限',
  dueOn: '申领期限',
  // end subsidies area B
  // payment batches (subsidies area D)
  fundId: '资金',
  claimIds: '申领',
  claimId: '申领',
  'idempotency-key': '幂等键（Idempotency-Key）',
  // end subsidies area D
  // notice and approval (subsidies area C)
  lineNo: '异议针对的行号',
  step: '审核环节',
  noticeId: '公示',
  // end subsidies area C
  // money trail and fraud signals (subsidies area E)
  signalKey: '疑点线索',
  // end subsidies area E
};
