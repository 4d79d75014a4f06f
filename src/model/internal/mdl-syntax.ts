/** Where a node of an .mdl file starts; line and column from 1. */
export interface MdlPosition {
  line: number;
  column: number;
}

/** A name as written: unquoted (words) or between double quotes. */
export interface MdlName {
  text: string;
  quoted: boolean;
  at: MdlPosition;
}

/** One subscript of a reference or left-hand side; `all` for `d!`. */
export interface MdlSubscript {
  name: MdlName;
  all: boolean;
  at: MdlPosition;
}

/** A lookup's points: (x, y) pairs, or the older form of every x then every y. */
export interface MdlTable {
  points?: [number, number][];
  flat?: number[];
}

export type MdlExpression =
  | { kind: 'number'; value: number; at: MdlPosition }
  | { kind: 'reference'; name: MdlName; subscripts: MdlSubscript[]; at: MdlPosition }
  | { kind: 'call'; name: MdlName; subscripts: MdlSubscript[]; args: MdlExpression[]; at: MdlPosition }
  | { kind: 'unary'; operator: '-' | '+' | 'not'; operand: MdlExpression; at: MdlPosition }
  | { kind: 'binary'; operator: string; left: MdlExpression; right: MdlExpression; at: MdlPosition }
  | { kind: 'table'; table: MdlTable; at: MdlPosition };

export interface MdlLeft {
  name: MdlName;
  subscripts: MdlSubscript[];
  except: boolean;
  at: MdlPosition;
}

export type MdlRangeElement =
  { kind: 'element'; name: MdlName; at: MdlPosition } | { kind: 'sequence'; from: string; to: string; at: MdlPosition };

export type MdlBody =
  | { kind: 'equation'; operator: string; expression: MdlExpression | null }
  | { kind: 'constants'; operator: string; rows: number[][] }
  | { kind: 'lookup'; table: MdlTable }
  | { kind: 'range'; elements: MdlRangeElement[]; mapping: { name: MdlName; elements?: MdlName[] } | null }
  | { kind: 'equivalence'; other: MdlName }
  | { kind: 'data' };

/** `left body ~ units ~ comment |`. */
export type MdlEntry = MdlBody & { left: MdlLeft; units: string; comment: string; at: MdlPosition };

export interface MdlMacro {
  kind: 'macro';
  name: MdlName;
  parameters: MdlName[];
  outputs: MdlName[];
  entries: MdlEntry[];
  at: MdlPosition;
}

export type MdlItem = MdlEntry | MdlMacro | { kind: 'group' };

export interface MdlFile {
  entries: MdlItem[];
}

/** What the generated parser throws for text it cannot read. */
export interface MdlSyntaxError {
  message: string;
  expected?: { type: string; description?: string; text?: string }[];
  found?: string | null;
  location: { start: MdlPosition };
}
