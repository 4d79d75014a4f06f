import { create, parseDependencies, type MathNode } from 'mathjs/number';

// mathjs's parser alone (and what it depends on), not the whole library: made once, when the model
// reader first loads, in a fraction of the time the full instance takes.
if (parseDependencies === undefined) throw new Error('mathjs/number does not export parseDependencies');
const parser = create({ parseDependencies });

/** Parse an expression with mathjs's parser (numbers as JavaScript numbers, as `mathjs/number` does). */
export function parseMath(text: string): MathNode {
  return parser.parse(text);
}
