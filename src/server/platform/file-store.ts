import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/database';
import type { AttachedFile } from '../db/tables';
import { invalidField } from '../../shared/errors';

/** Accepted upload types, recognised by their first bytes, never by the file name. */
const signatures: { mediaType: string; test: (head: Buffer) => boolean }[] = [
  { mediaType: 'application/pdf', test: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mediaType: 'image/png', test: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mediaType: 'image/jpeg', test: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  // xlsx and docx are zip containers; the import module opens them and checks what is inside
  { mediaType: 'application/zip', test: (h) => h.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  { mediaType: 'video/mp4', test: (h) => h.subarray(4, 8).toString('latin1') === 'ftyp' },
  // plain text (CSV in UTF-8 or GBK): no NUL and no C0 controls other than tab, CR, LF, form feed
  {
    mediaType: 'text/plain',
    test: (h) => h.length > 0 && !h.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c),
  },
];

export function sniffMediaType(head: Buffer): string | null {
  return signatures.find((s) => s.test(head))?.mediaType ?? null;
}

/** A name safe to show and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069"]/g, '')
    .trim()
    .slice(0, 120);
  return cleaned || '文件';
}

export interface StoredFileRow {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  createdAt: Date;
}

/** Uploaded files on disk under DATA_DIR/files with server-made names, and their row in stored_file. */
export class FileStore {
  constructor(
    private readonly db: Db,
    private readonly directory: string,
    readonly maxBytes: number,
  ) {}

  async save(ownerId: string, originalName: string, stream: Readable, accept?: readonly string[]): Promise<StoredFileRow> {
    await mkdir(this.directory, { recursive: true });
    const storageKey = randomUUID();
    const path = join(this.directory, storageKey);
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const maxBytes = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) return callback(new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB 上限`));
        if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, createWriteStream(path, { flags: 'wx' }));
      // @fastify/multipart truncates at its own limit instead of failing: treat that as too large.
      if ((stream as Readable & { truncated?: boolean }).truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      const mediaType = sniffMediaType(head);
      if (!mediaType || (accept && !accept.includes(mediaType))) throw new AppError('UNSUPPORTED_FILE');
      const row = await this.db
        .insertInto('stored_file')
        .values({
          owner_id: ownerId,
          name: cleanFileName(originalName),
          media_type: mediaType,
          size,
          sha256: hash.digest('hex'),
          storage_key: storageKey,
        })
        .returning(['id', 'name', 'media_type', 'size', 'created_at'])
        .executeTakeFirstOrThrow();
      return { id: row.id, name: row.name, mediaType: row.media_type, size: row.size, createdAt: row.created_at };
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  /** Opens a file for its owner; anyone else gets NOT_FOUND. */
  async open(ownerId: string, id: string): Promise<{ row: StoredFileRow; stream: Readable }> {
    const row = await this.db.selectFrom('stored_file').selectAll().where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return {
      row: { id: row.id, name: row.name, mediaType: row.media_type, size: row.size, createdAt: row.created_at },
      stream: createReadStream(join(this.directory, row.storage_key)),
    };
  }
}

export interface OwnUpload extends AttachedFile {
  mediaType: string;
  size: number;
}

/**
 * The uploads among `ids` that `ownerId` made, once each and in the order given, for attaching to a
 * record or a step. An id that is not the account's own upload refuses the whole list, naming the field.
 */
export async function ownUploads(db: Db, ownerId: string, ids: readonly string[], field: string, label: string): Promise<OwnUpload[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom('stored_file')
    .select(['id', 'name', 'media_type', 'size'])
    .where('owner_id', '=', ownerId)
    .where('id', 'in', unique)
    .execute();
  if (rows.length !== unique.length) throw invalidField(field, label, `${label}不存在，或不是本账号上传的文件，请重新上传`);
  return unique.map((id) => {
    const row = rows.find((r) => r.id === id)!;
    return { fileId: row.id, name: row.name, mediaType: row.media_type, size: row.size };
  });
}

/** Who uploaded a file (the file store opens a file for its owner only), or undefined. */
export async function fileOwner(db: Db, fileId: string): Promise<string | undefined> {
  const row = await db.selectFrom('stored_file').select('owner_id').where('id', '=', fileId).executeTakeFirst();
  return row?.owner_id;
}
