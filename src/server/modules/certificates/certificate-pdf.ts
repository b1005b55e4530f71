import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import subsetFont from 'subset-font';

/** What a training certificate (培训合格证书) prints. The HTML twin shows the same fields. */
export interface CertificatePdfContent {
  certificateNo: string;
  holderName: string;
  programmeName: string;
  trainingTypeLabel: string;
  hours: number;
  startsOn: string;
  endsOn: string;
  institutionName: string;
  issuedOn: string;
  /** formatted, e.g. YJ7K-4MPQ-2WXA */
  verifyCode: string;
  verifyUrl: string;
  /** set when the certificate was revoked: the PDF says so, so a stale printout cannot pass for valid */
  revokedOn: string | null;
}

export const CERTIFICATE_TITLE = '培训合格证书';

/** The label–value rows of the certificate, in print order. */
export function certificateFields(content: CertificatePdfContent): [string, string][] {
  return [
    ['持证人', content.holderName],
    ['培训项目', content.programmeName],
    ['培训类型', content.trainingTypeLabel],
    ['培训学时', `${content.hours} 学时`],
    ['培训日期', `${content.startsOn} 至 ${content.endsOn}`],
    ['培训机构', content.institutionName],
    ['证书编号', content.certificateNo],
    ['发证日期', content.issuedOn],
    ['核验码', content.verifyCode],
  ];
}

const STATEMENT = '经结业考核合格，特发此证。';
const QR_CAPTION = '扫描二维码或访问以下网址核验本证书：';

function revokedNotice(content: CertificatePdfContent): string | null {
  return content.revokedOn ? `本证书已于 ${content.revokedOn} 撤销，不再有效。` : null;
}

/** Every string the PDF draws: the font is cut to exactly these characters. */
export function certificateTexts(content: CertificatePdfContent): string[] {
  const notice = revokedNotice(content);
  return [
    CERTIFICATE_TITLE,
    STATEMENT,
    QR_CAPTION,
    content.verifyUrl,
    ...certificateFields(content).flatMap(([label, value]) => [`${label}：`, value]),
    ...(notice ? [notice] : []),
  ];
}

const require = createRequire(import.meta.url);
let fontBytes: Promise<Buffer> | null = null;

/** Noto Sans SC Regular (≈ 10 MB), read once per process. */
function notoSansSc(): Promise<Buffer> {
  fontBytes ??= readFile(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  return fontBytes;
}

/**
 * The font cut to the characters given. pdf-lib's own subsetting of a CJK font drops glyphs (some
 * characters come out blank), so the cut is done here and pdf-lib embeds the result whole.
 * GSUB and GPOS go: in a Latin run Noto's `locl` swaps the digits for other glyphs, while pdf-lib
 * writes the widths of the cmap glyphs, so a certificate number came out spread apart.
 */
export async function certificateFont(text: string): Promise<Buffer> {
  const characters = [...new Set(text)].join('');
  return subsetFont(await notoSansSc(), characters, { targetFormat: 'truetype', dropTables: ['GSUB', 'GPOS'] });
}

/** Splits text into lines no wider than `width`, breaking between any two characters (Chinese has no spaces). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (line !== '' && font.widthOfTextAtSize(line + char, size) > width) {
      lines.push(line);
      line = char;
    } else line += char;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function centred(page: PDFPage, text: string, font: PDFFont, size: number, y: number, color = rgb(0, 0, 0)): void {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (page.getWidth() - width) / 2, y, size, font, color });
}

/** The certificate as an A4 landscape PDF with the Chinese font embedded and a QR code to the public check. */
export async function certificatePdf(content: CertificatePdfContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await certificateFont(certificateTexts(content).join('')), { subset: false });
  doc.setTitle(`${CERTIFICATE_TITLE} ${content.certificateNo}`, { showInWindowTitleBar: true });
  doc.setLanguage('zh-CN');
  doc.setSubject(`${content.programmeName} ${CERTIFICATE_TITLE}`);
  doc.setAuthor(content.institutionName);
  doc.setCreator('AbleTrain');
  doc.setProducer('AbleTrain');

  const page = doc.addPage([841.89, 595.28]);
  const ink = rgb(0.1, 0.1, 0.1);
  const accent = rgb(0.55, 0.1, 0.1);
  page.drawRectangle({ x: 24, y: 24, width: 793.89, height: 547.28, borderColor: accent, borderWidth: 3 });
  page.drawRectangle({ x: 32, y: 32, width: 777.89, height: 531.28, borderColor: accent, borderWidth: 1 });

  centred(page, CERTIFICATE_TITLE, font, 36, 500, accent);

  let y = 440;
  const labelX = 90;
  const valueX = 180;
  const valueWidth = 400;
  for (const [label, value] of certificateFields(content)) {
    page.drawText(`${label}：`, { x: labelX, y, size: 15, font, color: ink });
    for (const line of wrap(value, font, 15, valueWidth)) {
      page.drawText(line, { x: valueX, y, size: 15, font, color: ink });
      y -= 22;
    }
    y -= 8;
  }
  page.drawText(STATEMENT, { x: labelX, y: y - 6, size: 16, font, color: ink });

  const notice = revokedNotice(content);
  if (notice) page.drawText(notice, { x: labelX, y: 52, size: 15, font, color: accent });

  const qr = await doc.embedPng(
    await QRCode.toBuffer(content.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 }),
  );
  const qrSize = 150;
  const qrX = 620;
  page.drawImage(qr, { x: qrX, y: 250, width: qrSize, height: qrSize });
  let captionY = 230;
  for (const line of wrap(QR_CAPTION, font, 10, 180)) {
    page.drawText(line, { x: qrX - 15, y: captionY, size: 10, font, color: ink });
    captionY -= 14;
  }
  for (const line of wrap(content.verifyUrl, font, 9, 180)) {
    page.drawText(line, { x: qrX - 15, y: captionY, size: 9, font, color: ink });
    captionY -= 13;
  }
  return doc.save();
}
