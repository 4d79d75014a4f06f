/** A shell word: left bare when it is safe, else in single quotes (so a pasted command runs nothing else). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** `kechuang` followed by the words, each quoted for a POSIX shell. */
export function kechuangCommand(words: readonly string[]): string {
  return ['kechuang', ...words.map(shellWord)].join(' ');
}
