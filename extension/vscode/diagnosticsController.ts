// Shows validator diagnostics for Python files that are LEAN algorithms: on open, on change (debounced)
// and on settings change; clears them on close. A project's main.py whose generation.json records the
// request it was written for is also checked against that request (`request-mismatch`). Works in
// Restricted Mode: it only reads text.
import path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, type LeanDiagnostic, type Severity } from '../core/diagnostic';
import type { StrategyRequest } from '../core/request/types';
import { isLeanPythonSource } from '../core/validation/leanFile';
import { textChange } from '../core/validation/textChange';
import { affects, readValidationSettings, type ValidationSettings } from './config';
import { requestOfRecord, type Validator, type ValidationSession } from './chunks';
import { describe, type Log } from './log';
import { toRange, type ValidatedDocument } from './quickFixes';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lean');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly validated = new Map<string, ValidatedDocument>();
  /** Per open LEAN document: the validator session that keeps its parse tree for incremental re-parsing. */
  private readonly sessions = new Map<string, ValidationSession>();
  /** Per open main.py: the request its project's generation.json records, read before each validation. */
  private readonly requests = new Map<string, StrategyRequest | undefined>();
  /** Set once the lazy validator has loaded, so requests that cannot wait (quick fixes) run at once. */
  private loaded: Validator | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private settings: ValidationSettings = readValidationSettings();
  private loadFailureShown = false;

  constructor(
    private readonly loadValidator: () => Promise<Validator>,
    private readonly log: Log,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        this.recordEdits(e);
        this.schedule(e.document, this.settings.debounceMs);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.clear(doc)),
      // A generation.json saved or edited: its main.py is checked against the request it now holds.
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (path.posix.basename(doc.uri.path) !== 'generation.json') return;
        const main = doc.uri.with({ path: path.posix.join(path.posix.dirname(doc.uri.path), 'main.py') }).toString();
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === main);
        if (open) this.schedule(open, 0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affects(e, 'validation')) return;
        this.settings = readValidationSettings();
        this.revalidateAll();
      }),
    );
    this.revalidateAll();
  }

  private revalidateAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (doc.languageId !== 'python') return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.validate(doc);
      }, delayMs),
    );
  }

  private async validate(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const text = doc.getText();
    if (!this.settings.enabled || !isLeanPythonSource(text)) {
      this.clear(doc);
      return;
    }
    const version = doc.version;
    let validator: Validator;
    try {
      validator = await this.loadValidator();
    } catch (error) {
      this.reportLoadFailure(error);
      return;
    }
    this.loaded = validator;
    this.requests.set(doc.uri.toString(), await this.recordedRequest(doc));
    // The document may have changed or closed while the parser (or the record) loaded; a newer run will follow.
    if (doc.isClosed || doc.version !== version) return;
    this.publish(doc, validator, text);
  }

  /** Tells the document's session what changed, so the next parse reuses the unchanged parts of the tree. */
  private recordEdits(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const session = this.sessions.get(key);
    if (!session || event.contentChanges.length === 0) return;
    if (event.contentChanges.length > 1) {
      // Several changes at once (multi-cursor, format): re-parse from scratch rather than risk their order.
      session.dispose();
      this.sessions.delete(key);
      return;
    }
    const change = event.contentChanges[0]!;
    const point = (p: vscode.Position) => ({ row: p.line, column: p.character });
    session.edit(textChange(change.rangeOffset, change.rangeLength, point(change.range.start), point(change.range.end), change.text));
  }

  private publish(doc: vscode.TextDocument, validator: Validator, text: string): ValidatedDocument {
    const key = doc.uri.toString();
    let session = this.sessions.get(key);
    if (!session) {
      session = validator.session();
      this.sessions.set(key, session);
    }
    const request = this.requests.get(key);
    const context = { fileName: path.posix.basename(doc.uri.path), ...(request ? { request } : {}) };
    const validated = { version: doc.version, diagnostics: session.validate(text, context) };
    this.validated.set(doc.uri.toString(), validated);
    this.collection.set(doc.uri, validated.diagnostics.map(toVsCode));
    return validated;
  }

  private clear(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.validated.delete(key);
    this.sessions.get(key)?.dispose();
    this.sessions.delete(key);
    this.requests.delete(key);
    this.collection.delete(doc.uri);
  }

  /** The request in the generation.json beside a main.py, if there is one that holds a request. */
  private async recordedRequest(doc: vscode.TextDocument): Promise<StrategyRequest | undefined> {
    if (path.posix.basename(doc.uri.path) !== 'main.py') return undefined;
    const record = doc.uri.with({ path: path.posix.join(path.posix.dirname(doc.uri.path), 'generation.json') });
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(record));
    } catch {
      return undefined; // No record: a project written by hand.
    }
    const read = requestOfRecord(text);
    if (read.error) this.log.warn(`${record.fsPath}: ${read.error}; main.py is not checked against the request.`);
    return read.request;
  }

  /**
   * The document's diagnostics with their fixes, for the quick-fix provider. When an edit has not been
   * validated yet (the debounce is still running), validates now: fixes must match the current text.
   */
  current(doc: vscode.TextDocument): ValidatedDocument | undefined {
    const validated = this.validated.get(doc.uri.toString());
    if (validated?.version === doc.version) return validated;
    const text = doc.getText();
    if (!this.loaded || !this.settings.enabled || doc.languageId !== 'python' || !isLeanPythonSource(text)) return undefined;
    return this.publish(doc, this.loaded, text);
  }

  private reportLoadFailure(error: unknown): void {
    this.log.error('Could not load the LEAN validator', error);
    if (this.loadFailureShown) return;
    this.loadFailureShown = true;
    void vscode.window
      .showErrorMessage(
        `LEAN validation is off: the Python parser could not load (${describe(error)}). Reinstall LEAN Strategy Author; details are in its output channel.`,
        'Show Log',
      )
      .then((choice) => choice && this.log.show());
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function toVsCode(d: LeanDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = d.code;
  if (d.code === 'pascal-case-api' && d.severity === 'hint') diagnostic.tags = [vscode.DiagnosticTag.Deprecated];
  return diagnostic;
}
