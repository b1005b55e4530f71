/**
 * Masks for screens and ordinary exports. They never reveal the birth date in an ID number, nor
 * the category and level at the end of a certificate number, and they read sensibly to a
 * screen reader (the spoken form says how many characters are hidden).
 */

export interface MaskedValue {
  text: string;
  /** what a screen reader should say, e.g. “身份证号 620 开头，12 结尾，中间 13 位已隐藏” */
  spoken: string;
}

export function maskIdNumber(id: string): MaskedValue {
  if (id.length < 6) return { text: '*'.repeat(id.length), spoken: '身份证号已隐藏' };
  const hidden = id.length - 5;
  return {
    text: `${id.slice(0, 3)}${'*'.repeat(hidden)}${id.slice(-2)}`,
    spoken: `身份证号 ${id.slice(0, 3)} 开头，${id.slice(-2)} 结尾，中间 ${hidden} 位已隐藏`,
  };
}

export function maskCertificateNumber(certificate: string): MaskedValue {
  if (certificate.length < 8) return { text: '*'.repeat(certificate.length), spoken: '残疾人证号已隐藏' };
  const hidden = certificate.length - 3;
  return {
    text: `${certificate.slice(0, 3)}${'*'.repeat(hidden)}`,
    spoken: `残疾人证号 ${certificate.slice(0, 3)} 开头，其余 ${hidden} 位已隐藏`,
  };
}

export function maskPhone(phone: string): MaskedValue {
  if (phone.length < 7) return { text: '*'.repeat(phone.length), spoken: '电话已隐藏' };
  return {
    text: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    spoken: `电话 ${phone.slice(0, 3)} 开头，${phone.slice(-4)} 结尾，中间 4 位已隐藏`,
  };
}

/** Bank card or account numbers: the bank's first four digits and the last four stay, like a printed receipt. */
export function maskBankAccount(account: string): MaskedValue {
  if (account.length < 10) return { text: '*'.repeat(account.length), spoken: '银行账号已隐藏' };
  const hidden = account.length - 8;
  return {
    text: `${account.slice(0, 4)}${'*'.repeat(hidden)}${account.slice(-4)}`,
    spoken: `银行账号 ${account.slice(0, 4)} 开头，${account.slice(-4)} 结尾，中间 ${hidden} 位已隐藏`,
  };
}

/** Keeps the surname character(s) of a name for lists: 张** or 阿卜杜·*** style. */
export function maskName(name: string): MaskedValue {
  const chars = [...name];
  if (chars.length <= 1) return { text: name, spoken: name };
  const text =
    chars[0] +
    chars
      .slice(1)
      .map((c) => (c === '\u00b7' ? c : '*'))
      .join('');
  return { text, spoken: `${chars[0]}某` };
}

/**
 * The spoken form of a mask that was stored as text (lists read the stored mask, never the
 * number): the same words as the mask function gave when the mask was made.
 */
export function spokenForMasked(kind: 'idNumber' | 'certificateNumber' | 'phone' | 'bankAccount', text: string): string {
  const hidden = [...text].filter((c) => c === '*').length;
  if (kind === 'bankAccount') {
    if (hidden === text.length) return '银行账号已隐藏';
    return `银行账号 ${text.slice(0, 4)} 开头，${text.slice(-4)} 结尾，中间 ${hidden} 位已隐藏`;
  }
  if (kind === 'idNumber') {
    if (hidden === text.length) return '身份证号已隐藏';
    return `身份证号 ${text.slice(0, 3)} 开头，${text.slice(-2)} 结尾，中间 ${hidden} 位已隐藏`;
  }
  if (kind === 'certificateNumber') {
    if (hidden === text.length) return '残疾人证号已隐藏';
    return `残疾人证号 ${text.slice(0, 3)} 开头，其余 ${hidden} 位已隐藏`;
  }
  if (hidden === text.length) return '电话已隐藏';
  return `电话 ${text.slice(0, 3)} 开头，${text.slice(-4)} 结尾，中间 ${hidden} 位已隐藏`;
}
