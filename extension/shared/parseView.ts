// Checking the view model on arrival in the webview. A section that is not what the protocol says
// (orders that are not an array, a chart series without points...) is replaced by an empty one and
// named in a note, so a partly broken message still shows everything else; only a message whose
// run is not an object at all is rejected (the panel then says it could not read the message).
// Points are checked with plain loops: a series may hold 100,000 of them.
import { arrayOf, isFiniteNumber, isRecord, numOrNull, str, strOrNull, stringArray, stringRecord } from './check';
import type {
  CandlePoint,
  ChartsView,
  CompareRowView,
  CompareSideView,
  CompareView,
  EquitySeriesView,
  ErrorView,
  HistoryEntryView,
  LinePoint,
  LineSeriesView,
  OrderRow,
  RunView,
  StatisticCardView,
  TradeRow,
} from './panelView';

/** Names the sections that had to be dropped; turned into one note. */
class Damage {
  readonly sections: string[] = [];
  add(section: string): void {
    if (!this.sections.includes(section)) this.sections.push(section);
  }
  note(): string | null {
    return this.sections.length === 0
      ? null
      : `Part of this result could not be read by the panel (${this.sections.join(', ')}); that part is left out. Run LEAN: Show Backtest Panel again, or export the report to see everything.`;
  }
}

export function parseRunView(value: unknown): RunView | undefined {
  if (!isRecord(value)) return undefined;
  const damage = new Damage();
  const section = <T>(name: string, checked: T | undefined, fallback: T): T => {
    if (checked !== undefined) return checked;
    if (value[name] !== undefined) damage.add(name);
    return fallback;
  };
  const list = <T>(name: string, item: (raw: unknown) => T | undefined): T[] => {
    const checked = arrayOf(value[name], item);
    if (checked && checked.dropped > 0) damage.add(name);
    return section(name, checked?.items, []);
  };
  const orders = list('orders', parseOrder);
  const trades = list('trades', parseTrade);
  const logs = section('logs', stringArray(value['logs']), []);
  const run: RunView = {
    folder: strOrNull(value['folder']),
    title: str(value['title'], 'Backtest'),
    project: strOrNull(value['project']),
    run: str(value['run']),
    algorithmId: strOrNull(value['algorithmId']),
    period: section('period', parsePeriod(value['period']), { start: null, end: null }),
    status: strOrNull(value['status']),
    failed: value['failed'] === true,
    errors: list('errors', parseError),
    stackTrace: strOrNull(value['stackTrace']),
    currency: strOrNull(value['currency']),
    cards: list('cards', parseCard),
    statistics: section('statistics', stringRecord(value['statistics']), {}),
    runtimeStatistics: section('runtimeStatistics', stringRecord(value['runtimeStatistics']), {}),
    parameters: section('parameters', stringRecord(value['parameters']), {}),
    charts: parseCharts(value['charts'], damage),
    orders,
    ordersTotal: Math.max(orders.length, numOrNull(value['ordersTotal']) ?? 0),
    trades,
    tradesTotal: Math.max(trades.length, numOrNull(value['tradesTotal']) ?? 0),
    logs,
    logsTotal: Math.max(logs.length, numOrNull(value['logsTotal']) ?? 0),
    notes: section('notes', stringArray(value['notes']), []),
  };
  const note = damage.note();
  if (note) run.notes.push(note);
  return run;
}

export function parseCompareView(value: unknown): CompareView | undefined {
  if (!isRecord(value)) return undefined;
  const a = parseCompareSide(value['a']);
  const b = parseCompareSide(value['b']);
  if (!a || !b) return undefined;
  return { a, b, rows: arrayOf(value['rows'], parseCompareRow)?.items ?? [] };
}

export function parseHistory(value: unknown): HistoryEntryView[] {
  return (
    arrayOf(value, (raw) => {
      if (!isRecord(raw) || typeof raw['folder'] !== 'string' || typeof raw['name'] !== 'string') return undefined;
      return { folder: raw['folder'], name: raw['name'], time: numOrNull(raw['time']) ?? 0, hasResult: raw['hasResult'] === true };
    })?.items ?? []
  );
}

function parsePeriod(value: unknown): RunView['period'] | undefined {
  return isRecord(value) ? { start: numOrNull(value['start']), end: numOrNull(value['end']) } : undefined;
}

function parseError(raw: unknown): ErrorView | undefined {
  if (!isRecord(raw) || typeof raw['message'] !== 'string') return undefined;
  const line = numOrNull(raw['line']);
  return { message: raw['message'], file: strOrNull(raw['file']), line: line !== null && line >= 1 ? Math.floor(line) : null };
}

const TONES = ['positive', 'negative', 'neutral'] as const;
function tone(value: unknown): StatisticCardView['tone'] {
  return TONES.find((t) => t === value) ?? 'neutral';
}

function parseCard(raw: unknown): StatisticCardView | undefined {
  if (!isRecord(raw) || typeof raw['label'] !== 'string' || typeof raw['value'] !== 'string') return undefined;
  return { label: raw['label'], value: raw['value'], tone: tone(raw['tone']) };
}

