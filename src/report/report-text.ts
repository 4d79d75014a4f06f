/** Languages the HTML reports are written in. */
export type ReportLanguage = 'en' | 'zh';

/** Where a target stands: its probability of being met at 80% or more, 50% to 80%, or under 50%. */
export type TargetStatus = 'met' | 'risk' | 'missed';

/** Every fixed text of the HTML reports, in one language. Model and scenario texts (docs, notes, descriptions) stay as written. */
export interface ReportText {
  lang: ReportLanguage;
  number: (value: number) => string;
  scenarioTitle: (scenario: string) => string;
  scenarioLead: (scenario: string, model: string, runs: string, seed: number, sampling: string) => string;
  sampling: { lhs: string; random: string };
  summary: string;
  status: Record<TargetStatus, string>;
  statusKey: string;
  medianIn: (year: number) => string;
  targetLine: (probability: string, median: string, condition: string) => string;
  description: string;
  noDescription: string;
  changes: (baseline: string) => string;
  noChanges: (baseline: string) => string;
  isBaseline: string;
  changeRow: (name: string, before: string, after: string) => string;
  targets: string;
  noTargets: string;
  targetsExplained: (runs: string) => string;
  firstMetRule: (year: number) => string;
  head: {
    target: string;
    indicator: string;
    condition: string;
    probability: string;
    unit: string;
    firstMet: (after: number | undefined) => string;
    delta: (baseline: string) => string;
  };
  never: (share: string) => string;
  medianNever: (share: string) => string;
  outputs: string;
  fanSubtitle: (runs: string) => string;
  targetsInRed: string;
  observed: (series: string) => string;
  legend: { band: string; median: string; mean: string; target: string; observed: string; baseline: string };
  boundary: string;
  dataEnd: (year: number) => string;
  valueDimensionless: string;
  timeAxis: (unit: string) => string;
  unitText: (text: string) => string;
  condition: (op: '>=' | '<=', value: string, year: number) => string;
  /** An "about" target's stated value and tolerance, after its condition. */
  about: (stated: string, tolerance: string) => string;
  probabilityKey: { lead: string; likely: string; even: string; unlikely: string; tail: string };
  settings: string;
  setting: { key: string; value: string };
  settingNames: Record<
    | 'scenario'
    | 'scenarioFile'
    | 'extends'
    | 'hash'
    | 'model'
    | 'modelFile'
    | 'modelHash'
    | 'runs'
    | 'seed'
    | 'sampling'
    | 'time'
    | 'engine'
    | 'calibration',
    string
  >;
  timeSpan: (start: number, stop: number, unit: string, dt: number, method: string) => string;
  engine: (version: string, workers: number, seconds: string) => string;
  calibration: (file: string, from: number, until: number, written: string) => string;
  uncertain: string;
  noUncertain: string;
  uncertainHead: { parameter: string; label: string; distribution: string; unit: string; note: string };
  overridden: string;
  fixed: string;
  fixedHead: { parameter: string; label: string; value: string };
  policies: string;
  policyHead: { parameter: string; interpolate: string; points: string };
  reproduce: string;
  footer: (version: string, vegaLite: string, vega: string) => string;
  fontNote: (font: string) => string;
  compareTitle: (names: readonly string[]) => string;
  compareLead: (count: number, runs: string, seed: number) => string;
  crn: (seed: number, runs: string, sampling: string, shared: string) => string;
  crnNone: string;
  aligned: string;
  declared: (scenario: string, seed: number, runs: string, sampling: string) => string;
  compareTargets: string;
  compareExplained: (baseline: string) => string;
  compareSubtitle: (runs: string, baseline: string) => string;
  points: (value: string) => string;
  noCompareTargets: string;
}

const englishNumber = new Intl.NumberFormat('en-US');
const opWords = { '>=': '≥', '<=': '≤' } as const;

