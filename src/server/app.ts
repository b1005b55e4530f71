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
import { loggerOptions, registerRequestLog } from './platform/logger';
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
import { registerUsersRoutes } from './modules/users/users.routes';
import { UsersService } from './modules/users/users.service';
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
}

export interface BuiltApp {
  app: FastifyInstance;
  services: AppServices;
}

export interface BuildOptions {
  /** where the log goes instead of stdout (tests read it back) */
  logStream?: DestinationStream;
}

/** The composition root: every plugin and module is wired here, in plain sight. */
export async function buildApp(config: Config, database: Database, options: BuildOptions = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    bodyLimit: config.BODY_MAX_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: () => crypto.randomUUID(),
    disableRequestLogging: true,
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerRequestLog(app);

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

  await registerWebAssets(app, config.WEB_DIST_DIR);
  return { app, services: { audit, regions, auth, users, jobs, files, persons, personImport } };
}
