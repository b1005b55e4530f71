import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, type MultipartFile } from '../testing/multipart';
import { buildTestApp, type TestApp, type TestClient } from '../testing/test-app';
import { cleanFileName, sniffMediaType } from './file-store';

const MAX = 4096;
let t: TestApp;
let owner: TestClient;
let stranger: TestClient;

beforeAll(async () => {
  t = await buildTestApp({ env: { UPLOAD_MAX_BYTES: String(MAX) } });
  [owner, stranger] = await Promise.all([t.loginAs('chengguan.dengji'), t.loginAs('chengguan.peixun')]);
});
afterAll(() => t.close());

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR'),
  Buffer.alloc(64, 7),
]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const csv = Buffer.from('姓名,残疾人证号,培训项目\n张三,62010219900101123411,电子商务\n李四,62010219920202234522,面点制作\n', 'utf8');
const exe = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.from([0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]),
  Buffer.from('This program cannot be run in DOS mode.'),
  Buffer.alloc(32),
]);
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);

function upload(c: TestClient, files: MultipartFile[], fields?: Record<string, string>) {
  const { payload, headers } = multipart(files, fields);
  return c.request({ method: 'POST', url: '/api/files', payload, headers });
}

async function filesOnDisk(): Promise<string[]> {
  return readdir(join(t.config.DATA_DIR, 'files')).catch(() => []);
}

describe('accepted uploads', () => {
  it.each([
    ['a PNG', 'photo.png', png, 'image/png'],
    ['a PDF', '培训证明.pdf', pdf, 'application/pdf'],
    ['a UTF-8 CSV', '学员名单.csv', csv, 'text/plain'],
  ])('take %s, typed by its content', async (_what, filename, content, mediaType) => {
    const res = await upload(owner, [{ filename, content, contentType: 'application/octet-stream' }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: expect.any(String), name: filename, size: content.length, mediaType });
  });

  it('believe the content, not the claimed type or the extension', async () => {
    const res = await upload(owner, [{ filename: 'page.html', content: pdf, contentType: 'text/html' }]);
    expect(res.json().mediaType).toBe('application/pdf');
  });

  it('store the bytes under a server-made name, never the uploaded one', async () => {
    const res = await upload(owner, [{ filename: 'evidence.png', content: png }]);
    const row = await t.database.db.selectFrom('stored_file').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.storage_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const onDisk = await filesOnDisk();
    expect(onDisk).toContain(row.storage_key);
    expect(onDisk.some((name) => name.includes('evidence'))).toBe(false);
    expect(await readFile(join(t.config.DATA_DIR, 'files', row.storage_key))).toEqual(png);
  });

  it('take a file of exactly UPLOAD_MAX_BYTES', async () => {
    const res = await upload(owner, [{ filename: 'exact.csv', content: Buffer.alloc(MAX, 'a') }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().size).toBe(MAX);
  });
});

describe('refused uploads', () => {
  it.each([
    ['a Windows executable', 'setup.exe', exe, 'application/x-msdownload'],
    ['an executable renamed to .png', 'photo.png', exe, 'image/png'],
    ['an ELF binary renamed to .csv', 'list.csv', elf, 'text/csv'],
    ['an empty file', 'empty.csv', Buffer.alloc(0), 'text/csv'],
  ])('refuse %s by its content with 415 UNSUPPORTED_FILE', async (_what, filename, content, contentType) => {
    const before = await t.database.db
      .selectFrom('stored_file')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await upload(owner, [{ filename, content, contentType }]);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_FILE', message: '文件类型不受支持' });
    const after = await t.database.db
      .selectFrom('stored_file')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuse a file over UPLOAD_MAX_BYTES with 413', async () => {
    const res = await upload(owner, [{ filename: 'big.csv', content: Buffer.alloc(MAX + 1, 'a') }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    const far = await upload(owner, [{ filename: 'bigger.pdf', content: Buffer.concat([pdf, Buffer.alloc(MAX * 4, 'a')]) }]);
    expect(far.statusCode).toBe(413);
  });

  it('leave nothing on disk behind a refusal', async () => {
    const rows = await t.database.db.selectFrom('stored_file').select('storage_key').execute();
    expect((await filesOnDisk()).sort()).toEqual(rows.map((r) => r.storage_key).sort());
  });

  it('answer a request without a file with 400 naming 文件', async () => {
    const res = await upload(owner, [], { note: 'no file here' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toMatchObject({ label: '文件' });
  });

  it('answer a JSON body with a 4xx', async () => {
    const res = await owner.post('/api/files', { file: 'aGVsbG8=' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('need a session and the CSRF token', async () => {
    const anonymous = t.client();
    expect((await upload(anonymous, [{ filename: 'a.csv', content: csv }])).statusCode).toBe(401);
    const { payload, headers } = multipart([{ filename: 'a.csv', content: csv }]);
    const res = await owner.request({ method: 'POST', url: '/api/files', payload, headers, csrf: null });
    expect(res.json().code).toBe('CSRF_REJECTED');
  });
});

describe('downloads', () => {
  let id: string;
  beforeAll(async () => {
    id = (await upload(owner, [{ filename: '名单.csv', content: csv, contentType: 'text/html' }])).json().id;
  });

  it('give the owner the same bytes with the sniffed type, as an attachment', async () => {
    const res = await owner.get(`/api/files/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(csv);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('名单.csv')}`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answer 404 to anyone else, and 401 without a session', async () => {
    const res = await stranger.get(`/api/files/${id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect((await (await t.loginAs('secadmin')).get(`/api/files/${id}`)).statusCode).toBe(404);
    expect((await t.client().get(`/api/files/${id}`)).statusCode).toBe(401);
  });
});

describe('file names', () => {
  it('lose paths, control and direction characters on upload', async () => {
    const res = await upload(owner, [{ filename: '..\\..\\windows\\evil\u202Egnp.csv', content: csv }]);
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('evilgnp.csv');
    const slashed = await upload(owner, [{ filename: '../../etc/pa\u0007ss\u2066wd.csv', content: csv }]);
    expect(slashed.json().name).toBe('passwd.csv');
  });

  it('are cleaned the same way when called directly', () => {
    expect(cleanFileName('C:\\Users\\张三\\Desktop\\报名表.pdf')).toBe('报名表.pdf');
    expect(cleanFileName('/etc/passwd')).toBe('passwd');
    expect(cleanFileName('a"b\r\nc\u0000.csv')).toBe('abc.csv');
    expect(cleanFileName('\u202Eexe.pdf')).toBe('exe.pdf');
    expect(cleanFileName('../')).toBe('文件');
    expect(cleanFileName(`${'长'.repeat(200)}.csv`)).toHaveLength(120);
  });
});

describe('sniffMediaType', () => {
  it('recognises accepted types by their first bytes only', () => {
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(pdf)).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('application/zip');
    expect(sniffMediaType(csv)).toBe('text/plain');
    expect(sniffMediaType(exe)).toBeNull();
    expect(sniffMediaType(elf)).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });
});
