import { unitFactor } from '../model/unit-scale.js';
/** How a variable's values are shown to people: scaled, with a unit text and a number format. */
export interface QuantityFormat {
  /** Multiply model values by this before showing them (1e-4 for 亿元 shown as 万亿元). */
  scale: number;
  /** The unit as people read it, for axis titles and table headers ('' when dimensionless). */
  unitText: string;
  /** True when values are shown as percentages (the scaled value 0.052 reads 5.2%). */
  percent: boolean;
  /** d3-format specifier for chart axes, applied to scaled values; undefined leaves vega's tick format (thousands grouped). */
  axisFormat: string | undefined;
  /** The unit written after a number: `万亿元`, `%`, `million persons` ('' when dimensionless). */
  unitShort: string;
  /** One model value (unscaled) as a scaled number without its unit (`4.16`), or with `%` for percentages (`5.2%`). */
  number: (value: number) => string;
  /** One model value (unscaled) as text, with its unit: `4.16 万亿元`, `5.2%`, `12,345 persons`. */
  format: (value: number) => string;
}

/** Names that say a dimensionless value is a share or a rate. */
const shareName = /_(share|intensity|rate|growth)$/;

/** Unit names of the models, as people read them; anything else is shown as written. */
const unitWords: Record<string, string> = {
  yi_yuan: '亿元 (100 million yuan)',
  wan_yi_yuan: '万亿元 (trillion yuan)',
  万亿元: '万亿元 (trillion yuan)',
  亿元: '亿元 (100 million yuan)',
  wan_person: '万人 (10,000 persons)',
  person: 'persons',
  million_person: 'million persons',
};

const significant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4, useGrouping: true });
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: true });

/** Up to four significant digits, but never rounding away whole units of large numbers (41,611 rather than 41,610). */
function plain(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 10_000 ? wholeNumber.format(value) : significant.format(value);
}

/** A percentage with one decimal, never `-0.0%`. */
function percentText(share: number): string {
  if (!Number.isFinite(share)) return String(share);
  const rounded = Number((share * 100).toFixed(1));
  return `${(rounded === 0 ? 0 : rounded).toFixed(1)}%`;
}

/** `yi_yuan/year` → ['yi_yuan', 'year']; a unit without `/` has no denominator. */
function splitRate(unit: string): [string, string | undefined] {
  const cut = unit.indexOf('/');
  return cut < 0 ? [unit.trim(), undefined] : [unit.slice(0, cut).trim(), unit.slice(cut + 1).trim()];
}

/** How a caller wants a variable shown. */
export interface QuantityOptions {
  /**
   * Show values in this unit, a scale of the variable's (`万亿元` for `yi_yuan/year`, `percent` for a
   * share: see `unitFactor`); ignored when it does not convert.
   */
  unit?: string | undefined;
}

/** Unit names as people read them, for the units the unit families know (model/unit-scale.ts). */
const shortWords: Record<string, string> = {
  yi_yuan: '亿元',
  wan_yi_yuan: '万亿元',
  wan_yuan: '万元',
  yuan: '元',
  wan_person: '万人',
  person: 'persons',
  million_person: 'million persons',
};

/**
 * Choose how to show a variable, from its unit, its name and the values that will be shown (its band,
 * history and thresholds). Values are shown in the variable's own unit, as the model file writes it,
 * unless `options.unit` names another of its family. The rule, in order:
 * 1. `options.unit` converts from the variable's unit: values scaled into it (`percent`: shown as a
 *    percentage).
 * 2. A share: unit `dmnl`, `1` or none, and a name ending in `_share`, `_intensity`, `_rate` or `_growth`
 *    or every value within [0, 1]; or unit `1/<time>` with such a name (a growth rate). Shown as a
 *    percentage with one decimal (`%/year` for rates).
 * 3. Anything else: the number with up to four significant digits and the unit's reading
 *    (`yi_yuan` → 亿元, `wan_person` → 万人, `person` → persons, other units as written; dimensionless
 *    shows none).
 */
export function quantityFormat(
  name: string,
  unit: string | undefined,
  values: readonly number[],
  options: QuantityOptions = {},
): QuantityFormat {
  const [numerator, denominator] = splitRate(unit ?? '');
  const finite = values.filter(Number.isFinite);
  const perTime = denominator === undefined ? '' : ` per ${denominator}`;
  const wanted = options.unit === undefined ? undefined : unitFactor(unit ?? 'dmnl', options.unit);
  if (options.unit !== undefined && wanted !== undefined) {
    const [top] = splitRate(options.unit);
    if (top === 'percent' || top === '%') {
      const suffix = denominator === undefined ? '%' : `%/${denominator}`;
      return {
        scale: 1,
        unitText: denominator === undefined ? 'percent' : `percent per ${denominator}`,
        percent: true,
        axisFormat: '.1%',
        unitShort: suffix,
        number: percentText,
        format: (value) => `${percentText(value)}${suffix.slice(1)}`,
      };
    }
    const reading = shortWords[top] ?? top;
    const unitShort = `${reading}${denominator === undefined ? '' : `/${denominator}`}`;
    const number = (value: number) => plain(value * wanted);
    return {
      scale: wanted,
      unitText: `${unitWords[top] ?? reading}${perTime}`,
      unitShort,
      percent: false,
      axisFormat: undefined,
      number,
      format: (value) => `${number(value)} ${unitShort}`,
    };
  }
  if (numerator === 'yi_yuan') {
    const unitText = `亿元 (100 million yuan)${perTime}`;
    const unitShort = `亿元${denominator === undefined ? '' : `/${denominator}`}`;
    return {
      scale: 1,
      unitText,
      unitShort,
      percent: false,
      axisFormat: undefined,
      number: plain,
      format: (value) => `${plain(value)} ${unitShort}`,
    };
  }
  const dimensionless = numerator === '' || numerator === 'dmnl' || numerator === '1';
  const named = shareName.test(name);
  const inUnitRange = finite.length > 0 && finite.every((value) => value >= 0 && value <= 1);
  if (
    (dimensionless && denominator === undefined && (named || inUnitRange)) ||
    (numerator === '1' && denominator !== undefined && named)
  ) {
    const suffix = denominator === undefined ? '%' : `%/${denominator}`;
    return {
      scale: 1,
      unitText: denominator === undefined ? 'percent' : `percent per ${denominator}`,
      percent: true,
      axisFormat: '.1%',
      unitShort: suffix,
      number: percentText,
      format: (value) => `${percentText(value)}${suffix.slice(1)}`,
    };
  }
  const word = (name: string): string => unitWords[name] ?? name;
  const per = denominator === undefined ? '' : ` per ${word(denominator).replace(/ \(.*\)/, '')}`;
  const reading = unit === undefined || numerator === 'dmnl' ? '' : `${word(numerator)}${per}`;
  const unitShort = reading.replace(/ \(.*\)/, '');
  return {
    scale: 1,
    unitText: reading,
    unitShort,
    percent: false,
    axisFormat: undefined,
    number: plain,
    format: (value) => `${plain(value)}${unitShort === '' ? '' : ` ${unitShort}`}`,
  };
}

/**
 * The unit to show a variable in: the unit its target states, else the first of `wanted` (`--unit`)
 * that its own unit converts to, else undefined (its own unit).
 */
export function displayUnit(
  variableUnit: string | undefined,
  wanted: readonly string[],
  stated?: string,
): string | undefined {
  if (stated !== undefined) return stated;
  return wanted.find((candidate) => unitFactor(variableUnit ?? 'dmnl', candidate) !== undefined);
}
