// Shows a model's answer in the new project's main.py as it streams. The file is created (through an
// undoable WorkspaceEdit) at the first text, updated at most every 80 ms, reset at each repair round,
// replaced by the final extracted code at the end, and removed again when generation fails or is
// cancelled, so a failed run leaves nothing behind.
import * as vscode from 'vscode';

const THROTTLE_MS = 80;

export class StreamingDocument {
  private created = false;
  private answer = '';
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly uri: vscode.Uri) {}

  startRound(): void {
    this.answer = '';
  }

  append(delta: string): void {
    this.answer += delta;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const text = displayText(this.answer);
      this.queue = this.queue.then(() => this.show(text));
    }, THROTTLE_MS);
  }

  /** Puts the final code in place and saves the file. */
  async finish(code: string): Promise<void> {
    this.stopTimer();
    await this.queue;
    await this.show(code);
    const document = await vscode.workspace.openTextDocument(this.uri);
    if (!(await document.save())) throw new Error(`could not save ${this.uri.fsPath}`);
  }

  /** Removes the file this run created (nothing else); closes its editor first. */
  async discard(): Promise<void> {
    this.stopTimer();
    await this.queue.catch(() => undefined);
    if (!this.created) return;
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === this.uri.toString());
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString());
    if (document?.isDirty) await document.save();
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(this.uri, { ignoreIfNotExists: true });
    await vscode.workspace.applyEdit(edit);
  }

  private async show(text: string): Promise<void> {
    if (!this.created) {
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(this.uri, { overwrite: false, ignoreIfExists: false });
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not create ${this.uri.fsPath}`);
      this.created = true;
      await vscode.window.showTextDocument(this.uri, { preview: false, preserveFocus: true });
    }
    const document = await vscode.workspace.openTextDocument(this.uri);
    const current = document.getText();
    if (current === text) return;
    const edit = new vscode.WorkspaceEdit();
    if (text.startsWith(current)) edit.insert(this.uri, document.positionAt(current.length), text.slice(current.length));
    else edit.replace(this.uri, new vscode.Range(document.positionAt(0), document.positionAt(current.length)), text);
    await vscode.workspace.applyEdit(edit);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** While streaming, the code inside the first fence when there is one (prose and fences hidden), else the raw text. */
function displayText(answer: string): string {
  const open = /```[^\n]*\n/.exec(answer);
  if (!open) return answer.replace(/<think>[\s\S]*?(<\/think>|$)/, '');
  const body = answer.slice(open.index + open[0].length);
  const close = body.indexOf('```');
  return close >= 0 ? body.slice(0, close) : body;
}