const english: ReportText = {
  lang: 'en',
  number: (value) => englishNumber.format(value),
  scenarioTitle: (scenario) => `${scenario}: how likely the targets are`,
  scenarioLead: (scenario, model, runs, seed, sampling) =>
    `Scenario <code>${scenario}</code> on model <code>${model}</code>: ${runs} Monte Carlo runs, seed ${seed}, ${sampling} sampling.`,
  sampling: { lhs: 'Latin hypercube', random: 'random' },
  summary: 'Summary',
  status: { met: 'likely met', risk: 'at risk', missed: 'likely missed' },
  statusKey: 'Likely met: met in 80% of runs or more; at risk: 50% to 80%; likely missed: under 50%.',
  medianIn: (year) => `median in ${year}`,
  targetLine: (probability, median, condition) => `${probability} of runs meet ${condition}; median ${median}`,
  description: 'What the scenario assumes',
  noDescription: 'The scenario file gives no description.',
  changes: (baseline) => `What changes against ${baseline}`,
  noChanges: (baseline) => `No fixed value or policy differs from ${baseline}.`,
  isBaseline: 'This scenario extends no other scenario: it is the baseline the others change.',
  changeRow: (name, before, after) => `<code>${name}</code>: ${before} → ${after}`,
  targets: 'Targets',
  noTargets: 'This scenario states no targets.',
  targetsExplained: (runs) =>
    `The share of the ${runs} runs in which each target is met in its year, and the indicator's P5, P50 (median) and P95 in that year.`,
  firstMetRule: (year) =>
    `"First met" counts only the years after ${year}, the last year of observed data: earlier years are history, not projection.`,
  head: {
    target: 'target',
    indicator: 'indicator',
    condition: 'condition',
    probability: 'probability met',
    unit: 'unit',
    firstMet: (after) => (after === undefined ? 'first met (median year)' : `first met after ${after} (median year)`),
    delta: (baseline) => `Δ vs ${baseline}`,
  },
  never: (share) => `${share} of runs never`,
  medianNever: (share) => `median run never; ${share} of runs never`,
  outputs: 'Outputs over time',
  fanSubtitle: (runs) => `P5–P95 band, median (P50) and mean (dashed) of ${runs} runs`,
  targetsInRed: 'targets in red',
  observed: (series) => `dots: observed (${series})`,
  legend: {
    band: 'P5–P95 band',
    median: 'median (P50)',
    mean: 'mean (dashed)',
    target: 'target',
    observed: 'observed',
    baseline: 'baseline',
  },
  boundary: 'data | projection',
  dataEnd: (year) => `grey line: ${year}, the last year of data; projection after it`,
  valueDimensionless: 'value (dimensionless)',
  timeAxis: (unit) => unit,
  unitText: (text) => text,
  condition: (op, value, year) => `${opWords[op]} ${value} in ${year}`,
  about: (stated, tolerance) => `(about ${stated} ± ${tolerance})`,
  probabilityKey: {
    lead: 'Probability of being met:',
    likely: '80% or more',
    even: '50% to 80%',
    unlikely: 'under 50%',
    tail: 'of runs.',
  },
  settings: 'Settings',
  setting: { key: 'setting', value: 'value' },
  settingNames: {
    scenario: 'scenario',
    scenarioFile: 'scenario file',
    extends: 'extends',
    hash: 'scenario files sha256',
    model: 'model',
    modelFile: 'model file',
    modelHash: 'model file sha256',
    runs: 'runs',
    seed: 'seed',
    sampling: 'sampling',
    time: 'time',
    engine: 'engine',
    calibration: 'calibration',
  },
  timeSpan: (start, stop, unit, dt, method) => `${start} to ${stop} ${unit}, dt ${dt}, ${method}`,
  engine: (version, workers, seconds) =>
    `Kechuang ${version}, ${workers} worker${workers === 1 ? '' : 's'}, ${seconds} s`,
  calibration: (file, from, until, written) => `${file}: fitted to data ${from}-${until}, written ${written}`,
  uncertain: 'Uncertain parameters',
  noUncertain: 'No uncertain parameters: every run is the same.',
  uncertainHead: { parameter: 'parameter', label: 'label', distribution: 'distribution', unit: 'unit', note: 'note' },
  overridden: 'drawn but not used: a fixed value or a policy overrides it',
  fixed: 'Fixed values (<code>set</code>)',
  fixedHead: { parameter: 'parameter', label: 'label', value: 'value' },
  policies: 'Policies',
  policyHead: { parameter: 'parameter', interpolate: 'interpolate', points: 'points (time: value)' },
  reproduce: 'Reproduce these numbers:',
  footer: (version, vegaLite, vega) =>
    `Made by Kechuang ${version}; charts by vega-lite ${vegaLite} and vega ${vega}, rendered to SVG when the report was written. This file needs no network connection.`,
  fontNote: (font) =>
    `The Chinese text of this report needs a CJK font: ${font} (Debian: apt-get install fonts-noto-cjk). Without one, Chinese characters show as boxes.`,
  compareTitle: (names) => `Comparing ${names.join(', ')}`,
  compareLead: (count, runs, seed) => `${count} scenarios, ${runs} Monte Carlo runs each, seed ${seed}.`,
  crn: (seed, runs, sampling, shared) =>
    `<strong>Common random numbers.</strong> Every scenario ran with the same seed (${seed}), the same ${runs} runs and ${sampling} sampling, and each uncertain parameter's draws depend only on the seed and the parameter's name: run <em>k</em> of every scenario uses the same sampled value of each parameter the scenarios share (shared here: ${shared}). So the differences below come from the scenarios' policies and settings, not from sampling noise.`,
  crnNone: 'none',
  aligned: 'Aligned for this comparison (the scenario files say otherwise):',
  declared: (scenario, seed, runs, sampling) =>
    `<code>${scenario}</code> declared seed ${seed}, ${runs} runs, ${sampling} sampling`,
  compareTargets: 'Targets: probability of being met',
  compareExplained: (baseline) =>
    `Each target (matched by id across scenarios), the share of runs meeting it in its year in each scenario, the indicator's median (P50) in that year, and the change in probability against ${baseline}, the first scenario, in percentage points.`,
  compareSubtitle: (runs, baseline) =>
    `median (P50) line and P5–P95 band per scenario, ${runs} runs each on common random numbers; grey: ${baseline}`,
  points: (value) => `${value} pts`,
  noCompareTargets: 'No scenario states a target.',
};

