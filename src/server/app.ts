import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { join } from 'node:path';
import type { Config } from './config';
import type { Database } from './db/database';
import { AuditTrail } from './platform/audit-trail';
import { registerErrorHandler } from './platform/error-handler';
import { FileStore } from './platform/file-store';
import { JobQueue } from './platform/job-queue';
import { PersonalDataCrypto } from './platform/personal-data-crypto';
import { loadPersonalDataKeys } from './platform/personal-data-keys';
import { loggerOptions, requestLogController } from './platform/logger';
import { registerOpenApi } from './platform/openapi';
import { registerPlatformRoutes } from './platform/platform.routes';
import './platform/request-context';
import { registerWebAssets } from './platform/web-assets';
import { createAuthRepository } from './modules/auth/auth.repository';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { AuthService } from './modules/auth/auth.service';
import { registerSessionGuard, sessionCookies } from './modules/auth/session-guard';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { AuditService } from './modules/audit/audit.service';
import { registerHomeRoutes } from './modules/home/home.routes';
import { HomeService } from './modules/home/home.service';
import { createRegionsRepository } from './modules/regions/regions.repository';
import { registerRegionsRoutes } from './modules/regions/regions.routes';
import { RegionsService } from './modules/regions/regions.service';
import { registerPersonsRoutes } from './modules/persons/persons.routes';
import { PersonsService } from './modules/persons/persons.service';
import { registerPersonImportRoutes } from './modules/persons/person-import.routes';
import { PERSON_IMPORT_JOB, PersonImportService } from './modules/persons/person-import.service';
// public notice (area E: notices)
import { registerNoticesRoutes } from './modules/notices/notices.routes';
import { NoticesService } from './modules/notices/notices.service';
// institutions (area A: institutions)
import { registerInstitutionsRoutes } from './modules/institutions/institutions.routes';
import { InstitutionsService } from './modules/institutions/institutions.service';
// base accreditation and county coverage (area B: accreditation)
import { registerAccreditationRoutes } from './modules/accreditation/accreditation.routes';
import { AccreditationService } from './modules/accreditation/accreditation.service';
import { loadCountyMap, registerCoverageRoutes } from './modules/accreditation/coverage.routes';
// trainer pool (area C: trainers)
import { registerTrainersRoutes } from './modules/trainers/trainers.routes';
import { TrainersService } from './modules/trainers/trainers.service';
// training classes core (class area A)
import { registerClassesRoutes } from './modules/classes/classes.routes';
import { ClassesService } from './modules/classes/classes.service';
// catalogue, competitions and high-skill talent (area D: catalogue)
import { registerCatalogueRoutes } from './modules/catalogue/catalogue.routes';
import { CatalogueService } from './modules/catalogue/catalogue.service';
import { registerContestsRoutes } from './modules/contests/contests.routes';
import { ContestsService } from './modules/contests/contests.service';
import { RegistryPersons } from './modules/contests/registry-persons';
import { registerTalentRoutes } from './modules/talent/talent.routes';
import { TalentService } from './modules/talent/talent.service';
// satisfaction survey and the evaluation feed (issue 5, area G)
import { registerSatisfactionRoutes } from './modules/satisfaction/satisfaction.routes';
import { SatisfactionService } from './modules/satisfaction/satisfaction.service';
import { registerUsersRoutes } from './modules/users/users.routes';
import { UsersService } from './modules/users/users.service';
// attendance evidence (class area D: attendance)
import { attendanceKeys } from './modules/attendance/attendance-keys';
import { registerAttendanceRoutes } from './modules/attendance/attendance.routes';
import { AttendanceService } from './modules/attendance/attendance.service';
// process inspections and class records (class area E)
import { registerInspectionsRoutes } from './modules/inspections/inspections.routes';
import { InspectionsService } from './modules/inspections/inspections.service';
import { registerClassRecordsRoutes } from './modules/class-records/class-records.routes';
import { ClassRecordsService } from './modules/class-records/class-records.service';
// enrolment and rosters (class area C)
import { registerEnrolmentRoutes } from './modules/enrolment/enrolment.routes';
import { EnrolmentService } from './modules/enrolment/enrolment.service';
// completion exam and certificates (class area F)
import { registerCertificatesRoutes } from './modules/certificates/certificates.routes';
import { CertificatesService } from './modules/certificates/certificates.service';
// subsidy claims (issue 6, area B)
import { registerClaimsRoutes } from './modules/subsidy-claims/claims.routes';
import { ClaimsService } from './modules/subsidy-claims/claims.service';
// subsidy standards, funds and ledger (issue 6, area A)
import { registerSubsidyStandardsRoutes } from './modules/subsidy-standards/subsidy-standards.routes';
import { SubsidyStandardsService } from './modules/subsidy-standards/subsidy-standards.service';
import { registerFundsRoutes } from './modules/subsidy-funds/funds.routes';
import { FundsService } from './modules/subsidy-funds/funds.service';
// subsidy notice and approval (issue 6, area C)
import { registerSubsidyApprovalRoutes } from './modules/subsidy-approval/subsidy-approval.routes';
import { SubsidyApprovalService } from './modules/subsidy-approval/subsidy-approval.service';
// payment batches, payments and reversals (issue 6, area D)
import { registerSubsidyPaymentsRoutes } from './modules/subsidy-payments/subsidy-payments.routes';
import { SubsidyPaymentsService } from './modules/subsidy-payments/subsidy-payments.service';
// money trail and fraud signals (issue 6, area E)
import { registerFundSupervisionRoutes } from './modules/fund-supervision/fund-supervision.routes';
import { MoneyTrailService } from './modules/fund-supervision/money-trail.service';
import { FraudSignalsService } from './modules/fund-supervision/fraud-signals.service';
import { can } from '../shared/domain/permissions';

