import { sql } from 'kysely';
import type { AttendanceFlag, AttendanceMethod } from '../../../shared/domain/class-attendance';
import type { Db } from '../../db/database';

export interface SessionRow {
  id: string;
  class_id: string;
  county_code: string;
  seq: number;
  topic: string;
  starts_at: Date;
  ends_at: Date;
}

export interface RosterLineRow {
  enrolment_id: string;
  person_id: string | null;
  name: string;
  id_number_masked: string | null;
  organisation: string | null;
}

export interface AttendanceRow {
  id: string;
  session_id: string;
  enrolment_id: string;
  signed_in_at: Date | null;
  signed_out_at: Date | null;
  method_in: AttendanceMethod | null;
  method_out: AttendanceMethod | null;
  device_hash: string | null;
  flags: AttendanceFlag[];
}

/** An attendance row as the flag rules need it: its session's times, class and person. */
export interface FactRow {
  session_id: string;
  enrolment_id: string;
  class_id: string;
  class_name: string;
  person_id: string | null;
  signed_in_at: Date | null;
  signed_out_at: Date | null;
  device_hash: string | null;
  flags: AttendanceFlag[];
  starts_at: Date;
  ends_at: Date;
}

const sessionColumns = ['id', 'class_id', 'county_code', 'seq', 'topic', 'starts_at', 'ends_at'] as const;

