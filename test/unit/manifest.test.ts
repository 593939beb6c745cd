import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY, COMMANDS } from '../../extension/core/commandCatalog';
import { repositoryRoot } from '../repositoryRoot';

interface Manifest {
  displayName: string;
  engines: { vscode: string };
  main: string;
  bin: Record<string, string>;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string; description?: string } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { default: unknown; description?: string; markdownDescription?: string }> };
  };
  devDependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(repositoryRoot(), 'package.json'), 'utf8')) as Manifest;

describe('extension manifest', () => {
  it('contributes exactly the commands of the catalog, each in the LEAN category with its title', () => {
    const contributed = manifest.contributes.commands.map((c) => ({ id: c.command, title: c.title, category: c.category }));
    const catalog = Object.values(COMMANDS).map((c) => ({ id: c.id, title: c.title, category: CATEGORY }));
    expect(contributed).toEqual(catalog);
  });

  it('names the product surface the design asks for', () => {
    const titles = manifest.contributes.commands.map((c) => c.title);
    for (const title of [
      'Generate LEAN Strategy',
      'Refine Strategy',
      'Run Backtest',
      'Show Backtest Panel',
      'Export Report',
      'Start Local Model Server',
      'Stop Local Model Server',
      'Select Model',
      'Download Model',
      'Set API Key',
    ]) {
      expect(titles).toContain(title);
    }
    expect(manifest.displayName).toBe('LEAN Strategy Author');
  });

  it('activates lazily: on Python, on a Lean CLI workspace, or on one of its commands, never on startup', () => {
    expect(manifest.activationEvents).toContain('onLanguage:python');
    expect(manifest.activationEvents).toContain('workspaceContains:**/lean.json');
    for (const c of manifest.contributes.commands) expect(manifest.activationEvents).toContain(`onCommand:${c.command}`);
    // The backtest panel comes back after a reload through its serializer, which needs this event.
    expect(manifest.activationEvents).toContain('onWebviewPanel:leanAuthor.backtestPanel');
    expect(manifest.activationEvents).not.toContain('*');
    expect(manifest.activationEvents).not.toContain('onStartupFinished');
  });

  it('supports Restricted Mode in part and says what waits for trust', () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.untrustedWorkspaces.description).toMatch(/validat/i);
  });

  it('declares a VS Code engine no newer than the API types it compiles against', () => {
    const engine = manifest.engines.vscode.replace(/^[\^~]/, '');
    const types = manifest.devDependencies['@types/vscode']!.replace(/^[\^~]/, '');
    expect(compareVersions(types, engine)).toBeLessThanOrEqual(0);
  });

  it('has a documented default for every setting', () => {
    for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties)) {
      expect(key.startsWith('leanAuthor.'), key).toBe(true);
      expect(setting.default, key).not.toBeUndefined();
      expect((setting.description ?? setting.markdownDescription ?? '').length, key).toBeGreaterThan(20);
    }
  });

  it('exposes the lean-author command-line tool from the bundle', () => {
    expect(manifest.bin['lean-author']).toBe('./dist/cli.js');
    expect(manifest.main).toBe('./dist/extension.js');
  });
});

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
