/**
 * Order statistics of a column read in place: neither sorted, copied nor changed, so that a column of
 * the shared run store can be summarised while other threads read it, with no scratch copy per thread.
 *
 * The method is a most-significant-digit radix selection over the IEEE-754 bit patterns, made
 * order-preserving (negative numbers have every bit flipped, others their sign bit), which orders
 * finite values as `<` does, with -0 before +0. One pass finds the bits every value shares (the
 * smallest and largest key), then each pass counts the next 8 to 16 bits of the values that share the bits
 * known so far for each sought rank, until few enough remain to collect and sort; a rank whose 64 bits
 * are all known is its value. The counts are exact, so the result is the value `sorted[rank]` holds:
 * the same numbers as a sort or a quickselect (a zero may come back as -0 where they would give +0).
 */

/** Bits counted per pass at most (a histogram of 2^16 counts); shorter columns count fewer, so counting space stays small beside them. */
const maxDigitBits = 16;
const bucketCount = 1 << maxDigitBits;
/** A rank whose candidates number at most this is finished by collecting and sorting them. */
const collectLimit = 4096;

/** Reusable counting space for `selectOrderStatistics`, so that summarising many columns allocates once. */
export interface SelectionScratch {
  histograms: Uint32Array;
}

/** Counting space for up to `groupCount` ranks sought at once (the band's six order statistics). */
export function createSelectionScratch(groupCount = 6): SelectionScratch {
  return { histograms: new Uint32Array(bucketCount * groupCount) };
}

const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The 64-bit order-preserving key of a double's two 32-bit words. */
const keyHigh = (high: number): number => (high & 0x80000000 ? ~high >>> 0 : (high | 0x80000000) >>> 0);
const keyLow = (high: number, low: number): number => (high & 0x80000000 ? ~low >>> 0 : low >>> 0);

/** Bits `[shift, shift + bits)` of the key (counted from its top), zero-padded past bit 64. */
function digitAt(high: number, low: number, shift: number, bits: number): number {
  if (shift >= 32) return (low << (shift - 32)) >>> (32 - bits);
  if (shift + bits <= 32) return (high << shift) >>> (32 - bits);
  return ((high << shift) >>> (32 - bits)) | (low >>> (64 - shift - bits));
}

/** The key's high word with a digit placed at `[shift, shift + bits)`. */
function placeHigh(digit: number, shift: number, bits: number): number {
  if (shift >= 32) return 0;
  return shift + bits <= 32 ? (digit << (32 - shift - bits)) >>> 0 : digit >>> (shift + bits - 32);
}

/** The key's low word with a digit placed at `[shift, shift + bits)` (its bits past bit 64 are zeros). */
function placeLow(digit: number, shift: number, bits: number): number {
  if (shift + bits <= 32) return 0;
  return shift + bits > 64 ? digit >>> (shift + bits - 64) : (digit << (64 - shift - bits)) >>> 0;
}

/** The top `bits` bits of a 32-bit word as a mask. */
const topMask = (bits: number): number => (bits <= 0 ? 0 : bits >= 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0);

/** A set of ranks that share a key prefix: the prefix, and how many values have it. */
interface Group {
  high: number;
  low: number;
  count: number;
  /** Indices into the ranks sought, with each one's rank among the values of this prefix. */
  members: { index: number; rank: number }[];
}

/** The double whose key is (high, low). */
function valueOfKey(high: number, low: number): number {
  const words = new Uint32Array(2);
  const negative = (high & 0x80000000) === 0;
  const rawHigh = negative ? ~high >>> 0 : (high & 0x7fffffff) >>> 0;
  const rawLow = negative ? ~low >>> 0 : low;
  words[littleEndian ? 1 : 0] = rawHigh;
  words[littleEndian ? 0 : 1] = rawLow;
  return new Float64Array(words.buffer)[0]!;
}

