// Runs a LEAN backtest in a container the way `lean backtest` does (mounts, generated config, start
// script, output folder), through dockerode. The generated code runs only inside the container, with
// no network unless allowed, memory/CPU/process limits, and our label; the container is removed after
// every run whatever happened. Progress arrives as log lines; cancel is an AbortSignal.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { CancelledError } from '../cancellation';
import { connectDocker, connectReady, describeDockerError, type DockerSettings } from './dockerConnection';
import { parseLeanErrors, type LeanRunError } from './leanErrors';
import { resolveLeanProject } from './leanWorkspace';
import { copyCode, createRunFolder, writeCliConfig } from './outputFolder';
import { buildRunConfig, CONTAINER, newAlgorithmId, startScript } from './runConfig';

export const DEFAULT_IMAGE = 'quantconnect/lean:latest';
/** Every container the product starts carries this label; the orphan sweep removes only these. */
export const CONTAINER_LABEL = 'lean-strategy-author';
/** The process that started the container, as `<hostname>/<pid>`: the sweep removes a container only when that process is gone. */
export const OWNER_LABEL = `${CONTAINER_LABEL}.owner`;

function owner(): string {
  return `${os.hostname()}/${process.pid}`;
}

export interface BacktestOptions {
  projectDir: string;
  /** From settings; when empty the project's `engine-image`, then quantconnect/lean:latest. */
  image?: string | undefined;
  docker?: DockerSettings;
  timeoutMs: number;
  allowNetwork: boolean;
  /** 0 means no limit. */
  memoryMb: number;
  cpus: number;
  pidsLimit: number;
  onLog?: (line: string) => void;
  signal?: AbortSignal;
  now?: Date;
}

export interface BacktestRun {
  status: 'completed' | 'failed' | 'timeout' | 'cancelled';
  exitCode: number | null;
  outputDir: string;
  algorithmId: string;
  image: string;
  container: string;
  errors: LeanRunError[];
  /** One sentence for the user: what happened and, on failure, what to do. */
  message: string;
  durationMs: number;
}

export function chooseImage(setting: string | undefined, projectConfig: Record<string, unknown>): string {
  const fromProject = projectConfig['engine-image'];
  return setting?.trim() || (typeof fromProject === 'string' && fromProject.trim() ? fromProject.trim() : DEFAULT_IMAGE);
}

