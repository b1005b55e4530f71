// subset-font 2.9.0 ships no types; only the options this module uses are declared.
declare module 'subset-font' {
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2'; dropTables?: string[] },
  ): Promise<Buffer>;
}
