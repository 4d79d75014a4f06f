import type { Diagnostic, SourceLocation } from '../../diagnostics/diagnostic.js';
import type { Message } from '../../diagnostics/messages.js';
import { messages } from '../../diagnostics/messages.js';
import type { XmlElement } from './xml-tree.js';

/** A number as XMILE writes one: sign, digits, optional fraction and exponent. */
export const plainNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** What the XMILE reader collects while it reads: problems, and where each field was written. */
export class XmileReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly locations = new Map<string, SourceLocation>();

  constructor(readonly file: string) {}

  readonly warnings: Diagnostic[] = [];

  /** Record an error at `location` for `field`. */
  report(location: SourceLocation, field: string, message: Message): void {
    this.diagnostics.push({ ...location, severity: 'error', field, ...message });
  }

  /** Record a warning: something read differently from how it is written, or skipped. */
  warn(location: SourceLocation, field: string, message: Message): void {
    this.warnings.push({ ...location, severity: 'warning', field, ...message });
  }

  /** An element's trimmed text, or undefined when it is absent or blank. */
  text(element: XmlElement | undefined): string | undefined {
    const text = element?.text.trim();
    return text === undefined || text === '' ? undefined : text;
  }

  /** An element's text as a number, or a diagnostic and undefined. */
  number(element: XmlElement, field: string): number | undefined {
    const text = element.text.trim();
    const value = plainNumber.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) {
      this.report(element.contentLocation, field, messages.wrongType(`a number in <${element.name}>`, `'${text}'`));
      return undefined;
    }
    return value;
  }
}
