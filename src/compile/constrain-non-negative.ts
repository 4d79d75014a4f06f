import { build, type Expression } from '../model/expression.js';
import type { StockSpec } from '../model/model-spec.js';

/** What keeping some stocks non-negative changes in a plan. */
export interface NonNegativeConstraints {
  /** Flows whose value becomes the constrained one: the flow's own equation moves to `rawName`. */
  renamed: ReadonlyMap<string, string>;
  /** Hidden auxes that compute how much each constrained outflow may take, in no particular order. */
  variables: readonly { name: string; expression: Expression }[];
  /** The net flow of each non-negative stock, by stock name, over the constrained outflows. */
  derivatives: ReadonlyMap<string, Expression>;
}

const sum = (terms: readonly Expression[]): Expression | undefined =>
  terms.length === 0 ? undefined : terms.reduce((total, term) => build.add(total, term));

/**
 * Stella's non-negative stocks: within a step a stock can give away no more than it holds plus what
 * flows in, `room = stock / dt + inflows`. Its outflows take from that room in the order the stock
 * lists them, each at most what is left: `taken_k = min(outflow_k, max(0, room_k))`, `room_k+1 =
 * room_k - taken_k` (an outflow running backwards, below 0, is not limited). A flow that leaves only
 * this stock takes the limited value everywhere (what it reports, and what a stock it flows into
 * receives), as in Stella. A flow listed as the outflow of several stocks (Stella cannot draw one)
 * keeps its own value and is limited in each non-negative stock's balance only. Negative inflows are
 * not limited one by one: the stock's update is clamped at 0 (see `PlanStock.nonNegative`).
 */
export function constrainNonNegative(stocks: readonly StockSpec[]): NonNegativeConstraints {
  const outflowOwners = new Map<string, number>();
  for (const stock of stocks)
    for (const flow of stock.outflows) outflowOwners.set(flow, (outflowOwners.get(flow) ?? 0) + 1);
  const renamed = new Map<string, string>();
  const variables: { name: string; expression: Expression }[] = [];
  const derivatives = new Map<string, Expression>();
  for (const stock of stocks) {
    if (stock.nonNegative !== true) continue;
    const inflows = stock.inflows.map((name) => build.reference(name));
    let room: Expression = build.add(
      build.divide(build.reference(stock.name), build.reference('dt')),
      sum(inflows) ?? build.number(0),
    );
    const taken: Expression[] = [];
    stock.outflows.forEach((flow, index) => {
      const own = outflowOwners.get(flow) === 1;
      const rawName = own ? `#raw(${flow})` : flow;
      if (own) renamed.set(flow, rawName);
      const takenName = own ? flow : `#taken${index}(${stock.name})`;
      const roomName = `#room${index}(${stock.name})`;
      variables.push({ name: roomName, expression: room });
      variables.push({
        name: takenName,
        expression: build.call('min', [
          build.reference(rawName),
          build.call('max', [build.number(0), build.reference(roomName)]),
        ]),
      });
      taken.push(build.reference(takenName));
      room = build.subtract(build.reference(roomName), build.reference(takenName));
    });
    let net: Expression = sum(inflows) ?? build.number(0);
    for (const term of taken) net = build.subtract(net, term);
    derivatives.set(stock.name, net);
  }
  return { renamed, variables, derivatives };
}
