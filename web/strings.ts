import type { ControlGroup } from '../src/explore/explore-protocol.js';

/** The page's two languages. */
export type Language = 'en' | 'zh';

/** Every text the page shows that is not a label from the model or a message from the server. */
export interface PageStrings {
  title: string;
  language: string;
  runsOf: (runs: string, total: string) => string;
  refining: string;
  complete: string;
  compare: string;
  save: string;
  sensitivity: string;
  groups: Record<ControlGroup, string>;
  policyScale: string;
  sampled: string;
  calibrated: string;
  fixed: string;
  changed: string;
  reset: string;
  range: string;
  noRange: string;
  unit: string;
  target: string;
  condition: string;
  probability: string;
  baselineProbability: string;
  atYear: string;
  firstMet: string;
  never: string;
  median: string;
  p5p95: string;
  mean: string;
  observed: string;
  targetLine: string;
  baselineBand: string;
  savedTo: string;
  reproduce: string;
  reproduceSet: string;
  noSetCommand: string;
  sensitivityOver: (runs: string) => string;
  leftOut: (names: string) => string;
  noBars: string;
  close: string;
  latency: (milliseconds: string) => string;
}

const english: PageStrings = {
  title: 'Kechuang explore',
  language: '中文',
  runsOf: (runs, total) => `${runs} of ${total} runs`,
  refining: 'refining…',
  complete: 'all runs: the numbers of kechuang run',
  compare: 'compare with baseline',
  save: 'Save as scenario',
  sensitivity: 'Which inputs matter (PRCC)',
  groups: {
    policy: 'Policies (scale of the path over time)',
    set: "Scenario's fixed values",
    sampled: 'Uncertain inputs (sampled in each run until fixed here)',
    model: 'Model constants',
  },
  policyScale: 'scale',
  sampled: 'sampled',
  calibrated: 'calibrated',
  fixed: 'fixed',
  changed: 'changed',
  reset: 'back to the scenario',
  range: 'range',
  noRange: 'no declared range',
  unit: 'unit',
  target: 'target',
  condition: 'condition',
  probability: 'probability',
  baselineProbability: 'baseline',
  atYear: 'P5 / P50 / P95 in its year',
  firstMet: 'first met (median)',
  never: 'never',
  median: 'median (P50)',
  p5p95: 'P5–P95',
  mean: 'mean',
  observed: 'observed',
  targetLine: 'target',
  baselineBand: 'baseline P5–P95',
  savedTo: 'Saved to',
  reproduce: 'Reproduce with',
  reproduceSet: 'or, from the opened file',
  noSetCommand: 'a scaled policy has no --set form: run the saved file',
  sensitivityOver: (runs) => `Partial rank correlation over this view's ${runs} runs`,
  leftOut: (names) => `Varied but not rank-correlated (drawn together): ${names}`,
  noBars: 'no uncertain input varies, or too few runs',
  close: 'close',
  latency: (milliseconds) => `first answer ${milliseconds} ms`,
};

const chinese: PageStrings = {
  title: '科创 情景探索',
  language: 'English',
  runsOf: (runs, total) => `${runs} / ${total} 次运行`,
  refining: '正在细化…',
  complete: '全部运行：与 kechuang run 结果一致',
  compare: '与基准情景对比',
  save: '另存为情景',
  sensitivity: '哪些输入重要 (PRCC)',
  groups: {
    policy: '政策（随时间路径的缩放）',
    set: '情景设定值',
    sampled: '不确定输入（每次运行抽样，在此固定后不再抽样）',
    model: '模型常数',
  },
  policyScale: '缩放',
  sampled: '抽样',
  calibrated: '已校准',
  fixed: '固定',
  changed: '已修改',
  reset: '恢复情景值',
  range: '范围',
  noRange: '未声明范围',
  unit: '单位',
  target: '目标',
  condition: '条件',
  probability: '达成概率',
  baselineProbability: '基准',
  atYear: '目标年 P5 / P50 / P95',
  firstMet: '首次达成（中位数）',
  never: '未达成',
  median: '中位数 (P50)',
  p5p95: 'P5–P95',
  mean: '均值',
  observed: '观测值',
  targetLine: '目标',
  baselineBand: '基准 P5–P95',
  savedTo: '已保存至',
  reproduce: '复现命令',
  reproduceSet: '或基于原情景文件',
  noSetCommand: '缩放后的政策无法用 --set 表达：请运行保存的文件',
  sensitivityOver: (runs) => `基于当前视图 ${runs} 次运行的偏秩相关`,
  leftOut: (names) => `参与抽样但不计算秩相关（联合抽取）：${names}`,
  noBars: '没有变化的不确定输入，或运行次数太少',
  close: '关闭',
  latency: (milliseconds) => `首次响应 ${milliseconds} 毫秒`,
};

/** The page's texts in a language. */
export const pageStrings: Record<Language, PageStrings> = { en: english, zh: chinese };
