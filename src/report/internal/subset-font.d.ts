declare module 'subset-font' {
  /** Subset a TTF/WOFF/WOFF2 font to the glyphs of `text` with harfbuzz's hb-subset (wasm). */
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype' },
  ): Promise<Uint8Array>;
}
