// The config.json a backtest container reads at /Lean/Launcher/bin/Debug/config.json: lean.json plus the
// keys the Lean CLI sets for a local Python backtest (lean-cli: lean_config_manager.get_complete_lean_config,
// lean_runner, commands/backtest). Paths are the container's, from the mounts the runner makes.
import { randomInt } from 'node:crypto';
import type { LeanProject } from './leanWorkspace';

export const CONTAINER = {
  project: '/LeanCLI',
  data: '/Lean/Data',
  results: '/Results',
  storage: '/Storage',
  library: '/Library',
  config: '/Lean/Launcher/bin/Debug/config.json',
  startScript: '/lean-cli-start.sh',
} as const;

/** The keys every run's config carries (the stand-in image in the tests checks for exactly these). */
export const REQUIRED_RUN_KEYS = [
  'environment',
  'close-automatically',
  'composer-dll-directory',
  'debugging',
  'debugging-method',
  'job-user-id',
  'api-access-token',
  'job-organization-id',
  'project-id',
  'algorithm-type-name',
  'algorithm-language',
  'algorithm-location',
  'parameters',
  'python-additional-paths',
  'data-folder',
  'results-destination-folder',
  'object-store-root',
  'algorithm-id',
] as const;

/** "1" and nine random digits, as the Lean CLI makes backtest ids. */
export function newAlgorithmId(): string {
  return `1${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

export function buildRunConfig(project: LeanProject, algorithmId: string, backtestName: string): Record<string, unknown> {
  const localId = Number(project.projectConfig['local-id']);
  const cloudId = Number(project.projectConfig['cloud-id']);
  const parameters = project.projectConfig['parameters'];
  return {
    ...project.leanConfig,
    environment: 'backtesting',
    'close-automatically': true,
    'composer-dll-directory': '.',
    debugging: false,
    'debugging-method': 'LocalCmdline',
    'job-user-id': String(project.leanConfig['job-user-id'] ?? '0'),
    'api-access-token': String(project.leanConfig['api-access-token'] ?? ''),
    'job-organization-id': String(project.leanConfig['job-organization-id'] ?? ''),
    'project-id': Number.isFinite(cloudId) && cloudId > 0 ? cloudId : Number.isFinite(localId) ? -localId : 0,
    'algorithm-type-name': 'main',
    'algorithm-language': 'Python',
    'algorithm-location': `${CONTAINER.project}/main.py`,
    parameters: typeof parameters === 'object' && parameters !== null ? parameters : {},
    'python-additional-paths': project.libraryDir ? [CONTAINER.library] : [],
    'storage-limit-mb': 5,
    'storage-file-count': 9999999,
    'data-folder': CONTAINER.data,
    'results-destination-folder': CONTAINER.results,
    'object-store-root': CONTAINER.storage,
    'algorithm-id': algorithmId,
    'backtest-name': backtestName,
  };
}

/** The container's entry script: byte-compile every Python file first (syntax errors surface as in the Lean CLI), then LEAN. */
export function startScript(pythonFiles: string[]): string {
  const compile = pythonFiles.map((file) => `python -m compileall ${shellQuote(`${CONTAINER.project}/${file}`)}`);
  return ['#!/usr/bin/env bash', 'set -e', ...compile, 'exec dotnet QuantConnect.Lean.Launcher.dll', ''].join('\n');
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