/** The SQL of attendance evidence; every function takes the class (or session) it is about. */
export const attendanceRepository = {
  /** Enrolled roster lines of a class with the number of sessions each signed in to. */
  async attendedCounts(db: Db, classId: string) {
    return db
      .selectFrom('class_enrolment as e')
      .leftJoin('attendance as a', (join) => join.onRef('a.enrolment_id', '=', 'e.id').on('a.signed_in_at', 'is not', null))
      .where('e.class_id', '=', classId)
      .where('e.status', '=', 'enrolled')
      .groupBy('e.id')
      .select((eb) => ['e.id as enrolmentId', eb.fn.count<string>('a.id').as('attended')])
      .execute();
  },

  async sessionCount(db: Db, classId: string): Promise<number> {
    const row = await db
      .selectFrom('class_session')
      .where('class_id', '=', classId)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  async sessionsOfClass(db: Db, classId: string): Promise<SessionRow[]> {
    return db.selectFrom('class_session').select(sessionColumns).where('class_id', '=', classId).orderBy('seq').execute();
  },

  async sessionOfClass(db: Db, classId: string, sessionId: string): Promise<SessionRow | undefined> {
    return db
      .selectFrom('class_session')
      .select(sessionColumns)
      .where('class_id', '=', classId)
      .where('id', '=', sessionId)
      .executeTakeFirst();
  },

  async sessionById(db: Db, sessionId: string): Promise<SessionRow | undefined> {
    return db.selectFrom('class_session').select(sessionColumns).where('id', '=', sessionId).executeTakeFirst();
  },

  /** Per session: how many signed in, signed out, and carry a flag. */
  async sessionCounts(db: Db, classId: string) {
    return db
      .selectFrom('attendance')
      .where('class_id', '=', classId)
      .groupBy('session_id')
      .select((eb) => [
        'session_id',
        eb.fn.count<string>('signed_in_at').as('signed_in'),
        eb.fn.count<string>('signed_out_at').as('signed_out'),
        sql<string>`count(*) FILTER (WHERE cardinality(flags) > 0)`.as('flagged'),
      ])
      .execute();
  },

  /** The enrolled roster of a class, in a stable order (name, then enrolment). */
  async rosterLines(db: Db, classId: string): Promise<RosterLineRow[]> {
    return db
      .selectFrom('class_enrolment as e')
      .leftJoin('person as p', 'p.id', 'e.person_id')
      .where('e.class_id', '=', classId)
      .where('e.status', '=', 'enrolled')
      .select([
        'e.id as enrolment_id',
        'e.person_id',
        sql<string>`coalesce(p.name, e.external_name, '')`.as('name'),
        'p.id_number_masked',
        'e.external_organisation as organisation',
      ])
      .orderBy('name')
      .orderBy('e.id')
      .execute();
  },

  async attendanceOfSession(db: Db, sessionId: string): Promise<AttendanceRow[]> {
    return db
      .selectFrom('attendance')
      .select(['id', 'session_id', 'enrolment_id', 'signed_in_at', 'signed_out_at', 'method_in', 'method_out', 'device_hash', 'flags'])
      .where('session_id', '=', sessionId)
      .execute();
  },

  /** Rows of a class carrying a flag, with the session and the trainee's name, for the anomaly list. */
  async flaggedOfClass(db: Db, classId: string) {
    return db
      .selectFrom('attendance as a')
      .innerJoin('class_session as s', 's.id', 'a.session_id')
      .innerJoin('class_enrolment as e', 'e.id', 'a.enrolment_id')
      .leftJoin('person as p', 'p.id', 'e.person_id')
      .where('a.class_id', '=', classId)
      .where(sql<boolean>`cardinality(a.flags) > 0`)
      .select([
        'a.session_id',
        'a.enrolment_id',
        'a.flags',
        'a.device_hash',
        'a.signed_in_at',
        'a.signed_out_at',
        'e.person_id',
        's.seq',
        's.topic',
        's.starts_at',
        's.ends_at',
        sql<string>`coalesce(p.name, e.external_name, '')`.as('name'),
      ])
      .orderBy('s.seq')
      .orderBy('name')
      .execute();
  },

  /** The facts of every row in the given sessions. */
  async factsOfSessions(db: Db, sessionIds: string[]): Promise<FactRow[]> {
    if (sessionIds.length === 0) return [];
    return factQuery(db).where('a.session_id', 'in', sessionIds).execute();
  },

  /**
   * The rows of these persons in other classes' sessions overlapping any of the given sessions:
   * what the two-places rule compares with.
   */
  async overlappingFactsOfPersons(db: Db, personIds: string[], sessionIds: string[]): Promise<FactRow[]> {
    if (personIds.length === 0 || sessionIds.length === 0) return [];
    return factQuery(db)
      .where('e.person_id', 'in', personIds)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('class_session as mine')
            .where('mine.id', 'in', sessionIds)
            .whereRef('mine.class_id', '<>', 's.class_id')
            .whereRef('mine.starts_at', '<', 's.ends_at')
            .whereRef('s.starts_at', '<', 'mine.ends_at')
            .select(sql`1`.as('one')),
        ),
      )
      .execute();
  },

  /**
   * Serialises the writes of one session (scans and markings): each recomputes the flags of the
   * session's other rows, and two doing so at once could otherwise lock each other's rows.
   */
  async lockSession(db: Db, sessionId: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`attendance:${sessionId}`}))`.execute(db);
  },

  async setFlags(db: Db, sessionId: string, enrolmentId: string, flags: AttendanceFlag[]): Promise<void> {
    await db.updateTable('attendance').set({ flags }).where('session_id', '=', sessionId).where('enrolment_id', '=', enrolmentId).execute();
  },

  /** The enrolled roster line of a person in a class. */
  async enrolmentOfPerson(db: Db, classId: string, personId: string): Promise<{ id: string } | undefined> {
    return db
      .selectFrom('class_enrolment')
      .select('id')
      .where('class_id', '=', classId)
      .where('person_id', '=', personId)
      .where('status', '=', 'enrolled')
      .executeTakeFirst();
  },

  async personOfUser(db: Db, userId: string): Promise<string | null> {
    const row = await db.selectFrom('app_user').select('person_id').where('id', '=', userId).executeTakeFirst();
    return row?.person_id ?? null;
  },

  async acceptedScanExists(db: Db, nonce: string, enrolmentId: string, direction: 'in' | 'out'): Promise<boolean> {
    const row = await db
      .selectFrom('attendance_scan')
      .select('id')
      .where('token_nonce', '=', nonce)
      .where('enrolment_id', '=', enrolmentId)
      .where('direction', '=', direction)
      .where('outcome', '=', 'accepted')
      .executeTakeFirst();
    return row !== undefined;
  },
};

function factQuery(db: Db) {
  return db
    .selectFrom('attendance as a')
    .innerJoin('class_session as s', 's.id', 'a.session_id')
    .innerJoin('class_enrolment as e', 'e.id', 'a.enrolment_id')
    .innerJoin('training_class as c', 'c.id', 'a.class_id')
    .select([
      'a.session_id',
      'a.enrolment_id',
      'a.class_id',
      'c.name as class_name',
      'e.person_id',
      'a.signed_in_at',
      'a.signed_out_at',
      'a.device_hash',
      'a.flags',
      's.starts_at',
      's.ends_at',
    ]);
}
