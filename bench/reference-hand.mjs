// Hand-written JavaScript implementations of the beijing_ref reference model
// (shared/bench/reference-model.md), used as performance and correctness anchors.

export const PARAMETER_NAMES = Object.freeze([
  'gdp_growth_base',
  'digital_growth_base',
  'rd_spillover',
  'digital_rd_elasticity',
  'ref_intensity',
  'hightech_growth_base',
  'fiscal_revenue_share',
  'tech_contract_multiplier',
  'gov_st_share',
  'contract_smooth_time',
  'enterprise_rd_propensity',
  'basic_share_target',
  'knowledge_depreciation',
  'basic_share_adjust_time',
  'rd_cost_per_fte',
  'intensity_smooth_time',
  'personnel_adjust_time',
  'funding_boost',
  'attrition_rate',
  'boost_year',
  'employment_growth',
  'other_rd_share',
]);

const DEFAULT_VALUES = [
  0.065, 0.075, 0.12, 0.5, 0.055, 0.07, 0.13, 2.5, 0.11, 1.5, 0.028, 0.17, 0.15, 3, 0.0081, 1, 2, 0.2, 0.05, 2023,
  0.005, 0.004,
];

export function defaultParameters() {
  return Float64Array.from(DEFAULT_VALUES);
}

export const OUTPUT_NAMES = Object.freeze([
  'intensity',
  'Basic_share',
  'personnel_per_10k',
  'Digital_VA',
  'HighTech_VA',
  'Tech_contract',
  'GDP',
]);

export const SAVE_COUNT = 21;

const OUTPUT_COUNT = 7;
const INITIAL_TIME = 2015;
const DT = 0.0625;
const STEP_COUNT = 320;
const SAVE_EVERY = 16;

const LOOKUP_X0 = 0;
const LOOKUP_X1 = 0.5;
const LOOKUP_X2 = 1;
const LOOKUP_X3 = 1.5;
const LOOKUP_X4 = 2;
const LOOKUP_X5 = 3;
const LOOKUP_Y0 = 0.6;
const LOOKUP_Y1 = 0.8;
const LOOKUP_Y2 = 1;
const LOOKUP_Y3 = 1.15;
const LOOKUP_Y4 = 1.25;
const LOOKUP_Y5 = 1.3;
const LOOKUP_S0 = (LOOKUP_Y1 - LOOKUP_Y0) / (LOOKUP_X1 - LOOKUP_X0);
const LOOKUP_S1 = (LOOKUP_Y2 - LOOKUP_Y1) / (LOOKUP_X2 - LOOKUP_X1);
const LOOKUP_S2 = (LOOKUP_Y3 - LOOKUP_Y2) / (LOOKUP_X3 - LOOKUP_X2);
const LOOKUP_S3 = (LOOKUP_Y4 - LOOKUP_Y3) / (LOOKUP_X4 - LOOKUP_X3);
const LOOKUP_S4 = (LOOKUP_Y5 - LOOKUP_Y4) / (LOOKUP_X5 - LOOKUP_X4);

