import type { SourceLocation } from '../../diagnostics/diagnostic.js';
import type { Equation } from '../model-spec.js';

/** The file location of a character offset inside an equation's text. */
export function locateInEquation(equation: Equation, offset: number): SourceLocation {
  const before = equation.text.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  if (newlines > 0) return { ...equation.location, line: equation.location.line + newlines, column: offset - before.lastIndexOf('\n') };
  return { ...equation.location, column: equation.location.column + offset };
}
