// LEAN's enums as they appear in result files, number → name. Values checked against LEAN's
// Common/Orders/OrderTypes.cs, Common/Global.cs, Common/BaseSeries.cs and Common/Chart.cs (through the
// generated quantconnect-stubs, which print each member's number). A number this table does not know
// (a newer LEAN) becomes "Unknown(<n>)" rather than an error, so old builds of the panel still load new files.

/** A value that matched no member: the raw number or text in parentheses, "missing" when absent. */
export type UnknownName = `Unknown(${string})`;

const ORDER_TYPE = [
  'Market',
  'Limit',
  'StopMarket',
  'StopLimit',
  'MarketOnOpen',
  'MarketOnClose',
  'OptionExercise',
  'LimitIfTouched',
  'ComboMarket',
  'ComboLimit',
  'ComboLegLimit',
  'TrailingStop',
] as const;

// LEAN's OrderStatus has no member 4 (Canceled is 5).
const ORDER_STATUS = {
  0: 'New',
  1: 'Submitted',
  2: 'PartiallyFilled',
  3: 'Filled',
  5: 'Canceled',
  6: 'None',
  7: 'Invalid',
  8: 'CancelPending',
  9: 'UpdateSubmitted',
} as const;

const ORDER_DIRECTION = ['Buy', 'Sell', 'Hold'] as const;

const SECURITY_TYPE = [
  'Base',
  'Equity',
  'Option',
  'Commodity',
  'Forex',
  'Future',
  'Cfd',
  'Crypto',
  'FutureOption',
  'Index',
  'IndexOption',
  'CryptoFuture',
] as const;

// 8 is unused in LEAN's SeriesType.
const SERIES_TYPE = {
  0: 'Line',
  1: 'Scatter',
  2: 'Candle',
  3: 'Bar',
  4: 'Flag',
  5: 'StackedArea',
  6: 'Pie',
  7: 'Treemap',
  9: 'Heatmap',
  10: 'Scatter3d',
} as const;

const CHART_TYPE = ['Overlay', 'Stacked'] as const;
const TRADE_DIRECTION = ['Long', 'Short'] as const;
const ACCOUNT_TYPE = ['Margin', 'Cash'] as const;

export type OrderTypeName = (typeof ORDER_TYPE)[number] | UnknownName;
export type OrderStatusName = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS] | UnknownName;
export type OrderDirectionName = (typeof ORDER_DIRECTION)[number] | UnknownName;
export type SecurityTypeName = (typeof SECURITY_TYPE)[number] | UnknownName;
export type SeriesTypeName = (typeof SERIES_TYPE)[keyof typeof SERIES_TYPE] | UnknownName;
export type ChartTypeName = (typeof CHART_TYPE)[number] | UnknownName;
export type TradeDirectionName = (typeof TRADE_DIRECTION)[number] | UnknownName;
export type AccountTypeName = (typeof ACCOUNT_TYPE)[number] | UnknownName;

/** A LEAN enum: number → member name. */
export class LeanEnum<N extends string> {
  private readonly byNumber = new Map<number, N>();
  private readonly byLowerName = new Map<string, N>();

  constructor(
    /** LEAN's type name, for messages. */
    readonly typeName: string,
    members: readonly N[] | Readonly<Record<number, N>>,
  ) {
    for (const [key, name] of Object.entries(members) as [string, N][]) {
      this.byNumber.set(Number(key), name);
      this.byLowerName.set(name.toLowerCase(), name);
    }
  }

  /**
   * The member for a number, or for a name in any casing (the order-events file writes "filled",
   * "partiallyFilled"). `known` is false for numbers and names outside the table and for a missing value.
   */
  name(raw: number | string | undefined): { name: N | UnknownName; known: boolean } {
    if (raw === undefined) return { name: 'Unknown(missing)', known: false };
    const hit = typeof raw === 'number' ? this.byNumber.get(raw) : this.byLowerName.get(raw.toLowerCase());
    return hit === undefined ? { name: `Unknown(${raw})`, known: false } : { name: hit, known: true };
  }
}

export const OrderType = new LeanEnum('OrderType', ORDER_TYPE);
export const OrderStatus = new LeanEnum('OrderStatus', ORDER_STATUS);
export const OrderDirection = new LeanEnum('OrderDirection', ORDER_DIRECTION);
export const SecurityType = new LeanEnum('SecurityType', SECURITY_TYPE);
export const SeriesType = new LeanEnum('SeriesType', SERIES_TYPE);
export const ChartType = new LeanEnum('ChartType', CHART_TYPE);
export const TradeDirection = new LeanEnum('TradeDirection', TRADE_DIRECTION);
export const AccountType = new LeanEnum('AccountType', ACCOUNT_TYPE);
