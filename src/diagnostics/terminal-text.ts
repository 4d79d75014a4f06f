/**
 * C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides and isolates:
 * characters a file may hold (in a name, a `doc`, a label) that a terminal would act on rather than
 * show (an escape sequence recolours or clears the screen, a carriage return overwrites the line, a
 * bidirectional override reorders what is shown).
 */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without the characters a terminal acts on (`controlCharacters`), each of which is dropped. */
export function terminalText(text: string): string {
  return text.replace(controlCharacters, '');
}