export async function runBacktest(options: BacktestOptions): Promise<BacktestRun> {
  const started = Date.now();
  const project = resolveLeanProject(options.projectDir);
  const image = chooseImage(options.image, project.projectConfig);
  const { docker, address } = await connectReady(options.docker ?? {}, image);

  const runDir = createRunFolder(project.projectDir, options.now ?? new Date());
  const pythonFiles = copyCode(project.projectDir, runDir);
  const algorithmId = newAlgorithmId();
  const backtestName = path.basename(runDir);
  const container = `lean_author_${randomBytes(8).toString('hex')}`;
  // The run's config and start script live outside the project and are mounted read-only.
  const temp = mkdtempSync(path.join(os.tmpdir(), 'lean-author-run-'));
  const configFile = path.join(temp, 'config.json');
  const scriptFile = path.join(temp, 'lean-cli-start.sh');
  writeFileSync(configFile, `${JSON.stringify(buildRunConfig(project, algorithmId, backtestName), null, 2)}\n`);
  writeFileSync(scriptFile, startScript(pythonFiles), { mode: 0o755 });
  const storageDir = path.join(project.workspaceDir, 'storage');
  mkdirSync(storageDir, { recursive: true });
  writeCliConfig(runDir, { algorithmId, container, backtestName });

  const binds = [
    `${project.projectDir}:${CONTAINER.project}:rw`,
    `${project.dataDir}:${CONTAINER.data}:rw`,
    `${runDir}:${CONTAINER.results}:rw`,
    `${storageDir}:${CONTAINER.storage}:rw`,
    `${configFile}:${CONTAINER.config}:ro`,
    `${scriptFile}:${CONTAINER.startScript}:ro`,
    ...(project.libraryDir ? [`${project.libraryDir}:${CONTAINER.library}:rw`] : []),
  ];
  let log = '';
  let outcome: 'exited' | 'timeout' | 'cancelled' = 'exited';
  let handle: Docker.Container | undefined;
  try {
    handle = await docker.createContainer({
      name: container,
      Image: image,
      Entrypoint: ['bash', CONTAINER.startScript],
      Cmd: [],
      Labels: { [CONTAINER_LABEL]: 'backtest', [`${CONTAINER_LABEL}.project`]: project.projectDir, [OWNER_LABEL]: owner() },
      HostConfig: {
        Binds: binds,
        NetworkMode: options.allowNetwork ? 'bridge' : 'none',
        ...(options.memoryMb > 0 ? { Memory: options.memoryMb * 2 ** 20 } : {}),
        ...(options.cpus > 0 ? { NanoCpus: Math.round(options.cpus * 1e9) } : {}),
        ...(options.pidsLimit > 0 ? { PidsLimit: options.pidsLimit } : {}),
      },
    });
    if (options.signal?.aborted) outcome = 'cancelled';
    else {
      await handle.start();
      let delivered = 0;
      const follow = followLogs(docker, handle, (line) => {
        delivered++;
        log += `${line}\n`;
        options.onLog?.(line);
      });
      outcome = await waitFor(handle, options.timeoutMs, options.signal);
      // The followed stream trails the engine's log poller by a few hundred ms; once the container has
      // exited, its complete log is read at once instead, and only the lines not yet shown are passed on.
      follow.stop();
      if (outcome === 'exited') {
        const lines = await completeLog(handle);
        if (lines.length >= delivered) {
          for (const line of lines.slice(delivered)) options.onLog?.(line);
          log = lines.length ? `${lines.join('\n')}\n` : '';
        }
      }
    }
    const state = outcome === 'exited' ? (await handle.inspect()).State : undefined;
    const exitCode = state ? state.ExitCode : null;
    const errors = parseLeanErrors(log);
    const status: BacktestRun['status'] = outcome === 'exited' ? (exitCode === 0 ? 'completed' : 'failed') : outcome;
    return {
      status,
      exitCode,
      outputDir: runDir,
      algorithmId,
      image,
      container,
      errors,
      message: summarize(status, exitCode, state?.OOMKilled === true, errors, options, runDir),
      durationMs: Date.now() - started,
    };
  } catch (error) {
    throw describeDockerError(error, address, image);
  } finally {
    // Removed whatever happened: success, failure, cancel, timeout.
    await handle?.remove({ force: true }).catch(() => undefined);
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Streams the container's output as lines while it runs, for live feedback. */
function followLogs(docker: Docker, container: Docker.Container, onLine: (line: string) => void): { stop(): void } {
  let stopped = false;
  let stream: NodeJS.ReadableStream | undefined;
  container.logs({ follow: true, stdout: true, stderr: true }, (error, logs) => {
    if (error || !logs) return;
    stream = logs;
    if (stopped) return destroy(logs);
    let pending = '';
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => {
      if (stopped) return;
      const lines = (pending + chunk.toString('utf8')).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    docker.modem.demuxStream(logs, sink, sink);
    logs.on('error', () => undefined);
  });
  return {
    stop: () => {
      stopped = true;
      if (stream) destroy(stream);
    },
  };
}

function destroy(stream: NodeJS.ReadableStream): void {
  (stream as unknown as { destroy?: () => void }).destroy?.();
}

/** The whole log of an exited container, as lines (Docker's 8-byte frame headers removed). */
async function completeLog(container: Docker.Container): Promise<string[]> {
  const raw = (await container.logs({ follow: false, stdout: true, stderr: true })) as unknown as Buffer;
  const text = demuxFrames(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)));
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Docker's multiplexed stream format: [stream, 0, 0, 0, size (4 bytes, big-endian)] + payload, repeated. */
function demuxFrames(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset]!;
    if (type > 2 || buffer[offset + 1] !== 0 || buffer[offset + 2] !== 0 || buffer[offset + 3] !== 0) return buffer.toString('utf8');
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return offset === buffer.length ? Buffer.concat(parts).toString('utf8') : buffer.toString('utf8');
}

async function waitFor(container: Docker.Container, timeoutMs: number, signal?: AbortSignal): Promise<'exited' | 'timeout' | 'cancelled'> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  let settled = false;
  const stopped = new Promise<'timeout' | 'cancelled'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    onAbort = () => resolve('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const exited = Promise.race([container.wait(), pollUntilExited(container, () => settled)]).then(() => 'exited' as const);
    const result = await Promise.race([exited, stopped]);
    if (result !== 'exited') await container.kill().catch(() => undefined);
    return result;
  } finally {
    settled = true;
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Resolves when the container has stopped. Podman's wait endpoint answers up to half a second late;
 * inspecting often at first (when short runs end) and rarely later keeps the overhead small.
 */
async function pollUntilExited(container: Docker.Container, cancelled: () => boolean): Promise<void> {
  const started = Date.now();
  while (!cancelled()) {
    const state = await container.inspect().then(
      (info) => info.State,
      () => undefined,
    );
    if (state && !state.Running && state.Status !== 'created' && state.Status !== 'initialized' && state.Status !== 'configured') return;
    const elapsed = Date.now() - started;
    await new Promise((r) => setTimeout(r, elapsed < 5_000 ? 25 : elapsed < 60_000 ? 250 : 1_000));
  }
  return new Promise(() => undefined);
}

function summarize(
  status: BacktestRun['status'],
  exitCode: number | null,
  oomKilled: boolean,
  errors: LeanRunError[],
  options: BacktestOptions,
  runDir: string,
): string {
  if (status === 'completed') return `the backtest completed; results are in ${runDir}`;
  if (status === 'cancelled') return 'the backtest was cancelled and its container removed';
  if (status === 'timeout')
    return `the backtest ran longer than ${Math.round(options.timeoutMs / 1000)} s and was stopped. Raise leanAuthor.backtest.timeoutSeconds for long backtests.`;
  if (oomKilled || exitCode === 137)
    return `the backtest was killed (exit 137), most likely for running out of memory${options.memoryMb > 0 ? ` (limit ${options.memoryMb} MB)` : ''}. Raise leanAuthor.backtest.memoryMb or shorten the backtest.`;
  const first = errors[0];
  if (first) return `${first.message}${first.file ? ` (${first.file}${first.line ? `, line ${first.line}` : ''})` : ''}`;
  return `LEAN exited with code ${exitCode}; see the log for the reason.`;
}

/**
 * Removes containers of ours left behind (e.g. by a VS Code that was killed); returns how many. A
 * container whose owner process still runs on this machine (another window's backtest) is left alone.
 */
export async function sweepOrphans(settings: DockerSettings = {}): Promise<number> {
  const { docker } = connectDocker(settings);
  const containers = await docker.listContainers({ all: true, filters: { label: [CONTAINER_LABEL] } });
  const orphans = containers.filter((c) => !ownerAlive(c.Labels[OWNER_LABEL]));
  await Promise.all(
    orphans.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  return orphans.length;
}

function ownerAlive(label: string | undefined): boolean {
  const match = /^(.*)\/(\d+)$/.exec(label ?? '');
  if (!match) return false;
  // Another machine's container on a shared engine: its owner cannot be checked from here, so it stays.
  if (match[1] !== os.hostname()) return true;
  try {
    process.kill(Number(match[2]), 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Pulls an image with progress (bytes over all layers); rejects with CancelledError when `signal` aborts. */
export async function pullImage(
  image: string,
  settings: DockerSettings,
  onProgress: (progress: { downloadedBytes: number; totalBytes: number; status: string }) => void,
  signal?: AbortSignal,
): Promise<void> {
  const { docker, address } = connectDocker(settings);
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(image);
  } catch (error) {
    throw describeDockerError(error, address, image);
  }
  const layers = new Map<string, { current: number; total: number }>();
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      (stream as unknown as { destroy(): void }).destroy();
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(describeDockerError(error, address, image));
        else resolve();
      },
      (event: { id?: string; status?: string; progressDetail?: { current?: number; total?: number } }) => {
        if (event.id && event.progressDetail?.total)
          layers.set(event.id, { current: event.progressDetail.current ?? 0, total: event.progressDetail.total });
        let downloadedBytes = 0;
        let totalBytes = 0;
        for (const layer of layers.values()) {
          downloadedBytes += layer.current;
          totalBytes += layer.total;
        }
        onProgress({ downloadedBytes, totalBytes, status: event.status ?? '' });
      },
    );
  });
}