export const version = '0.1.0';

export interface AppServices {
  audit: AuditTrail;
  regions: RegionsService;
  auth: AuthService;
  users: UsersService;
  jobs: JobQueue;
  files: FileStore;
  persons: PersonsService;
  personImport: PersonImportService;
  /** public notice (area E): subject modules call open() and registerSubject() */
  notices: NoticesService;
  /** training institutions (area A) */
  institutions: InstitutionsService;
  /** base accreditation and county coverage (area B) */
  accreditation: AccreditationService;
  /** trainer pool (area C); classes ask trainers.mayTeach(trainerId, date, waivers) */
  trainers: TrainersService;
  /** training classes (class area A); other areas add registerGuard/registerEffect right after constructing theirs */
  classes: ClassesService;
  /** attendance evidence (class area D); completion and training history call attendance.ratesForClass */
  attendance: AttendanceService;
  /** subsidy claims (issue 6, area B): generated when a class closes */
  claims: ClaimsService;
  /** subsidy notice lists and the approval chain (issue 6, area C) */
  subsidyApproval: SubsidyApprovalService;
}

export interface BuiltApp {
  app: FastifyInstance;
  services: AppServices;
}

export interface BuildOptions {
  /** where the log goes instead of stdout (tests read it back) */
  logStream?: DestinationStream;
  /** the time services read "now" from; tests pass a settable one to check time rules */
  clock?: () => Date;
}

