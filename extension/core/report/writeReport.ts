// Writing a report to disk. By default into the run's own folder: report.html, report.json, or
// report.md with report-equity.png and report-drawdown.png beside it.
// Never overwriting, unless `overwrite: true`:
// - default names (no `out`, or `out` naming a folder): the next free set is taken, report-2.html,
//   report-3.html ..., so a second report of the same run sits beside the first; the Markdown file and
//   its images always share one number. Files are created exclusively ('wx'), so two concurrent
//   writers cannot both take a name.
// - an explicit file (`out` naming a file): ReportExistsError if it, or one of its images, exists,
//   since writing elsewhere than asked would surprise a script.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chartLines } from './chartData';
import { renderHtmlReport } from './htmlReport';
import { jsonReportText } from './jsonReport';
import { renderMarkdownReport } from './markdownReport';
import { svgToPng } from './png';
import { readReportSource } from './readReportSource';
import { drawdownChartSvg, equityChartSvg } from './reportCharts';
import type { ReportSource } from './source';

export type ReportFormat = 'html' | 'md' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md', 'json'];

export interface WriteReportOptions {
  format: ReportFormat;
  /**
   * The report file to write; or a folder (one that exists, or a path ending in a separator) to write
   * the default names into. Default: the run's folder. Missing parent folders are created.
   */
  out?: string | undefined;
  /** Replace existing files instead of picking a free name or failing. */
  overwrite?: boolean | undefined;
  /** Where resvg's wasm is (see png.ts); for bundles. */
  resvgWasm?: string | undefined;
}

export interface WrittenReport {
  format: ReportFormat;
  /** The report file (absolute). */
  report: string;
  /** The chart images written beside a Markdown report (absolute): equity, then drawdown, where drawn. */
  images: string[];
  /** The results model's warnings, for the caller to show. */
  warnings: string[];
}

/** An explicit output file exists and `overwrite` was not given. */
export class ReportExistsError extends Error {
  override name = 'ReportExistsError';
}

/** PNG size: the chart SVGs are 960×320, drawn at 1.5× for sharp lines. */
const PNG_WIDTH = 1440;
const MOST_NUMBERS = 1000;

/** Reads the run (a folder or a result file) and writes its report; see the file header for naming. */
export async function writeReport(backtestPath: string, options: WriteReportOptions): Promise<WrittenReport> {
  const source = await readReportSource(backtestPath);
  return writeReportFrom(source, options);
}

/** As writeReport, for a run already read. */
export async function writeReportFrom(source: ReportSource, options: WriteReportOptions): Promise<WrittenReport> {
  const target = await resolveTarget(source.dir, options);
  await mkdir(target.dir, { recursive: true });
  const render = await renderer(source, options);

  for (let n = 1; n <= MOST_NUMBERS; n++) {
    const stem = n > 1 ? `${target.stem}-${n}` : target.stem;
    const outcome = await writeAll(target.dir, render(n > 1 ? `${stem}.${options.format}` : target.file, stem), options.overwrite === true);
    if ('written' in outcome) {
      const [report, ...images] = outcome.written;
      return { format: options.format, report: report as string, images, warnings: [...source.warnings] };
    }
    if (!target.numbered) {
      throw new ReportExistsError(`${outcome.taken} exists; pass --overwrite (overwrite: true) to replace it, or choose another --out`);
    }
  }
  throw new ReportExistsError(`${target.dir} already holds ${MOST_NUMBERS} reports named ${target.stem}-<n>; pass --out or --overwrite`);
}

interface Target {
  dir: string;
  /** The report's file name: the one given, else `<stem>.<format>`. */
  file: string;
  /** Images are named `<stem>-equity.png` ...; numbered reports `<stem>-<n>.<format>`. */
  stem: string;
  /** Default names: take the next free number instead of failing. */
  numbered: boolean;
}

async function resolveTarget(runDir: string, options: WriteReportOptions): Promise<Target> {
  const out = options.out;
  const isFolder = out !== undefined && (/[\\/]$/.test(out) || (await stat(out).catch(() => null))?.isDirectory() === true);
  if (out === undefined || isFolder) {
    return { dir: path.resolve(out ?? runDir), file: `report.${options.format}`, stem: 'report', numbered: true };
  }
  const absolute = path.resolve(out);
  const file = path.basename(absolute);
  const ext = path.extname(file);
  return { dir: path.dirname(absolute), file, stem: ext ? file.slice(0, -ext.length) : file, numbered: false };
}

/** [file name, contents] pairs to write, the report first; charts are rendered once, names filled in per try. */
type Files = (reportName: string, stem: string) => [string, string | Uint8Array][];

async function renderer(source: ReportSource, options: WriteReportOptions): Promise<Files> {
  switch (options.format) {
    case 'json': {
      const text = jsonReportText(source);
      return (name) => [[name, text]];
    }
    case 'html': {
      const html = renderHtmlReport(source);
      return (name) => [[name, html]];
    }
    case 'md': {
      const lines = chartLines(source.results);
      const style = { labels: false, background: '#ffffff' };
      const currency = source.results.algorithmConfiguration?.accountCurrency ?? null;
      const equitySvg = equityChartSvg(lines, currency, style);
      const drawdownSvg = drawdownChartSvg(lines, style);
      const png = (svg: string | null) => (svg ? svgToPng(svg, { resvgWasm: options.resvgWasm, width: PNG_WIDTH }) : null);
      const [equity, drawdown] = await Promise.all([png(equitySvg), png(drawdownSvg)]);
      return (name, stem) => {
        const images: [string, Uint8Array][] = [];
        if (equity) images.push([`${stem}-equity.png`, equity]);
        if (drawdown) images.push([`${stem}-drawdown.png`, drawdown]);
        const markdown = renderMarkdownReport(source, {
          equity: equity ? `${stem}-equity.png` : null,
          drawdown: drawdown ? `${stem}-drawdown.png` : null,
        });
        return [[name, markdown], ...images];
      };
    }
  }
}

/**
 * Writes every file, or none: with `overwrite` off each is created exclusively, and when a name is
 * taken the files this call created are removed again and the taken one is returned.
 */
async function writeAll(
  dir: string,
  files: [string, string | Uint8Array][],
  overwrite: boolean,
): Promise<{ written: string[] } | { taken: string }> {
  const created: string[] = [];
  for (const [name, contents] of files) {
    const file = path.join(dir, name);
    try {
      await writeFile(file, contents, { flag: overwrite ? 'w' : 'wx' });
    } catch (error) {
      await Promise.all(created.map((f) => rm(f, { force: true })));
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { taken: file };
      throw error;
    }
    created.push(file);
  }
  return { written: created };
}
