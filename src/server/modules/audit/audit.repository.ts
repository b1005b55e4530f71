import type { Kysely } from 'kysely';
import type { Tables } from '../../db/tables';

export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
  q?: string | undefined;
  scopeCodes: string[] | null;
  page: number;
  pageSize: number;
}

export const auditRepository = {
  async search(db: Kysely<Tables>, filter: AuditFilter) {
    let query = db.selectFrom('audit_log');
    // Dates are the federation's calendar days (China Standard Time, no daylight saving).
    if (filter.from) query = query.where('occurred_at', '>=', new Date(`${filter.from}T00:00:00+08:00`));
    if (filter.to) query = query.where('occurred_at', '<', new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000));
    if (filter.action) query = query.where('action', 'like', `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome as never);
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('actor_name', 'ilike', like), eb('target_id', 'ilike', like), eb('ip', 'ilike', like), eb('request_id', '=', filter.q!)]),
      );
    }
    if (filter.scopeCodes) query = query.where((eb) => eb.or([eb('region_code', 'in', filter.scopeCodes!), eb('region_code', 'is', null)]));
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },
};
