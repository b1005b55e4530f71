import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ClassRecordTable, Tables } from '../../db/tables';

type Executor = Kysely<Tables>;

export type ClassRecordRow = Selectable<ClassRecordTable> & {
  file_name: string | null;
  file_media_type: string | null;
  file_size: number | null;
};

function withFile(db: Executor) {
  return db
    .selectFrom('class_record as r')
    .leftJoin('stored_file as f', 'f.id', 'r.file_id')
    .selectAll('r')
    .select(['f.name as file_name', 'f.media_type as file_media_type', 'f.size as file_size']);
}

/** SQL of class records (台账). The retention rule itself is the database trigger class_record_keep. */
export const classRecordsRepository = {
  forClass(db: Executor, classId: string): Promise<ClassRecordRow[]> {
    return withFile(db).where('r.class_id', '=', classId).orderBy('r.created_at', 'desc').orderBy('r.id').execute();
  },

  get(db: Executor, classId: string, id: string): Promise<ClassRecordRow | undefined> {
    return withFile(db).where('r.class_id', '=', classId).where('r.id', '=', id).executeTakeFirst();
  },

  async insert(db: Executor, values: Insertable<ClassRecordTable>): Promise<string> {
    const row = await db.insertInto('class_record').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('class_record').where('id', '=', id).execute();
  },

  ownFile(db: Executor, ownerId: string, id: string) {
    return db
      .selectFrom('stored_file')
      .select(['id', 'name', 'media_type', 'size', 'owner_id'])
      .where('owner_id', '=', ownerId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
};
