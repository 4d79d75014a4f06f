import { test } from 'vitest';
import { parseEquation } from '../../../src/model/parse-equation.js';
import { parseDimension, formatDimension } from '../../../src/model/unit-dimension.js';

test('scratch2', () => {
  for (const text of ['a = 1', '[1, 2]', 'x[1]', '1:3', 'null', '"abc"', 'x!', 'a xor b', 'gdp growth', '2 gdp', 'f(x) = 1', 'a.b', '{a: 1}', 'NaN', 'Infinity', 'a\nb', '1 +\n2', 'a;b', 'x + y +', '(1', 'a & b', 'a < b < c', "x'", '', '  ', 'gdp  growth', '3 * (gdp growth)']) {
    const r = parseEquation(text);
    console.log(JSON.stringify(text), JSON.stringify(r.ok ? r.expression : r.problem));
  }
  for (const unit of ['year^-1', 'year^(-1)', '1/year', 'yi_yuan/(person*year)', '%', 'percent', '1e8 yuan', '2/year', 'year^0.5', '', 'dmnl', 'yuan + person', 'yuan +', 'sqrt(year)', 'yuan/0', 'yuan to person', 'yuan year', 'year^x', "1/yeaR"]) {
    try { console.log(unit, '=>', formatDimension(parseDimension(unit))); } catch (e) { console.log(unit, 'THROWS', (e as Error).message); }
  }
});
