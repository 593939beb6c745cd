// LEAN's `Futures.*` constants (Common/Securities/Futures/Futures.cs) and the roots they stand for, so
// `self.add_future(Futures.Indices.SP_500_E_MINI)` is known to add ES. Keyed by the constant's last name
// in upper snake case, as LEAN's Python API writes it; a constant missing here is taken to match any
// requested future (a check that does not know a name never reports it).
export const FUTURE_CONSTANT_ROOTS: Readonly<Record<string, string>> = {
  // Indices
  SP_500_E_MINI: 'ES',
  NASDAQ_100_E_MINI: 'NQ',
  DOW_30_E_MINI: 'YM',
  RUSSELL_2000_E_MINI: 'RTY',
  MICRO_SP_500_E_MINI: 'MES',
  MICRO_NASDAQ_100_E_MINI: 'MNQ',
  MICRO_DOW_30_E_MINI: 'MYM',
  MICRO_RUSSELL_2000_E_MINI: 'M2K',
  VIX: 'VX',
  NIKKEI_225_DOLLAR: 'NKD',
  SP_400_MID_CAP_EMINI: 'EMD',
  // Energy
  CRUDE_OIL_WTI: 'CL',
  MICRO_CRUDE_OIL_WTI: 'MCL',
  BRENT_CRUDE: 'B',
  NATURAL_GAS: 'NG',
  MICRO_NATURAL_GAS: 'MNG',
  HEATING_OIL: 'HO',
  GASOLINE: 'RB',
  // Metals
  GOLD: 'GC',
  MICRO_GOLD: 'MGC',
  SILVER: 'SI',
  MICRO_SILVER: 'SIL',
  COPPER: 'HG',
  PLATINUM: 'PL',
  PALLADIUM: 'PA',
  // Financials
  Y_2_TREASURY_NOTE: 'ZT',
  Y_5_TREASURY_NOTE: 'ZF',
  Y_10_TREASURY_NOTE: 'ZN',
  Y_30_TREASURY_BOND: 'ZB',
  ULTRA_US_TREASURY_BOND: 'UB',
  ULTRA_TEN_YEAR_US_TREASURY_NOTE: 'TN',
  EURO_DOLLAR: 'GE',
  FIVE_YEAR_USDMAC_SWAP: 'F1U',
  // Currencies
  EUR: '6E',
  GBP: '6B',
  JPY: '6J',
  AUD: '6A',
  CAD: '6C',
  CHF: '6S',
  NZD: '6N',
  MXN: '6M',
  BTC: 'BTC',
  ETH: 'ETH',
  MICRO_BTC: 'MBT',
  MICRO_ETHER: 'MET',
  MICRO_EUR: 'M6E',
  // Grains and softs
  CORN: 'ZC',
  SOYBEANS: 'ZS',
  SOYBEAN_MEAL: 'ZM',
  SOYBEAN_OIL: 'ZL',
  WHEAT: 'ZW',
  SRW_WHEAT: 'ZW',
  HRW_WHEAT: 'KE',
  OATS: 'ZO',
  COTTON_2: 'CT',
  COFFEE: 'KC',
  SUGAR_11: 'SB',
  COCOA: 'CC',
  ORANGE_JUICE: 'OJ',
  // Meats
  LIVE_CATTLE: 'LE',
  FEEDER_CATTLE: 'GF',
  LEAN_HOGS: 'HE',
};

/** The table keyed without underscores, so `SP500EMini` (LEAN's older Python names) finds `SP_500_E_MINI`. */
const BY_PLAIN_NAME = new Map(Object.entries(FUTURE_CONSTANT_ROOTS).map(([name, root]) => [name.replace(/_/g, ''), root]));

/** The root a `Futures.*` constant stands for (`Futures.Indices.SP_500_E_MINI` → ES); undefined when unknown. */
export function futureConstantRoot(dottedName: string): string | undefined {
  const last = dottedName.split('.').pop() ?? '';
  return BY_PLAIN_NAME.get(last.toUpperCase().replace(/[^A-Z0-9]/g, ''));
}