function parseOrder(raw: unknown): OrderRow | undefined {
  if (!isRecord(raw) || !isFiniteNumber(raw['id'])) return undefined;
  return {
    id: raw['id'],
    time: numOrNull(raw['time']),
    symbol: str(raw['symbol']),
    type: str(raw['type']),
    direction: str(raw['direction']),
    quantity: numOrNull(raw['quantity']),
    price: numOrNull(raw['price']),
    value: numOrNull(raw['value']),
    status: str(raw['status']),
    tag: str(raw['tag']),
  };
}

function parseTrade(raw: unknown): TradeRow | undefined {
  if (!isRecord(raw)) return undefined;
  return {
    symbol: str(raw['symbol']),
    direction: str(raw['direction']),
    entryTime: numOrNull(raw['entryTime']),
    entryPrice: numOrNull(raw['entryPrice']),
    exitTime: numOrNull(raw['exitTime']),
    exitPrice: numOrNull(raw['exitPrice']),
    quantity: numOrNull(raw['quantity']),
    profitLoss: numOrNull(raw['profitLoss']),
    fees: numOrNull(raw['fees']),
    mae: numOrNull(raw['mae']),
    mfe: numOrNull(raw['mfe']),
    durationSeconds: numOrNull(raw['durationSeconds']),
  };
}

function parseCharts(value: unknown, damage: Damage): ChartsView {
  const empty: ChartsView = { equity: null, benchmark: null, drawdown: null, exposure: [] };
  if (value === undefined || value === null) return empty;
  if (!isRecord(value)) {
    damage.add('charts');
    return empty;
  }
  const one = <T>(name: string, parse: (raw: unknown) => T | undefined): T | null => {
    const raw = value[name];
    if (raw === undefined || raw === null) return null;
    const series = parse(raw);
    if (series === undefined) damage.add(`${name} chart`);
    return series ?? null;
  };
  const exposure = arrayOf(value['exposure'], parseLineSeries);
  if ((value['exposure'] !== undefined && !exposure) || (exposure && exposure.dropped > 0)) damage.add('exposure chart');
  return {
    equity: one('equity', parseEquity),
    benchmark: one('benchmark', parseLineSeries),
    drawdown: one('drawdown', parseLineSeries),
    exposure: exposure?.items ?? [],
  };
}

function parseEquity(raw: unknown): EquitySeriesView | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw['kind'] === 'candles') {
    const points = candlePoints(raw['points']);
    return points ? { kind: 'candles', ...seriesHeader(raw, points.length), points } : undefined;
  }
  const line = parseLineSeries(raw);
  return line ? { kind: 'line', ...line } : undefined;
}

function parseLineSeries(raw: unknown): LineSeriesView | undefined {
  if (!isRecord(raw)) return undefined;
  const points = linePoints(raw['points']);
  return points ? { ...seriesHeader(raw, points.length), points } : undefined;
}

function seriesHeader(raw: Record<string, unknown>, length: number): { name: string; unit: string; totalPoints: number } {
  return { name: str(raw['name'], 'Series'), unit: str(raw['unit']), totalPoints: Math.max(length, numOrNull(raw['totalPoints']) ?? 0) };
}

/** The points, or undefined when any point is not a {time, value} of finite numbers (a series is all or nothing). */
function linePoints(value: unknown): LinePoint[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: LinePoint[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const p: unknown = value[i];
    if (!isRecord(p)) return undefined;
    const time = p['time'];
    const v = p['value'];
    if (!isFiniteNumber(time) || !isFiniteNumber(v)) return undefined;
    out[i] = { time, value: v };
  }
  return out;
}

function candlePoints(value: unknown): CandlePoint[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: CandlePoint[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const p: unknown = value[i];
    if (!isRecord(p)) return undefined;
    const { time, open, high, low, close } = p;
    if (!isFiniteNumber(time) || !isFiniteNumber(open) || !isFiniteNumber(high) || !isFiniteNumber(low) || !isFiniteNumber(close))
      return undefined;
    out[i] = { time, open, high, low, close };
  }
  return out;
}

function parseCompareSide(raw: unknown): CompareSideView | undefined {
  if (!isRecord(raw)) return undefined;
  const equity = raw['equity'] === null || raw['equity'] === undefined ? null : (parseLineSeries(raw['equity']) ?? null);
  return {
    folder: strOrNull(raw['folder']),
    title: str(raw['title'], 'Backtest'),
    run: str(raw['run']),
    period: parsePeriod(raw['period']) ?? { start: null, end: null },
    status: strOrNull(raw['status']),
    equity,
  };
}

function parseCompareRow(raw: unknown): CompareRowView | undefined {
  if (!isRecord(raw) || typeof raw['name'] !== 'string') return undefined;
  return {
    name: raw['name'],
    a: strOrNull(raw['a']),
    b: strOrNull(raw['b']),
    difference: strOrNull(raw['difference']),
    tone: tone(raw['tone']),
  };
}
