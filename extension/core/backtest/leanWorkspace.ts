// Finds what a backtest needs around a project, the way the Lean CLI does: the workspace's lean.json
// (JSON with comments) upward from the project, its data folder, and the project's config.json. Every
// failure says how to get the missing piece instead of failing later inside the container.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export interface LeanProject {
  projectDir: string;
  /** Folder name; the Lean CLI's project name. */
  name: string;
  workspaceDir: string;
  /** lean.json as parsed (the base of the run's config.json). */
  leanConfig: Record<string, unknown>;
  dataDir: string;
  /** The project's config.json (algorithm-language, parameters, local-id, engine-image, ...). */
  projectConfig: Record<string, unknown>;
  /** `main.py`: the algorithm file LEAN loads. */
  algorithmFile: string;
  libraryDir?: string;
}

/** The project cannot run yet; the message says what to do. */
export class BacktestSetupError extends Error {}

export function resolveLeanProject(projectDir: string): LeanProject {
  const dir = path.resolve(projectDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new BacktestSetupError(`${dir} is not a folder. Pass the project folder (the one holding main.py).`);
  const algorithmFile = path.join(dir, 'main.py');
  if (!existsSync(algorithmFile))
    throw new BacktestSetupError(
      `${dir} has no main.py. Run Backtest runs Python projects laid out as \`lean create-project\` makes them.`,
    );
  const workspaceDir = findUp(path.dirname(dir), 'lean.json') ?? findUp(dir, 'lean.json');
  if (!workspaceDir)
    throw new BacktestSetupError(
      `no lean.json was found above ${dir}. Backtests run in a Lean CLI workspace: run \`lean init\` (pip install lean) in the folder that holds your projects, or create a lean.json there with {"data-folder": "data"} and put LEAN's data (e.g. the sample data in LEAN's Data/ folder) into data/.`,
    );
  const leanConfig = readJsonc(path.join(workspaceDir, 'lean.json'));
  const dataFolder = typeof leanConfig['data-folder'] === 'string' ? leanConfig['data-folder'] : 'data';
  const dataDir = path.resolve(workspaceDir, dataFolder);
  if (!existsSync(dataDir))
    throw new BacktestSetupError(
      `the data folder ${dataDir} named by lean.json does not exist. \`lean init\` creates it with LEAN's sample data; or copy LEAN's Data/ folder (github.com/QuantConnect/Lean) there.`,
    );
  const configFile = path.join(dir, 'config.json');
  const projectConfig = existsSync(configFile) ? readJsonc(configFile) : {};
  const language = projectConfig['algorithm-language'];
  if (language !== undefined && language !== 'Python')
    throw new BacktestSetupError(`${path.basename(dir)} is a ${String(language)} project; Run Backtest runs Python projects.`);
  const libraryDir = path.join(workspaceDir, 'Library');
  return {
    projectDir: dir,
    name: path.basename(dir),
    workspaceDir,
    leanConfig,
    dataDir,
    projectConfig,
    algorithmFile,
    ...(existsSync(libraryDir) ? { libraryDir } : {}),
  };
}

function findUp(start: string, file: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, file))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** JSON with comments and trailing commas, as the Lean CLI writes lean.json; errors name the file and the place. */
export function readJsonc(file: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const value = parse(readFileSync(file, 'utf8'), errors, { allowTrailingComma: true }) as unknown;
  if (errors.length) {
    const first = errors[0]!;
    throw new BacktestSetupError(
      `${file} is not valid JSON: ${printParseErrorCode(first.error)} at offset ${first.offset}. Fix it and run again.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BacktestSetupError(`${file} must hold a JSON object.`);
  return value as Record<string, unknown>;
}
