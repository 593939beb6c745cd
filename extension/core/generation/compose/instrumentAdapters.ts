// How each security type enters the algorithm: the `add_*` call with its market and options, the
// brokerage and account a market needs, whether its bars are trade or quote bars, and which symbol an
// order goes to (a continuous future's mapped contract). The facts are LEAN's: `QCAlgorithm.AddCrypto`,
// `AddForex`, `AddFuture`, `AddIndex`, `AddCfd` (Algorithm/QCAlgorithm.cs), the brokerage models'
// supported account types (Common/Brokerages/*BrokerageModel.cs), and `Index.IsTradable`
// (Common/Securities/Index/Index.cs: indices are not tradable unless the algorithm says so).
import { str } from '../templates/python';
import type { NativeResolution, PlannedInstrument } from './composeTypes';

/** `Market.*` constants whose Python name is not the id in upper case (Common/Market.cs). */
const MARKET_CONSTANTS: Readonly<Record<string, string>> = {
  binanceus: 'BINANCE_US',
  interactivebrokers: 'INTERACTIVE_BROKERS',
  ftxus: 'FTX_US',
  coinbase: 'COINBASE',
};

export function marketConstant(market: string): string {
  return `Market.${MARKET_CONSTANTS[market] ?? market.toUpperCase()}`;
}

/** The brokerage a crypto, crypto-future, forex or CFD market is simulated with, and its account type. */
interface Brokerage {
  name: string;
  account: 'CASH' | 'MARGIN';
  /** Whether the model offers a margin account, in which positions can be short. */
  shorts: boolean;
}

/**
 * Spot crypto trades in a cash account unless the strategy shorts, where the model allows margin:
 * Coinbase and Binance.US reject margin accounts (CoinbaseBrokerageModel, BinanceUSBrokerageModel);
 * Binance, Kraken, Bitfinex and Bybit accept them (their models' AccountType parameter).
 */
const CRYPTO_BROKERAGES: Readonly<Record<string, Brokerage>> = {
  coinbase: { name: 'COINBASE', account: 'CASH', shorts: false },
  binance: { name: 'BINANCE', account: 'CASH', shorts: true },
  binanceus: { name: 'BINANCE_US', account: 'CASH', shorts: false },
  kraken: { name: 'KRAKEN', account: 'CASH', shorts: true },
  bitfinex: { name: 'BITFINEX', account: 'CASH', shorts: true },
  bybit: { name: 'BYBIT', account: 'CASH', shorts: true },
};

const FUTURES_BROKERAGES: Readonly<Record<string, Brokerage>> = {
  binance: { name: 'BINANCE_FUTURES', account: 'MARGIN', shorts: true },
  bybit: { name: 'BYBIT', account: 'MARGIN', shorts: true },
};

const FX_BROKERAGES: Readonly<Record<string, Brokerage>> = {
  oanda: { name: 'OANDA_BROKERAGE', account: 'MARGIN', shorts: true },
  fxcm: { name: 'FXCM_BROKERAGE', account: 'MARGIN', shorts: true },
  interactivebrokers: { name: 'INTERACTIVE_BROKERS_BROKERAGE', account: 'MARGIN', shorts: true },
};

export function brokerageOf(instrument: PlannedInstrument): Brokerage | undefined {
  switch (instrument.type) {
    case 'crypto':
      return CRYPTO_BROKERAGES[instrument.market];
    case 'cryptofuture':
      return FUTURES_BROKERAGES[instrument.market];
    case 'forex':
    case 'cfd':
      return FX_BROKERAGES[instrument.market];
    default:
      return undefined;
  }
}

/** Whether the instrument can be held short: not on a crypto market whose model offers only cash accounts. */
export function canShort(instrument: PlannedInstrument): boolean {
  return brokerageOf(instrument)?.shorts ?? true;
}

/**
 * The one brokerage line for the instruments, when every one of them needs the same model; undefined
 * when none needs one, or when they differ or include instruments the model cannot trade (Kraken's
 * model rejects equities), in which case LEAN's default brokerage model stands.
 */
