import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { type CertificatePdfContent, certificatePdf, certificateTexts } from './certificate-pdf';

const content: CertificatePdfContent = {
  certificateNo: 'PXZ2026620102000017',
  // rare characters on purpose: 龘 and 㑇 are the kind pdf-lib's own subsetting loses
  holderName: '欧阳龘㑇',
  programmeName: '电子商务客服（盲人按摩与无障碍服务方向）',
  trainingTypeLabel: '就业技能培训',
  hours: 120,
  startsOn: '2026-09-01',
  endsOn: '2026-09-20',
  institutionName: '兰州市残疾人职业技能培训中心',
  issuedOn: '2026-10-08',
  verifyCode: 'YJ7K-4MPQ-2WXA',
  verifyUrl: 'https://peixun.example.cn/verify/YJ7K4MPQ2WXA',
  revokedOn: null,
};

/** The TrueType programs embedded in a PDF (FontFile2 streams), decoded. */
async function embeddedFonts(pdf: Uint8Array): Promise<Uint8Array[]> {
  const doc = await PDFDocument.load(pdf);
  const fonts: Uint8Array[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const file = object.lookup(PDFName.of('FontFile2'));
    if (file instanceof PDFRawStream) fonts.push(decodePDFRawStream(file).decode());
  }
  return fonts;
}

const CHINESE = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

function hasPoppler(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'certificate-pdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the certificate PDF', () => {
  it('embeds one font cut to the certificate, with a real glyph for every character drawn', async () => {
    const pdf = await certificatePdf(content);
    const fonts = await embeddedFonts(pdf);
    expect(fonts).toHaveLength(1);
    // a cut font, not the 10 MB original
    expect(fonts[0]!.length).toBeLessThan(200_000);
    const font = fontkit.create(fonts[0]!);
    const characters = [...new Set(certificateTexts(content).join(''))].filter((c) => c.trim() !== '');
    const missing = characters.filter((c) => font.glyphForCodePoint(c.codePointAt(0)!).id === 0);
    expect(missing).toEqual([]);
    expect(characters).toEqual(expect.arrayContaining(['龘', '㑇', '培', '证']));
  });

  it('sets the title and the language', async () => {
    const doc = await PDFDocument.load(await certificatePdf(content));
    expect(doc.getTitle()).toBe('培训合格证书 PXZ2026620102000017');
    expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toContain('zh-CN');
  });

  const poppler = hasPoppler();
  if (!poppler && process.env.CI) {
    it('needs poppler-utils (pdftotext, pdffonts) in CI', () => {
      expect.fail('pdftotext is not installed: CI must install poppler-utils');
    });
  }
  if (!poppler) console.warn('certificate-pdf.test: pdftotext not installed, the poppler checks are skipped');

  it.skipIf(!poppler)('gives back every Chinese string to pdftotext, with only embedded fonts and no system substitute', async () => {
    // an empty fontconfig: poppler cannot hide a missing glyph behind a system font
    const fontconfig = join(tmp, 'fonts.conf');
    writeFileSync(fontconfig, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n');
    const env = { ...process.env, FONTCONFIG_FILE: fontconfig, FONTCONFIG_PATH: tmp };
    for (const revokedOn of [null, '2026-11-01']) {
      const file = join(tmp, `certificate-${revokedOn ?? 'valid'}.pdf`);
      writeFileSync(file, await certificatePdf({ ...content, revokedOn }));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { env, encoding: 'utf8' }).replace(/\s+/g, '');
      const wanted = certificateTexts({ ...content, revokedOn })
        .filter((s) => CHINESE.test(s))
        .map((s) => s.replace(/\s+/g, ''));
      for (const s of wanted) expect(text, s).toContain(s);
      if (revokedOn) expect(text).toContain('本证书已于2026-11-01撤销');
      // spacing as laid out: a glyph drawn with another glyph's width makes pdftotext split the number
      const lines = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { env, encoding: 'utf8' });
      expect(lines).toContain(content.certificateNo);
      expect(lines).toContain(content.verifyCode);

      const fonts = execFileSync('pdffonts', [file], { env, encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) {
        // columns: name type encoding emb sub uni object ID
        expect(line, line).toMatch(/\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+$/);
      }
    }
  });
});
