import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Message } from '../../diagnostics/messages.js';
import type { FieldPlace } from '../scenario-file.js';

/** An error at the place a field was written. */
export function diagnosticAt(place: FieldPlace, message: Message): Diagnostic {
  return { ...place.location, severity: 'error', field: place.field, ...message };
}
