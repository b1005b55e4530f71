import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as contracts from '../../../shared/contracts/certificates-contracts';
import { attachmentHeader } from '../../platform/excel-export';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { CertificatesService } from './certificates.service';

/** The origin the browser used, for QR codes when PUBLIC_BASE_URL is not configured. */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Completion exam, training certificates (with the public check) and skill-level certificates. */
export function registerCertificatesRoutes(app: FastifyInstance, certificates: CertificatesService): void {
  registerRoute(app, contracts.getClassExam, async ({ params }, request) => certificates.getExam(requireActor(request.actor), params.id));

  registerRoute(app, contracts.saveClassExam, async ({ params, body }, request) =>
    certificates.saveExam(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.listClassCertificates, async ({ params }, request) =>
    certificates.listCertificates(requireActor(request.actor), params.id),
  );

  registerRoute(app, contracts.issueCertificates, async ({ params, body }, request) =>
    certificates.issue(requireActor(request.actor), params.id, body.enrolmentIds, requestMeta(request)),
  );

  registerRoute(app, contracts.getCertificate, async ({ params }, request) =>
    certificates.get(requireActor(request.actor), params.id, originOf(request)),
  );

  registerRoute(app, contracts.downloadCertificatePdf, async ({ params }, request, reply) => {
    const { fileName, bytes } = await certificates.pdf(requireActor(request.actor), params.id, originOf(request));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachmentHeader(fileName))
      .header('cache-control', 'no-store')
      .send(Buffer.from(bytes));
  });

  registerRoute(app, contracts.revokeCertificate, async ({ params, body }, request) =>
    certificates.revoke(requireActor(request.actor), params.id, body.reason, requestMeta(request), originOf(request)),
  );

  // codes are long and random; the limit keeps anyone from walking them (as for objection lookups)
  registerRoute(app, contracts.verifyCertificate, async ({ params }) => certificates.verify(params.code), {
    rateLimit: { max: 30, timeWindow: '1 minute' },
  });

  registerRoute(app, contracts.listSkillCertificates, async ({ params }, request) =>
    certificates.listSkillCertificates(requireActor(request.actor), params.id),
  );

  registerRoute(app, contracts.recordSkillCertificate, async ({ params, body }, request) =>
    certificates.recordSkillCertificate(requireActor(request.actor), params.id, body, requestMeta(request)),
  );
}
