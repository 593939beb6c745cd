// Backtest orchestration overhead: wall time of one backtest through our runner (dockerode → podman's
// Docker API: config, mounts, start script, log streaming, output folder, removal) against `podman run
// --rm` of the same TEST STAND-IN LEAN image with the same mounts, config and start script, in one run,
// alternating. Printed, never asserted. Goal: ratio ≤ 1.2.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBacktest } from '../../extension/core/backtest/backtestRunner';
import { resolveLeanProject } from '../../extension/core/backtest/leanWorkspace';
import { buildRunConfig, CONTAINER, newAlgorithmId, startScript } from '../../extension/core/backtest/runConfig';
import { buildStandInImage, startPodman } from '../integration/podmanEngine';
import { repositoryRoot } from '../repositoryRoot';

const root = repositoryRoot();

const RUNS = Number(process.env['LEAN_AUTHOR_BENCH_RUNS'] ?? 7);

export async function runBacktestBench(): Promise<void> {
  const engine = await startPodman();
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'lean-author-bench-ws-'));
  try {
    const image = buildStandInImage(engine.env);
    writeFileSync(path.join(workspace, 'lean.json'), '{ "data-folder": "data" }\n');
    mkdirSync(path.join(workspace, 'data'));
    mkdirSync(path.join(workspace, 'storage'));
    const projectDir = path.join(workspace, 'Bench');
    mkdirSync(projectDir);
    execFileSync('cp', [path.join(root, 'test', 'fixtures', 'workspace', 'SmaCrossover', 'main.py'), projectDir]);
    const ours: number[] = [];
    const peer: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? [runOurs, runPeer] : [runPeer, runOurs];
      for (const run of order) {
        const started = performance.now();
        await run();
        (run === runOurs ? ours : peer).push(performance.now() - started);
      }
    }
    const m = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`\nBacktest orchestration on podman ${podmanVersion()} with the stand-in LEAN image (median of ${RUNS}, alternating)`);
    console.log(
      `  lean-author runner (dockerode)   ${m(ours).toFixed(0)} ms  (min ${Math.min(...ours).toFixed(0)}, max ${Math.max(...ours).toFixed(0)})`,
    );
    console.log(
      `  podman run --rm, same mounts     ${m(peer).toFixed(0)} ms  (min ${Math.min(...peer).toFixed(0)}, max ${Math.max(...peer).toFixed(0)})`,
    );
    console.log(`  ratio runner / podman run: ${(m(ours) / m(peer)).toFixed(2)}   goal ≤ 1.2`);

    async function runOurs(): Promise<void> {
      const run = await runBacktest({
        projectDir,
        image,
        docker: { socket: engine.socketPath },
        timeoutMs: 120_000,
        allowNetwork: false,
        memoryMb: 0,
        cpus: 0,
        pidsLimit: 0,
      });
      if (run.status !== 'completed') throw new Error(`the runner's backtest ${run.status}: ${run.message}`);
    }

    async function runPeer(): Promise<void> {
      const project = resolveLeanProject(projectDir);
      const temp = mkdtempSync(path.join(os.tmpdir(), 'lean-author-bench-peer-'));
      const results = path.join(temp, 'results');
      mkdirSync(results);
      writeFileSync(path.join(temp, 'config.json'), JSON.stringify(buildRunConfig(project, newAlgorithmId(), 'bench'), null, 2));
      writeFileSync(path.join(temp, 'start.sh'), startScript(['main.py']), { mode: 0o755 });
      execFileSync(
        'podman',
        [
          'run',
          '--rm',
          '--network',
          'none',
          '-v',
          `${projectDir}:${CONTAINER.project}:rw`,
          '-v',
          `${project.dataDir}:${CONTAINER.data}:rw`,
          '-v',
          `${results}:${CONTAINER.results}:rw`,
          '-v',
          `${path.join(workspace, 'storage')}:${CONTAINER.storage}:rw`,
          '-v',
          `${path.join(temp, 'config.json')}:${CONTAINER.config}:ro`,
          '-v',
          `${path.join(temp, 'start.sh')}:${CONTAINER.startScript}:ro`,
          '--entrypoint',
          'bash',
          image,
          CONTAINER.startScript,
        ],
        { env: engine.env, stdio: 'ignore' },
      );
      rmSync(temp, { recursive: true, force: true });
    }
  } finally {
    await engine.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

function podmanVersion(): string {
  return execFileSync('podman', ['--version'], { encoding: 'utf8' }).trim().split(' ').pop() ?? '';
}