/** The smallest and largest high word of the keys. */
function highKeyRange(words: Uint32Array, length: number, highWord: number): { min: number; max: number } {
  let min = 0xffffffff;
  let max = 0;
  for (let index = highWord; index < 2 * length; index += 2) {
    const high = keyHigh(words[index]!);
    if (high < min) min = high;
    if (high > max) max = high;
  }
  return { min, max };
}

/** The smallest and largest low word of the keys (all of which share one high word). */
function lowKeyRange(words: Uint32Array, length: number, highWord: number): { min: number; max: number } {
  const lowWord = 1 - highWord;
  let min = 0xffffffff;
  let max = 0;
  for (let index = 0; index < length; index++) {
    const low = keyLow(words[2 * index + highWord]!, words[2 * index + lowWord]!);
    if (low < min) min = low;
    if (low > max) max = low;
  }
  return { min, max };
}

/** One pass over the column: the groups of ranks it counts or collects for, as flat arrays. */
interface Pass {
  shift: number;
  bits: number;
  maskHigh: number;
  maskLow: number;
  /** Each group's prefix: counted groups first, then collected ones. */
  groupHigh: Uint32Array;
  groupLow: Uint32Array;
  countedCount: number;
  histograms: Uint32Array;
  pools: Float64Array[];
  filled: Int32Array;
}

/** The first pass: every value is in the one group, and the digit lies in the high word. */
function countFirstDigits(words: Uint32Array, length: number, highWord: number, pass: Pass): void {
  const { shift, histograms } = pass;
  const rightShift = 32 - pass.bits;
  for (let index = highWord; index < 2 * length; index += 2)
    histograms[(keyHigh(words[index]!) << shift) >>> rightShift]!++;
}

/** A later pass whose prefixes and digit lie in the high word (the usual second pass). */
function scanHighPrefixes(values: Float64Array, words: Uint32Array, highWord: number, pass: Pass): void {
  const { shift, maskHigh, groupHigh, countedCount, histograms, pools, filled } = pass;
  const rightShift = 32 - pass.bits;
  const buckets = 1 << pass.bits;
  const groupCount = groupHigh.length;
  const length = values.length;
  for (let index = 0; index < length; index++) {
    const high = keyHigh(words[2 * index + highWord]!);
    const prefixHigh = (high & maskHigh) >>> 0;
    let groupIndex = 0;
    while (groupIndex < groupCount && groupHigh[groupIndex] !== prefixHigh) groupIndex++;
    if (groupIndex === groupCount) continue;
    if (groupIndex < countedCount) histograms[groupIndex * buckets + ((high << shift) >>> rightShift)]!++;
    else {
      const poolIndex = groupIndex - countedCount;
      pools[poolIndex]![filled[poolIndex]!++] = values[index]!;
    }
  }
}

/** Any pass: prefixes and digits anywhere in the 64 bits. */
function scanPrefixes(values: Float64Array, words: Uint32Array, highWord: number, pass: Pass): void {
  const { shift, bits, maskHigh, maskLow, groupHigh, groupLow, countedCount, histograms, pools, filled } = pass;
  const lowWord = 1 - highWord;
  const buckets = 1 << bits;
  const groupCount = groupHigh.length;
  const length = values.length;
  for (let index = 0; index < length; index++) {
    const raw = words[2 * index + highWord]!;
    const high = keyHigh(raw);
    const low = keyLow(raw, words[2 * index + lowWord]!);
    const prefixHigh = (high & maskHigh) >>> 0;
    const prefixLow = (low & maskLow) >>> 0;
    let groupIndex = 0;
    while (groupIndex < groupCount && (groupHigh[groupIndex] !== prefixHigh || groupLow[groupIndex] !== prefixLow))
      groupIndex++;
    if (groupIndex === groupCount) continue;
    if (groupIndex < countedCount) histograms[groupIndex * buckets + digitAt(high, low, shift, bits)]!++;
    else {
      const poolIndex = groupIndex - countedCount;
      pools[poolIndex]![filled[poolIndex]!++] = values[index]!;
    }
  }
}

