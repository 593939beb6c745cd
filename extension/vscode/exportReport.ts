// Export Report: the HTML and the Markdown report (with its PNG charts) of a run, written into the
// run's folder by the report core (the same code as `lean-author report`). An existing report is never
// replaced without asking: the user chooses to replace it or to keep both (report-2.html ...).
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CommandOutcome } from '../core/commandCatalog';
import { loadReport, resvgWasm } from './chunks';
import type { Log } from './log';

export interface ExportOptions {
  /** Replace (true) or keep (false) existing reports without asking; asked when undefined. */
  overwrite?: boolean | undefined;
}

export async function exportReport(runFolder: string, options: ExportOptions, log: Log): Promise<CommandOutcome> {
  const run = path.basename(runFolder);
  let overwrite = options.overwrite;
  const existing = ['report.html', 'report.md'].filter((f) => existsSync(path.join(runFolder, f)));
  if (existing.length > 0 && overwrite === undefined) {
    const choice = await vscode.window.showWarningMessage(
      `LEAN: ${existing.join(' and ')} already ${existing.length > 1 ? 'exist' : 'exists'} in the run ${run}.`,
      { modal: true, detail: 'Replace the existing report, or keep it and write a numbered copy (report-2.html, ...) beside it?' },
      'Replace',
      'Keep Both',
    );
    if (!choice) return { status: 'cancelled' };
    overwrite = choice === 'Replace';
  }
  const report = loadReport();
  try {
    const written = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `LEAN: writing the report of ${run}` },
      async () => {
        const html = await report.writeReport(runFolder, { format: 'html', overwrite: overwrite === true, resvgWasm: resvgWasm() });
        const md = await report.writeReport(runFolder, { format: 'md', overwrite: overwrite === true, resvgWasm: resvgWasm() });
        return { html, md };
      },
    );
    const files = [written.html.report, written.md.report, ...written.md.images];
    log.info(`Exported the report of ${runFolder}: ${files.map((f) => path.basename(f)).join(', ')}`);
    void vscode.window
      .showInformationMessage(
        `LEAN: wrote ${path.basename(written.html.report)} and ${path.basename(written.md.report)} (with ${written.md.images.length} chart images) into ${run}.`,
        'Open HTML Report',
        'Open Markdown Preview',
      )
      .then((choice) => {
        if (choice === 'Open HTML Report') void vscode.env.openExternal(vscode.Uri.file(written.html.report));
        if (choice === 'Open Markdown Preview')
          void vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(written.md.report));
      });
    return { status: 'done', detail: files.join('\n') };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Export Report of ${runFolder} failed`, error);
    void vscode.window.showErrorMessage(
      `LEAN: the report of ${run} could not be written: ${message}. Check that the run folder is writable, or run "lean-author report ${runFolder}" for details.`,
    );
    return { status: 'failed', message };
  }
}
