// A real Docker-API engine for the backtest tests: podman's service on a private socket, with the
// containers.conf these machines need (runc; no rlimit raising), and the stand-in LEAN image built from
// local files. `podman` must be installed (scripts/install-system-deps.sh); under CI its absence fails.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { REQUIRED_RUN_KEYS } from '../../extension/core/backtest/runConfig';
import { repositoryRoot } from '../repositoryRoot';
import { LEAN_RESULTS } from '../sharedFixtures';

export interface PodmanEngine {
  socketPath: string;
  /** Environment for `podman` CLI calls that must see the same configuration. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const CONF = `[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"
`;

export function podmanAvailable(): boolean {
  return spawnSync('podman', ['--version']).status === 0;
}

export async function startPodman(): Promise<PodmanEngine> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-author-podman-'));
  writeFileSync(path.join(dir, 'containers.conf'), CONF);
  const env = { ...process.env, CONTAINERS_CONF: path.join(dir, 'containers.conf') };
  const socketPath = path.join(dir, 'podman.sock');
  const child: ChildProcess = spawn('podman', ['system', 'service', '--time=0', `unix://${socketPath}`], { env, stdio: 'ignore' });
  const deadline = Date.now() + 20_000;
  while (!existsSync(socketPath)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('podman system service did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    socketPath,
    env,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const STAND_IN_DIR = path.join(repositoryRoot(), 'test', 'integration', 'leanStandIn');

/**
 * Builds (once per content) the TEST STAND-IN for quantconnect/lean: busybox, the host's Python 3.11 for
 * byte-compilation, and dotnet.py in place of LEAN's launcher, with a real LEAN result from the shared
 * fixtures baked in. Returns its tag. The tag carries a hash of the inputs, so edits rebuild it.
 */
export function buildStandInImage(env: NodeJS.ProcessEnv, fixture = 'sma-crossover'): string {
  const source = path.join(LEAN_RESULTS, fixture);
  const resultFiles = readdirSync(source).filter((f) => /^\d+(-summary|-order-events|-log)?\.(json|txt)$/.test(f));
  const hash = createHash('sha256');
  for (const file of ['dotnet.py', 'bash']) hash.update(readFileSync(path.join(STAND_IN_DIR, file)));
  hash.update(JSON.stringify(REQUIRED_RUN_KEYS));
  for (const file of resultFiles) hash.update(file).update(readFileSync(path.join(source, file)));
  const tag = `localhost/lean-author-standin:${hash.digest('hex').slice(0, 12)}`;
  if (spawnSync('podman', ['image', 'exists', tag], { env }).status === 0) return tag;

  const python = '/usr/bin/python3.11';
  if (!existsSync(python)) throw new Error(`${python} is missing: the stand-in image copies Debian's python3.11 for byte-compilation`);
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (!busybox) throw new Error('busybox is missing: apt-get install busybox-static');
  const root = mkdtempSync(path.join(os.tmpdir(), 'lean-author-standin-'));
  try {
    for (const dir of [
      'bin',
      'usr/bin',
      'lib64',
      'lib/x86_64-linux-gnu',
      'tmp',
      'Lean/Launcher/bin/Debug',
      'standin/results',
      'LeanCLI',
      'Results',
      'Storage',
      'Lean/Data',
    ])
      mkdirSync(path.join(root, dir), { recursive: true });
    copyFileSync(busybox, path.join(root, 'bin/busybox'));
    chmodSync(path.join(root, 'bin/busybox'), 0o755);
    for (const applet of ['sh', 'cat', 'cp', 'ls', 'mkdir', 'sleep', 'echo', 'rm', 'env'])
      symlinkSync('/bin/busybox', path.join(root, 'bin', applet));
    symlinkSync('/bin/busybox', path.join(root, 'usr/bin/env'));
    copyFileSync(path.join(STAND_IN_DIR, 'bash'), path.join(root, 'bin/bash'));
    chmodSync(path.join(root, 'bin/bash'), 0o755);
    copyFileSync(python, path.join(root, 'usr/bin/python3.11'));
    chmodSync(path.join(root, 'usr/bin/python3.11'), 0o755);
    symlinkSync('/usr/bin/python3.11', path.join(root, 'usr/bin/python'));
    symlinkSync('/usr/bin/python3.11', path.join(root, 'usr/bin/python3'));
    for (const lib of sharedLibraries(python))
      copyFileSync(lib, path.join(root, lib.startsWith('/lib64') ? lib : path.join('lib/x86_64-linux-gnu', path.basename(lib))));
    cpSync('/usr/lib/python3.11', path.join(root, 'usr/lib/python3.11'), {
      recursive: true,
      filter: (file) => !/\/(test|idlelib|tkinter|ensurepip|lib2to3|dist-packages|site-packages|__pycache__)(\/|$)/.test(file),
    });
    copyFileSync(path.join(STAND_IN_DIR, 'dotnet.py'), path.join(root, 'usr/bin/dotnet'));
    chmodSync(path.join(root, 'usr/bin/dotnet'), 0o755);
    writeFileSync(path.join(root, 'standin/required-keys.json'), JSON.stringify(REQUIRED_RUN_KEYS));
    const id = resultFiles.find((f) => /^\d+\.json$/.test(f))!.replace('.json', '');
    writeFileSync(path.join(root, 'standin/results/id'), id);
    for (const file of resultFiles) copyFileSync(path.join(source, file), path.join(root, 'standin/results', file));
    const tar = path.join(root, '..', `${path.basename(root)}.tar`);
    execFileSync('tar', ['-C', root, '-cf', tar, '.']);
    execFileSync(
      'podman',
      [
        'import',
        '--change',
        'WORKDIR /Lean/Launcher/bin/Debug',
        '--change',
        'ENTRYPOINT ["dotnet", "QuantConnect.Lean.Launcher.dll"]',
        tar,
        tag,
      ],
      { env, stdio: 'ignore' },
    );
    rmSync(tar, { force: true });
    return tag;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The shared libraries (from ldd) a binary needs, as absolute host paths. */
function sharedLibraries(binary: string): string[] {
  const out = execFileSync('ldd', [binary], { encoding: 'utf8' });
  return [...out.matchAll(/(\/\S+\.so[.\d]*)/g)].map((m) => m[1]!);
}