/**
 * The values of `values` at 0-based ascending `ranks` (as `sorted[rank]`), read in place. `values`
 * must hold no NaN.
 * @throws RangeError for a rank outside the column, or more distinct prefixes than `scratch` counts for.
 */
export function selectOrderStatistics(
  values: Float64Array,
  ranks: readonly number[],
  scratch: SelectionScratch = createSelectionScratch(ranks.length),
): number[] {
  const length = values.length;
  for (const rank of ranks)
    if (!Number.isInteger(rank) || rank < 0 || rank >= length)
      throw new RangeError(`selectOrderStatistics(): rank ${rank} is outside a column of ${length} values`);
  const results = new Array<number>(ranks.length).fill(Number.NaN);
  if (ranks.length === 0) return results;
  if (length <= collectLimit) {
    const sorted = Float64Array.from(values).sort();
    return ranks.map((rank) => sorted[rank]!);
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, length * 2);
  const highWord = littleEndian ? 1 : 0;

  // The smallest and largest key: every key shares their common leading bits.
  const high = highKeyRange(words, length, highWord);
  const low = high.min === high.max ? lowKeyRange(words, length, highWord) : { min: 0, max: 0 };
  let shift =
    high.min !== high.max
      ? Math.clz32(high.min ^ high.max)
      : low.min !== low.max
        ? 32 + Math.clz32(low.min ^ low.max)
        : 64;
  let groups: Group[] = [
    {
      high: (high.min & topMask(shift)) >>> 0,
      low: (low.min & topMask(shift - 32)) >>> 0,
      count: length,
      members: ranks.map((rank, index) => ({ index, rank })),
    },
  ];
  const histograms = scratch.histograms;
  const bits = Math.max(8, Math.min(maxDigitBits, Math.floor(Math.log2(length)) - 4));
  const buckets = 1 << bits;

  while (groups.length > 0) {
    if (shift >= 64) {
      for (const group of groups)
        for (const member of group.members) results[member.index] = valueOfKey(group.high, group.low);
      break;
    }
    const counted = groups.filter((group) => group.count > collectLimit);
    const collected = groups.filter((group) => group.count <= collectLimit);
    if (counted.length * buckets > histograms.length)
      throw new RangeError(`selectOrderStatistics(): scratch counts for ${histograms.length / bucketCount} groups`);
    histograms.fill(0, 0, counted.length * buckets);
    const all = [...counted, ...collected];
    const pass: Pass = {
      shift,
      bits,
      maskHigh: topMask(shift),
      maskLow: topMask(shift - 32),
      groupHigh: Uint32Array.from(all, (group) => group.high),
      groupLow: Uint32Array.from(all, (group) => group.low),
      countedCount: counted.length,
      histograms,
      pools: collected.map((group) => new Float64Array(group.count)),
      filled: new Int32Array(collected.length),
    };
    if (all.length === 1 && counted.length === 1 && shift + bits <= 32) countFirstDigits(words, length, highWord, pass);
    else if (pass.maskLow === 0 && shift + bits <= 32) scanHighPrefixes(values, words, highWord, pass);
    else scanPrefixes(values, words, highWord, pass);
    collected.forEach((group, poolIndex) => {
      const pool = pass.pools[poolIndex]!.sort();
      for (const member of group.members) results[member.index] = pool[member.rank]!;
    });
    const next = new Map<string, Group>();
    counted.forEach((group, groupIndex) => {
      const base = groupIndex * buckets;
      for (const member of group.members) {
        let below = 0;
        let digit = 0;
        while (below + histograms[base + digit]! <= member.rank) below += histograms[base + digit++]!;
        const high = (group.high | placeHigh(digit, shift, bits)) >>> 0;
        const low = (group.low | placeLow(digit, shift, bits)) >>> 0;
        const key = `${high}:${low}`;
        let child = next.get(key);
        if (child === undefined) {
          child = { high, low, count: histograms[base + digit]!, members: [] };
          next.set(key, child);
        }
        child.members.push({ index: member.index, rank: member.rank - below });
      }
    });
    groups = [...next.values()];
    shift += bits;
  }
  return results;
}