const chineseNumber = new Intl.NumberFormat('zh-CN');

const chinese: ReportText = {
  lang: 'zh',
  number: (value) => chineseNumber.format(value),
  scenarioTitle: (scenario) => `${scenario}：目标实现的可能性`,
  scenarioLead: (scenario, model, runs, seed, sampling) =>
    `情景 <code>${scenario}</code>（模型 <code>${model}</code>）：${runs} 次蒙特卡洛模拟，随机种子 ${seed}，${sampling}抽样。`,
  sampling: { lhs: '拉丁超立方', random: '随机' },
  summary: '摘要',
  status: { met: '有望实现', risk: '存在风险', missed: '可能无法实现' },
  statusKey: '有望实现：80% 及以上的模拟实现目标；存在风险：50% 至 80%；可能无法实现：低于 50%。',
  medianIn: (year) => `${year}年中位数`,
  targetLine: (probability, median, condition) => `${probability} 的模拟满足 ${condition}；中位数 ${median}`,
  description: '情景设定',
  noDescription: '情景文件未给出说明。',
  changes: (baseline) => `相对于 ${baseline} 的变化`,
  noChanges: (baseline) => `没有固定值或政策与 ${baseline} 不同。`,
  isBaseline: '本情景不继承其他情景：它是其他情景所改动的基准情景。',
  changeRow: (name, before, after) => `<code>${name}</code>：${before} → ${after}`,
  targets: '目标',
  noTargets: '本情景未设定目标。',
  targetsExplained: (runs) =>
    `在 ${runs} 次模拟中，各目标在其目标年份实现的比例，以及该指标当年的 P5、P50（中位数）和 P95。`,
  firstMetRule: (year) => `“首次实现”只计 ${year} 年（最后一个观测数据年份）之后的年份：此前的年份是历史，不是预测。`,
  head: {
    target: '目标',
    indicator: '指标',
    condition: '条件',
    probability: '实现概率',
    unit: '单位',
    firstMet: (after) => (after === undefined ? '首次实现（中位年份）' : `${after} 年后首次实现（中位年份）`),
    delta: (baseline) => `相对 ${baseline} 的变化`,
  },
  never: (share) => `${share} 的模拟从未实现`,
  medianNever: (share) => `中位模拟从未实现；${share} 的模拟从未实现`,
  outputs: '指标走势',
  fanSubtitle: (runs) => `${runs} 次模拟的 P5–P95 区间、中位数（P50）与均值（虚线）`,
  targetsInRed: '红色为目标',
  observed: (series) => `圆点：观测值（${series}）`,
  legend: {
    band: 'P5–P95 区间',
    median: '中位数（P50）',
    mean: '均值（虚线）',
    target: '目标',
    observed: '观测值',
    baseline: '基准',
  },
  boundary: '数据 | 预测',
  dataEnd: (year) => `灰线：${year} 年，最后一个数据年份；其后为预测`,
  valueDimensionless: '数值（无量纲）',
  timeAxis: (unit) => (unit === 'year' ? '年' : unit),
  unitText: (text) =>
    text
      .replace(' (100 million yuan)', '')
      .replace(' (trillion yuan)', '')
      .replace(' (10,000 persons)', '')
      .replace(/^percent/, '百分比')
      .replace(' per year', '/年')
      .replace('million persons', '百万人')
      .replace('persons', '人'),
  condition: (op, value, year) => `${year} 年 ${opWords[op]} ${value}`,
  about: (stated, tolerance) => `（约 ${stated} ± ${tolerance}）`,
  probabilityKey: {
    lead: '实现概率：',
    likely: '80% 及以上',
    even: '50% 至 80%',
    unlikely: '低于 50%',
    tail: '的模拟。',
  },
  settings: '设置',
  setting: { key: '设置', value: '值' },
  settingNames: {
    scenario: '情景',
    scenarioFile: '情景文件',
    extends: '继承',
    hash: '情景文件 sha256',
    model: '模型',
    modelFile: '模型文件',
    modelHash: '模型文件 sha256',
    runs: '模拟次数',
    seed: '随机种子',
    sampling: '抽样',
    time: '时间',
    engine: '引擎',
    calibration: '校准',
  },
  timeSpan: (start, stop, unit, dt, method) =>
    `${start} 至 ${stop}（${unit === 'year' ? '年' : unit}），步长 ${dt}，${method}`,
  engine: (version, workers, seconds) => `Kechuang ${version}，${workers} 个工作线程，${seconds} 秒`,
  calibration: (file, from, until, written) => `${file}：拟合 ${from}-${until} 年数据，写于 ${written}`,
  uncertain: '不确定参数',
  noUncertain: '无不确定参数：每次模拟都相同。',
  uncertainHead: { parameter: '参数', label: '名称', distribution: '分布', unit: '单位', note: '备注' },
  overridden: '已抽样但未使用：固定值或政策覆盖了它',
  fixed: '固定值（<code>set</code>）',
  fixedHead: { parameter: '参数', label: '名称', value: '值' },
  policies: '政策',
  policyHead: { parameter: '参数', interpolate: '插值', points: '节点（时间：值）' },
  reproduce: '复现这些结果：',
  footer: (version, vegaLite, vega) =>
    `由 Kechuang ${version} 生成；图表由 vega-lite ${vegaLite} 和 vega ${vega} 绘制，在生成报告时渲染为 SVG。本文件无需联网。`,
  fontNote: (font) =>
    `本报告的中文需要中文字体：${font}（Debian：apt-get install fonts-noto-cjk）。没有该字体时，汉字会显示为方框。`,
  compareTitle: (names) => `情景比较：${names.join('、')}`,
  compareLead: (count, runs, seed) => `${count} 个情景，各 ${runs} 次蒙特卡洛模拟，随机种子 ${seed}。`,
  crn: (seed, runs, sampling, shared) =>
    `<strong>共同随机数。</strong>所有情景使用相同的随机种子（${seed}）、相同的 ${runs} 次模拟和${sampling}抽样；每个不确定参数的抽样只取决于种子和参数名：各情景的第 <em>k</em> 次模拟对共有参数使用相同的抽样值（此处共有：${shared}）。因此下面的差异来自各情景的政策和设定，而非抽样噪声。`,
  crnNone: '无',
  aligned: '为本次比较而统一（情景文件中的设定不同）：',
  declared: (scenario, seed, runs, sampling) =>
    `<code>${scenario}</code> 原设定随机种子 ${seed}，${runs} 次模拟，${sampling}抽样`,
  compareTargets: '目标：实现概率',
  compareExplained: (baseline) =>
    `各目标（按 id 在情景间匹配）在各情景中于目标年份实现的比例、该指标当年的中位数（P50），以及相对第一个情景 ${baseline} 的概率变化（百分点）。`,
  compareSubtitle: (runs, baseline) =>
    `各情景的中位数（P50）线与 P5–P95 区间，各 ${runs} 次共同随机数模拟；灰色：${baseline}`,
  points: (value) => `${value} 个百分点`,
  noCompareTargets: '没有情景设定目标。',
};

/** The reports' fixed text in a language. */
export function reportText(language: ReportLanguage): ReportText {
  return language === 'zh' ? chinese : english;
}

/** A target's status from the share of runs meeting it (the colour bands of the target tables). */
export function targetStatus(probability: number): TargetStatus {
  return probability >= 0.8 ? 'met' : probability >= 0.5 ? 'risk' : 'missed';
}
