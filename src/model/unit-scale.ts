/**
 * Units that are scales of one another: a target may state its threshold in any unit of its variable's
 * family (`万亿元` for a variable in `yi_yuan`, `percent` for a share), and tables may show values in
 * one (`--unit`). Each family maps its unit names, as models write them and as people do, to a factor
 * into the family's base unit.
 */
const families: readonly (Readonly<Record<string, number>> & { [base: string]: number })[] = [
  { 亿元: 1, 万亿元: 1e4, 万元: 1e-4, 元: 1e-8, yi_yuan: 1, wan_yi_yuan: 1e4, wan_yuan: 1e-4, yuan: 1e-8 },
  { 人: 1, 万人: 1e4, person: 1, persons: 1, wan_person: 1e4, million_person: 1e6 },
  { dmnl: 1, '1': 1, '': 1, percent: 0.01, '%': 0.01 },
];

/** `yi_yuan/year` → ['yi_yuan', 'year']; a unit without `/` has no denominator. */
export function splitUnit(unit: string): [string, string | undefined] {
  const cut = unit.indexOf('/');
  return cut < 0 ? [unit.trim(), undefined] : [unit.slice(0, cut).trim(), unit.slice(cut + 1).trim()];
}

function familyFactor(name: string): { family: number; factor: number } | undefined {
  for (const [family, units] of families.entries()) {
    const factor = units[name];
    if (factor !== undefined) return { family, factor };
  }
  return undefined;
}

/**
 * The factor that turns a value in unit `from` into unit `to` (`unitFactor('万亿元', 'yi_yuan/year')` is
 * 10,000), or undefined when they are not scales of one another. Equal texts are always factor 1. A
 * denominator written on one side must be the other's (`亿元/year` and `亿元/month` do not convert); one
 * left out is taken to be the other's, so a target on a `yi_yuan/year` flow may say `万亿元`.
 */
export function unitFactor(from: string, to: string): number | undefined {
  if (from.trim() === to.trim()) return 1;
  const [fromTop, fromPer] = splitUnit(from);
  const [toTop, toPer] = splitUnit(to);
  if (fromPer !== undefined && toPer !== undefined && fromPer !== toPer) return undefined;
  if (fromTop === toTop) return 1;
  const source = familyFactor(fromTop);
  const target = familyFactor(toTop);
  if (source === undefined || target === undefined || source.family !== target.family) return undefined;
  return source.factor / target.factor;
}

/** Whether a unit names a share or other pure number (`dmnl`, `1`, none, `percent`). */
export function isDimensionlessUnit(unit: string | undefined): boolean {
  const [top, per] = splitUnit(unit ?? '');
  return per === undefined && familyFactor(top)?.family === 2;
}

/** The other units of a unit's family that a target or `--unit` may use, for hints. */
export function unitAlternatives(unit: string | undefined): string[] {
  const [top] = splitUnit(unit ?? '');
  const found = familyFactor(top);
  if (found === undefined) return [];
  return Object.keys(families[found.family]!).filter((name) => name !== '' && name !== top);
}