export function brokerageLine(instruments: readonly PlannedInstrument[], shorts = false): string | undefined {
  const models = [...new Set(instruments.map((i) => brokerageOf(i)))];
  if (models.length !== 1 || models[0] === undefined) return undefined;
  const [model] = models;
  // A strategy that shorts needs the margin account its model offers; otherwise the model's own default.
  const account = shorts && model!.shorts ? 'MARGIN' : model!.account;
  return `self.set_brokerage_model(BrokerageName.${model!.name}, AccountType.${account})`;
}

/** Forex and CFDs arrive as quote bars only; everything else the rules read as trade bars. */
export function quotesOnly(instrument: PlannedInstrument): boolean {
  return instrument.type === 'forex' || instrument.type === 'cfd';
}

/** The expression that adds one instrument (`ticker` is a Python expression: a literal or the loop variable). */
export function addCall(instrument: PlannedInstrument, ticker: string, resolution: NativeResolution): string {
  const res = `Resolution.${resolution}`;
  switch (instrument.type) {
    case 'equity':
    case 'etf':
      return `self.add_equity(${ticker}, ${res})`;
    case 'crypto':
      return `self.add_crypto(${ticker}, ${res}, ${marketConstant(instrument.market)})`;
    case 'cryptofuture':
      return `self.add_crypto_future(${ticker}, ${res}, ${marketConstant(instrument.market)})`;
    case 'forex':
      return `self.add_forex(${ticker}, ${res}, ${marketConstant(instrument.market)})`;
    case 'cfd':
      return `self.add_cfd(${ticker}, ${res}, ${marketConstant(instrument.market)})`;
    case 'index':
      return `self.add_index(${ticker}, ${res}, ${marketConstant(instrument.market)})`;
    case 'future': {
      const future = instrument.future ?? { mapping: 'OPEN_INTEREST', depth: 0 };
      return [
        `self.add_future(${ticker}, ${res}, ${marketConstant(instrument.market)}`,
        'data_normalization_mode=DataNormalizationMode.BACKWARDS_RATIO',
        `data_mapping_mode=DataMappingMode.${future.mapping}`,
        `contract_depth_offset=${future.depth})`,
      ].join(', ');
    }
  }
}

/**
 * The lines that add the instruments and hand each security to `self._track`: one line for a single
 * instrument, one loop for several of the same type and market.
 */
export function addLines(instruments: readonly PlannedInstrument[], resolution: NativeResolution): string[] {
  const groups = new Map<string, PlannedInstrument[]>();
  for (const instrument of instruments) {
    const key = `${instrument.type}|${instrument.market}|${JSON.stringify(instrument.future ?? null)}`;
    groups.set(key, [...(groups.get(key) ?? []), instrument]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    if (group.length === 1) {
      lines.push(`self._track(${addCall(first, str(first.symbol), resolution)})`);
      continue;
    }
    lines.push(
      `for ticker in [${group.map((i) => str(i.symbol)).join(', ')}]:`,
      `    self._track(${addCall(first, 'ticker', resolution)})`,
    );
  }
  return lines;
}

/** Lines of `_track` that depend on the security type: an index made tradable, a future kept for its mapped contract. */
export function trackLines(instruments: readonly PlannedInstrument[]): string[] {
  const lines: string[] = [];
  if (instruments.some((i) => i.type === 'index')) {
    const set = ['# LEAN adds indices as data only; the prompt trades the index itself.', 'security.is_tradable = True'];
    lines.push(
      ...(instruments.every((i) => i.type === 'index') ? set : ['if security.type == SecurityType.INDEX:', ...set.map((l) => `    ${l}`)]),
    );
  }
  if (instruments.some((i) => i.type === 'future')) lines.push('self._continuous[symbol] = security');
  return lines;
}

/** Whether orders go to a mapped contract rather than the symbol the bars arrive on. */
export function tradesMapped(instruments: readonly PlannedInstrument[]): boolean {
  return instruments.some((i) => i.type === 'future');
}