export function runPlain(params, out) {
  const gdp_growth_base = params[0];
  const digital_growth_base = params[1];
  const rd_spillover = params[2];
  const digital_rd_elasticity = params[3];
  const ref_intensity = params[4];
  const hightech_growth_base = params[5];
  const fiscal_revenue_share = params[6];
  const tech_contract_multiplier = params[7];
  const gov_st_share = params[8];
  const contract_smooth_time = params[9];
  const enterprise_rd_propensity = params[10];
  const basic_share_target = params[11];
  const knowledge_depreciation = params[12];
  const basic_share_adjust_time = params[13];
  const rd_cost_per_fte = params[14];
  const intensity_smooth_time = params[15];
  const personnel_adjust_time = params[16];
  const funding_boost = params[17];
  const attrition_rate = params[18];
  const boost_year = params[19];
  const employment_growth = params[20];
  const other_rd_share = params[21];

  let GDP = 24779;
  let Knowledge = 6000;
  let RD_personnel = 245000;
  let Employed = 1186;
  let Digital_VA = 8000;
  let HighTech_VA = 5000;
  let Tech_contract = 3453;
  let Basic_share = 0.14;
  let Smoothed_intensity = 0.06;

  let o = 0;
  for (let step = 0; step <= STEP_COUNT; step++) {
    const time = INITIAL_TIME + step * DT;

    const funding_multiplier = 1 + (time >= boost_year ? funding_boost : 0);
    const fiscal_st = GDP * fiscal_revenue_share * gov_st_share * funding_multiplier;
    const knowledge_ratio = Knowledge / ((GDP * ref_intensity) / knowledge_depreciation);

    let enterprise_response;
    if (knowledge_ratio <= LOOKUP_X0) {
      enterprise_response = LOOKUP_Y0;
    } else if (knowledge_ratio < LOOKUP_X1) {
      enterprise_response =
        LOOKUP_Y0 + ((knowledge_ratio - LOOKUP_X0) * (LOOKUP_Y1 - LOOKUP_Y0)) / (LOOKUP_X1 - LOOKUP_X0);
    } else if (knowledge_ratio < LOOKUP_X2) {
      enterprise_response =
        LOOKUP_Y1 + ((knowledge_ratio - LOOKUP_X1) * (LOOKUP_Y2 - LOOKUP_Y1)) / (LOOKUP_X2 - LOOKUP_X1);
    } else if (knowledge_ratio < LOOKUP_X3) {
      enterprise_response =
        LOOKUP_Y2 + ((knowledge_ratio - LOOKUP_X2) * (LOOKUP_Y3 - LOOKUP_Y2)) / (LOOKUP_X3 - LOOKUP_X2);
    } else if (knowledge_ratio < LOOKUP_X4) {
      enterprise_response =
        LOOKUP_Y3 + ((knowledge_ratio - LOOKUP_X3) * (LOOKUP_Y4 - LOOKUP_Y3)) / (LOOKUP_X4 - LOOKUP_X3);
    } else if (knowledge_ratio < LOOKUP_X5) {
      enterprise_response =
        LOOKUP_Y4 + ((knowledge_ratio - LOOKUP_X4) * (LOOKUP_Y5 - LOOKUP_Y4)) / (LOOKUP_X5 - LOOKUP_X4);
    } else {
      enterprise_response = LOOKUP_Y5;
    }

    const enterprise_rd = GDP * enterprise_rd_propensity * enterprise_response;
    const other_rd = other_rd_share * GDP;
    const rd_exp = 0.5 * fiscal_st + enterprise_rd + other_rd;
    const intensity = rd_exp / GDP;
    const gdp_growth_rate = gdp_growth_base + rd_spillover * (Smoothed_intensity - ref_intensity);
    const desired_personnel = (rd_exp * (1 - 0.2 * Basic_share)) / rd_cost_per_fte;
    const hiring = Math.max(
      0,
      (desired_personnel - RD_personnel) / personnel_adjust_time + attrition_rate * RD_personnel,
    );
    const attrition = attrition_rate * RD_personnel;
    const personnel_per_10k = RD_personnel / Employed;
    const basic_research = rd_exp * Basic_share;

    if (step % SAVE_EVERY === 0) {
      out[o] = intensity;
      out[o + 1] = basic_research / rd_exp;
      out[o + 2] = personnel_per_10k;
      out[o + 3] = Digital_VA;
      out[o + 4] = HighTech_VA;
      out[o + 5] = Tech_contract;
      out[o + 6] = GDP;
      o += OUTPUT_COUNT;
      if (step === STEP_COUNT) break;
    }

    const d_GDP = GDP * gdp_growth_rate;
    const d_Knowledge = rd_exp - knowledge_depreciation * Knowledge;
    const d_RD_personnel = hiring - attrition;
    const d_Employed = Employed * employment_growth;
    const d_Digital_VA = Digital_VA * (digital_growth_base + digital_rd_elasticity * (intensity - ref_intensity));
    const d_HighTech_VA = HighTech_VA * (hightech_growth_base + 0.04 * (knowledge_ratio - 1));
    const d_Tech_contract = (tech_contract_multiplier * rd_exp - Tech_contract) / contract_smooth_time;
    const d_Basic_share = (basic_share_target - Basic_share) / basic_share_adjust_time;
    const d_Smoothed_intensity = (intensity - Smoothed_intensity) / intensity_smooth_time;

    GDP += DT * d_GDP;
    Knowledge += DT * d_Knowledge;
    RD_personnel += DT * d_RD_personnel;
    Employed += DT * d_Employed;
    Digital_VA += DT * d_Digital_VA;
    HighTech_VA += DT * d_HighTech_VA;
    Tech_contract += DT * d_Tech_contract;
    Basic_share += DT * d_Basic_share;
    Smoothed_intensity += DT * d_Smoothed_intensity;
  }
  return out;
}

