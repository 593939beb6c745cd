// The first traded date of instruments that began trading after 1998 and that people plausibly ask
// for: recent US listings, spot bitcoin and ether ETFs, CME's micro and crypto futures, and coins
// Coinbase listed late. These are facts, not copied code. Sources: the exchanges' listing
// announcements and the companies' IPO, direct-listing, merger and spin-off press releases (equities
// and ETFs); CME Group's launch announcements (futures); Coinbase's listing announcements and the
// press reporting them (coins). Only dates that were checked are here; an instrument not in the table
// has no known first traded date, which is not the same as an early one. Editor-agnostic.
//
// Conventions:
// - Equities and ETFs: the first regular-way session under the ticker. After a SPAC merger that is the
//   first day under the company's own name (before it the shell traded, not the company); after a
//   spin-off, the first regular-way day (not when-issued trading).
// - Futures: CME's trade date of the first session (Globex opens the evening before).
// - Keys are security type, LEAN market and LEAN ticker, so a coin, a future and a stock that share a
//   ticker (ETH: CME Ether futures, Ethan Allen's shares) cannot collide. An ETF is an equity to LEAN.
import type { SecurityType } from './symbols';

/** `YYYY-MM-DD` by ticker, per `type:market`. */
const FIRST_TRADED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'equity:usa': {
    // IPOs and direct listings, 2019 on.
    LYFT: '2019-03-29',
    PINS: '2019-04-18',
    ZM: '2019-04-18',
    BYND: '2019-05-02',
    UBER: '2019-05-10',
    CRWD: '2019-06-12',
    CHWY: '2019-06-14',
    NET: '2019-09-13',
    DDOG: '2019-09-19',
    BNTX: '2019-10-10',
    LI: '2020-07-30',
    XPEV: '2020-08-27',
    SNOW: '2020-09-16',
    U: '2020-09-18',
    PLTR: '2020-09-30', // direct listing
    ASAN: '2020-09-30', // direct listing
    DASH: '2020-12-09',
    ABNB: '2020-12-10',
    AFRM: '2021-01-13',
    BMBL: '2021-02-11',
    RBLX: '2021-03-10', // direct listing
    CPNG: '2021-03-11',
    COIN: '2021-04-14', // direct listing
    PATH: '2021-04-21',
    CFLT: '2021-06-24',
    DUOL: '2021-07-28',
    HOOD: '2021-07-29',
    TOST: '2021-09-22',
    RIVN: '2021-11-10',
    NU: '2021-12-09',
    KVUE: '2023-05-04',
    CAVA: '2023-06-15',
    ARM: '2023-09-14',
    CART: '2023-09-19',
    BIRK: '2023-10-11',
    ALAB: '2024-03-20',
    RDDT: '2024-03-21',
    CRWV: '2025-03-28',
    CRCL: '2025-06-05',
    // Under their own names after a SPAC merger.
    DKNG: '2020-04-24',
    SOFI: '2021-06-01',
    LCID: '2021-07-26',
    // Spin-offs, first regular-way day.
    CEG: '2022-02-02',
    GEHC: '2023-01-04',
    VLTO: '2023-10-02',
    SOLV: '2024-04-01',
    GEV: '2024-04-02',
    // ETFs: the bitcoin futures ETF, the spot bitcoin ETFs (all launched the same day), spot ether.
    BITO: '2021-10-19',
    IBIT: '2024-01-11',
    FBTC: '2024-01-11',
    ARKB: '2024-01-11',
    BITB: '2024-01-11',
    ETHA: '2024-07-23',
  },
  'future:cme': {
    BTC: '2017-12-18',
    MES: '2019-05-06',
    MNQ: '2019-05-06',
    M2K: '2019-05-06',
    ETH: '2021-02-08',
    MBT: '2021-05-03',
    MET: '2021-12-06',
  },
  'future:cbot': {
    MYM: '2019-05-06',
  },
  'crypto:coinbase': {
    ADAUSD: '2021-03-18',
    DOGEUSD: '2021-06-03',
  },
};

function group(type: SecurityType, market: string): string {
  return `${type === 'etf' ? 'equity' : type}:${market}`;
}

/** The first traded date (`YYYY-MM-DD`) of a LEAN symbol, where the table knows it; undefined otherwise. */
export function firstTraded(type: SecurityType, market: string, symbol: string): string | undefined {
  return FIRST_TRADED[group(type, market)]?.[symbol.toUpperCase()];
}

/** Every entry of the table, for checks of the table itself. */
export function listingEntries(): { type: string; market: string; symbol: string; date: string }[] {
  return Object.entries(FIRST_TRADED).flatMap(([key, table]) => {
    const [type, market] = key.split(':') as [string, string];
    return Object.entries(table).map(([symbol, date]) => ({ type, market, symbol, date }));
  });
}
