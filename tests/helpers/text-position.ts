/** The 1-based column where `needle` starts on line `line` of `text` (fails the test if it is not there). */
export function columnOf(text: string, line: number, needle: string, occurrence = 1): number {
  const lineText = text.split('\n')[line - 1] ?? '';
  let index = -1;
  for (let count = 0; count < occurrence; count += 1) {
    index = lineText.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' (occurrence ${occurrence}) is not on line ${line}: ${lineText}`);
  }
  return index + 1;
}