export function runRecip(params, out) {
  const gdp_growth_base = params[0];
  const digital_growth_base = params[1];
  const rd_spillover = params[2];
  const digital_rd_elasticity = params[3];
  const ref_intensity = params[4];
  const hightech_growth_base = params[5];
  const fiscal_revenue_share = params[6];
  const tech_contract_multiplier = params[7];
  const gov_st_share = params[8];
  const contract_smooth_time = params[9];
  const enterprise_rd_propensity = params[10];
  const basic_share_target = params[11];
  const knowledge_depreciation = params[12];
  const basic_share_adjust_time = params[13];
  const rd_cost_per_fte = params[14];
  const intensity_smooth_time = params[15];
  const personnel_adjust_time = params[16];
  const funding_boost = params[17];
  const attrition_rate = params[18];
  const boost_year = params[19];
  const employment_growth = params[20];
  const other_rd_share = params[21];

  const inv_personnel_adjust_time = 1 / personnel_adjust_time;
  const inv_rd_cost_per_fte = 1 / rd_cost_per_fte;
  const inv_contract_smooth_time = 1 / contract_smooth_time;
  const inv_basic_share_adjust_time = 1 / basic_share_adjust_time;
  const inv_intensity_smooth_time = 1 / intensity_smooth_time;
  const inv_knowledge_scale = 1 / (ref_intensity / knowledge_depreciation);

  let GDP = 24779;
  let Knowledge = 6000;
  let RD_personnel = 245000;
  let Employed = 1186;
  let Digital_VA = 8000;
  let HighTech_VA = 5000;
  let Tech_contract = 3453;
  let Basic_share = 0.14;
  let Smoothed_intensity = 0.06;

  let o = 0;
  for (let step = 0; step <= STEP_COUNT; step++) {
    const time = INITIAL_TIME + step * DT;
    const invGdp = 1 / GDP;

    const funding_multiplier = 1 + (time >= boost_year ? funding_boost : 0);
    const fiscal_st = GDP * fiscal_revenue_share * gov_st_share * funding_multiplier;
    const knowledge_ratio = Knowledge * invGdp * inv_knowledge_scale;

    let enterprise_response;
    if (knowledge_ratio <= LOOKUP_X0) {
      enterprise_response = LOOKUP_Y0;
    } else if (knowledge_ratio < LOOKUP_X1) {
      enterprise_response = LOOKUP_Y0 + (knowledge_ratio - LOOKUP_X0) * LOOKUP_S0;
    } else if (knowledge_ratio < LOOKUP_X2) {
      enterprise_response = LOOKUP_Y1 + (knowledge_ratio - LOOKUP_X1) * LOOKUP_S1;
    } else if (knowledge_ratio < LOOKUP_X3) {
      enterprise_response = LOOKUP_Y2 + (knowledge_ratio - LOOKUP_X2) * LOOKUP_S2;
    } else if (knowledge_ratio < LOOKUP_X4) {
      enterprise_response = LOOKUP_Y3 + (knowledge_ratio - LOOKUP_X3) * LOOKUP_S3;
    } else if (knowledge_ratio < LOOKUP_X5) {
      enterprise_response = LOOKUP_Y4 + (knowledge_ratio - LOOKUP_X4) * LOOKUP_S4;
    } else {
      enterprise_response = LOOKUP_Y5;
    }

    const enterprise_rd = GDP * enterprise_rd_propensity * enterprise_response;
    const other_rd = other_rd_share * GDP;
    const rd_exp = 0.5 * fiscal_st + enterprise_rd + other_rd;
    const intensity = rd_exp * invGdp;
    const gdp_growth_rate = gdp_growth_base + rd_spillover * (Smoothed_intensity - ref_intensity);
    const desired_personnel = rd_exp * (1 - 0.2 * Basic_share) * inv_rd_cost_per_fte;
    const attrition = attrition_rate * RD_personnel;
    const hiring = Math.max(0, (desired_personnel - RD_personnel) * inv_personnel_adjust_time + attrition);

    if (step % SAVE_EVERY === 0) {
      const basic_research = rd_exp * Basic_share;
      out[o] = intensity;
      out[o + 1] = basic_research / rd_exp;
      out[o + 2] = RD_personnel / Employed;
      out[o + 3] = Digital_VA;
      out[o + 4] = HighTech_VA;
      out[o + 5] = Tech_contract;
      out[o + 6] = GDP;
      o += OUTPUT_COUNT;
      if (step === STEP_COUNT) break;
    }

    GDP += DT * (GDP * gdp_growth_rate);
    Knowledge += DT * (rd_exp - knowledge_depreciation * Knowledge);
    RD_personnel += DT * (hiring - attrition);
    Employed += DT * (Employed * employment_growth);
    Digital_VA += DT * (Digital_VA * (digital_growth_base + digital_rd_elasticity * (intensity - ref_intensity)));
    HighTech_VA += DT * (HighTech_VA * (hightech_growth_base + 0.04 * (knowledge_ratio - 1)));
    Tech_contract += DT * ((tech_contract_multiplier * rd_exp - Tech_contract) * inv_contract_smooth_time);
    Basic_share += DT * ((basic_share_target - Basic_share) * inv_basic_share_adjust_time);
    Smoothed_intensity += DT * ((intensity - Smoothed_intensity) * inv_intensity_smooth_time);
  }
  return out;
}
