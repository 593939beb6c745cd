// What the panel keeps of the shown message in VS Code's saved state: a lighter copy (chart series
// thinned to 1,000 points, long tables and logs cut), enough to redraw the view at once after a
// reload while the host sends the full one. VS Code serialises the whole state on every setState, so
// a full 10,000-point copy would cost tens of milliseconds each time the user sorts or filters.
import { displayPoints } from '../extension/shared/displayPoints';
import type { ChartsView, HostToWebview, LineSeriesView } from '../extension/shared/protocol';

const SAVED_POINTS = 1000;
const SAVED_ROWS = 5000;
const SAVED_LOG_LINES = 1000;

function thinLine(series: LineSeriesView): LineSeriesView {
  return { ...series, points: displayPoints(series.points, SAVED_POINTS) };
}

function thinCharts(charts: ChartsView): ChartsView {
  const { equity } = charts;
  return {
    equity:
      equity === null
        ? null
        : equity.kind === 'candles'
          ? { ...equity, points: displayPoints(equity.points, SAVED_POINTS) }
          : { ...equity, ...thinLine(equity) },
    benchmark: charts.benchmark && thinLine(charts.benchmark),
    drawdown: charts.drawdown && thinLine(charts.drawdown),
    exposure: charts.exposure.map(thinLine),
  };
}

export function lightCopy(message: HostToWebview): HostToWebview {
  switch (message.type) {
    case 'panel/show': {
      const { run } = message;
      return {
        ...message,
        run: {
          ...run,
          charts: thinCharts(run.charts),
          orders: run.orders.slice(0, SAVED_ROWS),
          trades: run.trades.slice(0, SAVED_ROWS),
          logs: run.logs.slice(0, SAVED_LOG_LINES),
        },
      };
    }
    case 'panel/compare': {
      const { a, b } = message.compare;
      return {
        ...message,
        compare: {
          ...message.compare,
          a: { ...a, equity: a.equity && thinLine(a.equity) },
          b: { ...b, equity: b.equity && thinLine(b.equity) },
        },
      };
    }
    default:
      return message;
  }
}
