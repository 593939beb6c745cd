// The HTML report's only stylesheet, inlined. System fonts, colours as custom properties with a dark
// set under `prefers-color-scheme: dark`, chart colours by class (overriding the SVG's attributes), and
// print rules: no scroll boxes, no split cards or charts, light colours.
const LIGHT = `
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
  --positive: #1a7f37; --negative: #cf222e;
  --equity: #2563eb; --benchmark: #8b949e; --drawdown: #cf222e; --grid: #d1d9e0;
  --error-bg: #ffebe9; --error-border: #ff8182;`;

const DARK = `
  --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23;
  --positive: #3fb950; --negative: #f85149;
  --equity: #4493f8; --benchmark: #9198a1; --drawdown: #f85149; --grid: #30363d;
  --error-bg: #25171c; --error-border: #8e1519;`;

export const REPORT_CSS = `
:root { color-scheme: light dark; ${LIGHT} }
@media (prefers-color-scheme: dark) { :root { ${DARK} } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0; }
.status { font-weight: 600; }
.status-ok { color: var(--positive); }
.status-failed { color: var(--negative); }
.error { background: var(--error-bg); border: 1px solid var(--error-border); border-radius: 6px; padding: 8px 16px; margin-top: 16px; }
.error h2 { border: 0; margin-top: 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin-top: 20px; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; break-inside: avoid; }
.card .label { color: var(--muted); font-size: 12px; }
.card .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.positive { color: var(--positive); }
.negative { color: var(--negative); }
figure { margin: 0; break-inside: avoid; }
figcaption { color: var(--muted); font-size: 12px; }
.legend-swatch { display: inline-block; width: 18px; height: 0; vertical-align: middle; margin: 0 4px 0 12px; border-top: 2px solid; }
.legend-equity { border-color: var(--equity); }
.legend-benchmark { border-color: var(--benchmark); border-top-style: dashed; }
.legend-drawdown { border-color: var(--drawdown); }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart .grid { stroke: var(--grid); }
svg.chart .axis-labels { fill: var(--muted); }
svg.chart .line-equity { stroke: var(--equity); }
svg.chart .line-benchmark { stroke: var(--benchmark); }
svg.chart .line-drawdown { stroke: var(--drawdown); }
svg.chart .area-drawdown { fill: var(--drawdown); }
.table-wrap { overflow-x: auto; max-height: 640px; overflow-y: auto; border: 1px solid var(--border); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--border); text-align: left; white-space: nowrap; }
th { background: var(--panel); position: sticky; top: 0; }
td.num, th.num { text-align: right; }
.stats .table-wrap { max-height: none; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; }
.note { color: var(--muted); font-size: 12px; }
pre { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 8px 12px; overflow: auto;
  font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; }
pre.log { max-height: 480px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
  :root { color-scheme: light; ${LIGHT} --panel: #fff; }
  body { max-width: none; padding: 0; }
  .table-wrap, pre.log { max-height: none; overflow: visible; border: 0; }
  th { position: static; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
}
`;
