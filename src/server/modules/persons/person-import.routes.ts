import type { FastifyInstance } from 'fastify';
import { importTemplate, startImport } from '../../../shared/contracts/persons-contracts';
import { attachmentHeader, XLSX_MEDIA_TYPE } from '../../platform/excel-export';
import { requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { PersonImportService } from './person-import.service';

/** The import's two routes: the template to download, and starting an import of an uploaded file. */
export function registerPersonImportRoutes(app: FastifyInstance, imports: PersonImportService): void {
  registerRoute(app, importTemplate, async (_input, _request, reply) =>
    reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentHeader('残疾人实名制登记导入模板.xlsx'))
      .header('cache-control', 'no-store')
      .send(await imports.templateWorkbook()),
  );

  registerRoute(app, startImport, async ({ body }, request) => imports.start(requireActor(request.actor), body));
}