/** The composition root: every plugin and module is wired here, in plain sight. */
export async function buildApp(config: Config, database: Database, options: BuildOptions = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    bodyLimit: config.BODY_MAX_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: () => crypto.randomUUID(),
    logController: requestLogController(),
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // API answers carry personal data: never cached unless a route says so (regions do).
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  const { db } = database;
  const audit = new AuditTrail(db);
  registerErrorHandler(app, audit);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.COOKIE_SECURE ? [] : null,
      },
    },
    hsts: config.COOKIE_SECURE,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 10 } });

  const regions = new RegionsService(createRegionsRepository(db), config.PROVINCE_CODE);
  await regions.load();
  const auth = new AuthService(createAuthRepository(db), regions, audit, config);
  const users = new UsersService(db, audit, auth, regions, config);
  const jobs = new JobQueue(db, app.log, { leaseSeconds: config.JOB_LEASE_SECONDS });
  const files = new FileStore(db, join(config.DATA_DIR, 'files'), config.UPLOAD_MAX_BYTES);
  const persons = new PersonsService(db, audit, regions, new PersonalDataCrypto(loadPersonalDataKeys(config)), {
    workingAge: { min: config.WORKING_AGE_MIN, maxMale: config.WORKING_AGE_MAX_MALE, maxFemale: config.WORKING_AGE_MAX_FEMALE },
    exportMaxRows: config.PERSONS_EXPORT_MAX_ROWS,
    countCap: 10_000,
  });
  // PGlite: a transaction holds the only connection, so batches stay short and leave a gap for requests
  const personImport = new PersonImportService(db, persons, regions, files, jobs, audit, config, {
    ...(database.kind === 'pglite' ? { batchSize: 1000, pauseBetweenBatchesMs: 10 } : { batchSize: 5000 }),
  });
  jobs.register(PERSON_IMPORT_JOB, (context) => personImport.run(context));
  // public notice (area E): subject modules register their outcome handlers on it (registerSubject)
  const notices = new NoticesService(
    db,
    audit,
    persons.crypto,
    regions,
    { noticeDays: config.NOTICE_DAYS },
    options.clock ?? (() => new Date()),
  );
  // institutions (area A): on notice when submitted, active or refused when the notice settles
  const institutions = new InstitutionsService(db, audit, regions, notices, auth, users);
  notices.registerSubject('institution', institutions.noticeHandlers());
  // base accreditation (area B): on notice when granted, active or refused when the notice settles
  const accreditation = new AccreditationService(db, audit, regions, notices, institutions, {
    reminderDays: config.ACCREDITATION_REMINDER_DAYS,
    evaluationIntervalMonths: config.EVALUATION_INTERVAL_MONTHS,
  });
  accreditation.registerNoticeHandlers();
  // satisfaction survey (area G): reads the accreditation for the evaluation feed
  const satisfaction = new SatisfactionService(db, audit, accreditation, { ...(options.clock && { clock: options.clock }) });
  // trainer pool (area C: trainers)
  const trainers = new TrainersService(db, audit, regions, persons.crypto, persons, institutions, {
    dueSoonDays: config.TRAINER_ROTATION_DUE_SOON_DAYS,
    exportMaxRows: 50_000,
    clock: () => new Date(),
  });
  // training classes core (class area A): the status machine; other areas hook guards and effects onto it
  const classes = new ClassesService(db, audit, regions, trainers, {
    submitLeadDays: config.CLASS_SUBMIT_LEAD_DAYS,
    reviewWorkingDays: config.CLASS_REVIEW_WORKING_DAYS,
    holidays: config.CLASS_HOLIDAYS,
    workingWeekends: config.CLASS_WORKING_WEEKENDS,
    clock: options.clock ?? (() => new Date()),
  });
  // catalogue (area D): programme versions on notice; active (superseding the one in force) or refused when it settles
  const catalogue = new CatalogueService(db, audit, regions, notices);
  notices.registerSubject('programme', catalogue.noticeHandlers());
  const registryPersons = new RegistryPersons(db, persons, regions);
  const contests = new ContestsService(db, audit, regions, registryPersons);
  const talent = new TalentService(db, audit, registryPersons, regions);
  // attendance evidence (class area D): QR keys derived from the personal-data MAC key
  const attendance = new AttendanceService(db, audit, attendanceKeys(loadPersonalDataKeys(config)), {
    tokenSeconds: config.CLASS_QR_TOKEN_SECONDS,
    graceMinutes: config.CLASS_SIGN_IN_GRACE_MINUTES,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    clock: options.clock ?? (() => new Date()),
  });
  // process inspections and class records (class area E); photos at most 10 MB
  const inspections = new InspectionsService(db, audit, {
    photoMaxBytes: Math.min(config.UPLOAD_MAX_BYTES, 10 * 1024 * 1024),
    ...(options.clock && { clock: options.clock }),
  });
  const classRecords = new ClassRecordsService(db, audit, { ...(options.clock && { clock: options.clock }) });
  // enrolment (class area C): registry lookups through the persons module, rates from attendance
  const enrolment = new EnrolmentService(db, audit, persons, attendance, { clock: options.clock ?? (() => new Date()) });
  // completion exam and certificates (class area F): the pass decision is fixed when completion is submitted
  const certificates = new CertificatesService(db, audit, attendance, {
    publicBaseUrl: config.PUBLIC_BASE_URL,
    ...(options.clock && { clock: options.clock }),
  });
  classes.registerGuard('submit_completion', (trx, row) => certificates.completionGuard(trx, row));
  classes.registerEffect('submit_completion', (trx, row) => certificates.completionEffect(trx, row));
  classes.registerGuard('close', (trx, row) => certificates.closeGuard(trx, row));
  // --- subsidies (issue 6): each area constructs its service in its own block, in this order ---
  // --- subsidies area A: standards, funds and ledger ---
  const subsidyStandards = new SubsidyStandardsService(db, audit, regions, { ...(options.clock && { clock: options.clock }) });
  const funds = new FundsService(db, audit, regions, { ...(options.clock && { clock: options.clock }) });
  // --- end subsidies area A ---
  // --- subsidies area B: claims ---
  const claims = new ClaimsService(db, audit, regions, persons.crypto, {
    windowDays: config.SUBSIDY_CLAIM_WINDOW_DAYS,
    eligibility: { yearlyCapFen: config.SUBSIDY_YEARLY_CAP_FEN, regionMatch: config.SUBSIDY_REGION_MATCH },
    ...(options.clock && { clock: options.clock }),
  });
  // the certificate holders' claims are drafted in the transaction that closes the class
  classes.registerEffect('close', (trx, row, actor) => claims.closeEffect(trx, row, actor));
  // --- end subsidies area B ---
  // --- subsidies area C: notice and approval ---
  const subsidyApproval = new SubsidyApprovalService(db, audit, regions, notices, {
    noticeDays: config.SUBSIDY_NOTICE_DAYS,
    stepWorkingDays: config.SUBSIDY_STEP_WORKING_DAYS,
    holidays: config.CLASS_HOLIDAYS,
    workingWeekends: config.CLASS_WORKING_WEEKENDS,
    eligibility: { yearlyCapFen: config.SUBSIDY_YEARLY_CAP_FEN, regionMatch: config.SUBSIDY_REGION_MATCH },
    ...(options.clock && { clock: options.clock }),
  });
  // subsidy lists on notice: effective → noticed; an upheld objection on a line or the list → held
  notices.registerSubject('subsidy_list', subsidyApproval.noticeHandlers());
  // --- end subsidies area C ---
  // --- subsidies area D: payments ---
  // full bank accounts for the finance export are opened with the personal-data keys
  const subsidyPayments = new SubsidyPaymentsService(db, audit, regions, persons.crypto, {
    ...(options.clock && { clock: options.clock }),
  });
  // --- end subsidies area D ---
  // --- subsidies area E: money trail and fraud signals ---
  const moneyTrail = new MoneyTrailService(db, attendance);
  const fraudSignals = new FraudSignalsService(db, audit, regions, {
    sharedContactMin: config.FRAUD_SHARED_CONTACT_MIN,
    passRateMinTrainees: config.FRAUD_PASS_RATE_MIN_TRAINEES,
  });
  // --- end subsidies area E ---
  const home = new HomeService(regions, [
    async (actor) =>
      can(actor.roles, 'users.manage')
        ? [{ key: 'users.locked', label: '已锁定的账号', count: await users.countLocked(actor), href: '/users' }]
        : [],
    async (actor) =>
      can(actor.roles, 'audit.read')
        ? [
            {
              key: 'audit.denied',
              label: '近 7 天被拒绝的访问',
              count: await audit.countRecent('denied', 7),
              href: '/audit?outcome=denied',
            },
          ]
        : [],
    async (actor) => {
      const count = can(actor.roles, 'persons.merge') ? await persons.countDuplicatesForHome(actor) : null;
      return count === null ? [] : [{ key: 'persons.duplicates', label: '疑似重复登记', count, href: '/persons/duplicates' }];
    },
    // public notice (area E): notices held by an objection nobody has decided yet
    async (actor) =>
      actor.kind === 'staff' && can(actor.roles, 'notices.handle')
        ? [{ key: 'notices.held', label: '有异议待处理的公示', count: await notices.countHeldForHome(actor), href: '/notices?status=held' }]
        : [],
    // institutions (area A): registered but not yet put on notice
    async (actor) =>
      actor.kind === 'staff' && can(actor.roles, 'institutions.write')
        ? [
            {
              key: 'institutions.awaiting_notice',
              label: '待提交公示的培训机构',
              count: await institutions.countAwaitingNotice(actor),
              href: '/institutions?status=draft',
            },
          ]
        : [],
    // base accreditation (area B): terms ending and evaluations falling due
    async (actor) =>
      actor.kind === 'staff' && can(actor.roles, 'accreditation.review')
        ? [
            {
              key: 'accreditation.reminders',
              label: '基地挂牌到期与评估提醒',
              count: await accreditation.countDueForHome(actor),
              href: '/accreditations/reminders',
            },
          ]
        : [],
    // training classes (class area A): open reviews for reviewers, returned applications for institutions
    async (actor) => {
      if (actor.kind === 'staff' && can(actor.roles, 'classes.review')) {
        const { open, overdue } = await classes.countReviewsForHome(actor);
        const label = overdue > 0 ? `待审核的开班申请/结业审核（其中 ${overdue} 项已逾期）` : '待审核的开班申请/结业审核';
        return [{ key: 'classes.review', label, count: open, href: '/classes/review' }];
      }
      if (actor.kind === 'institution' && can(actor.roles, 'classes.apply')) {
        const count = await classes.countReturnedForHome(actor);
        return [{ key: 'classes.returned', label: '退回修改的培训班', count, href: '/classes?status=returned' }];
      }
      return [];
    },
    // trainer pool (area C): trainers past their five-year rotation due date
    async (actor) =>
      actor.kind === 'staff' && can(actor.roles, 'trainers.rotation')
        ? [
            {
              key: 'trainers.overdue',
              label: '轮训已逾期的师资',
              count: await trainers.countOverdue(actor),
              href: '/trainers/rotation-due',
            },
          ]
        : [],
    // high-skill talent (area D): competition winners waiting for a decision
    async (actor) =>
      actor.kind === 'staff' && can(actor.roles, 'talent.write')
        ? [
            {
              key: 'talent.candidates',
              label: '待处理的竞赛获奖候选人',
              count: await talent.countOpenCandidates(actor),
              href: '/talent/candidates',
            },
          ]
        : [],
    // subsidy approval (issue 6, area C): claims waiting for a review step this account takes
    async (actor) => {
      if (actor.kind !== 'staff' || !can(actor.roles, 'subsidy_claims.approve')) return [];
      const waiting = await subsidyApproval.countForHome(actor);
      return [
        {
          key: 'subsidies.review',
          label: `待审核的补贴申领（其中 ${waiting.overdue} 项已逾期）`,
          count: waiting.count,
          href: '/subsidies/review',
        },
      ];
    },
    // satisfaction survey (area G): classes that ended and wait for the trainee's answer
    async (actor) =>
      actor.kind === 'trainee' && can(actor.roles, 'satisfaction.answer')
        ? [
            {
              key: 'satisfaction.awaiting',
              label: '等我评价的培训班',
              count: (await satisfaction.mySurveys(actor)).items.length,
              href: '/my/classes',
            },
          ]
        : [],
  ]);

  const cookies = sessionCookies(config);
  registerSessionGuard(app, auth, cookies);
  await registerOpenApi(app);

  registerPlatformRoutes(app, database, jobs, files, version);
  registerRegionsRoutes(app, regions);
  registerAuthRoutes(app, auth, cookies);
  registerHomeRoutes(app, home);
  registerUsersRoutes(app, users);
  registerAuditRoutes(app, new AuditService(db, audit));
  registerPersonsRoutes(app, persons);
  registerPersonImportRoutes(app, personImport);
  registerNoticesRoutes(app, notices, config); // public notice (area E)
  registerInstitutionsRoutes(app, institutions); // institutions (area A)
  registerTrainersRoutes(app, trainers); // trainer pool (area C)
  registerClassesRoutes(app, classes, files); // training classes core (class area A)
  registerAccreditationRoutes(app, accreditation, files); // base accreditation (area B)
  registerCoverageRoutes(app, accreditation, loadCountyMap(config.PROVINCE_CODE)); // county coverage (area B)
  // catalogue, competitions and high-skill talent (area D)
  registerCatalogueRoutes(app, catalogue);
  registerContestsRoutes(app, contests);
  registerTalentRoutes(app, talent);
  registerSatisfactionRoutes(app, satisfaction); // satisfaction survey and evaluation feed (area G)
  registerAttendanceRoutes(app, attendance); // attendance evidence (class area D)
  registerInspectionsRoutes(app, inspections, files); // process inspections (class area E)
  registerClassRecordsRoutes(app, classRecords, files); // class records 台账 (class area E)
  registerEnrolmentRoutes(app, enrolment); // enrolment and rosters (class area C)
  registerCertificatesRoutes(app, certificates); // completion exam and certificates (class area F)
  // subsidies (issue 6): one line per area, in area order
  registerSubsidyStandardsRoutes(app, subsidyStandards); // subsidy standards (area A)
  registerFundsRoutes(app, funds); // funds, ledger and reconciliation (area A)
  registerClaimsRoutes(app, claims); // subsidy claims (area B)
  registerSubsidyApprovalRoutes(app, subsidyApproval); // subsidy notice and approval (area C)
  registerSubsidyPaymentsRoutes(app, subsidyPayments); // payment batches and payments (area D)
  registerFundSupervisionRoutes(app, moneyTrail, fraudSignals, files); // money trail and fraud signals (area E)

  await registerWebAssets(app, config.WEB_DIST_DIR);
  return {
    app,
    services: {
      audit,
      regions,
      auth,
      users,
      jobs,
      files,
      persons,
      personImport,
      notices,
      institutions,
      trainers,
      classes,
      accreditation,
      attendance,
      claims,
      subsidyApproval,
    },
  };
}
