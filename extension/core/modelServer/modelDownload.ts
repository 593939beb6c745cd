// Downloads a model by running `lean-author pull --json` as a child process (node-llama-cpp's
// downloader stays out of the extension host). Editor-agnostic: progress goes to a callback, cancel is
// an AbortSignal, and the result or a reason a user can act on comes back.
import { spawn } from 'node:child_process';
import { CancelledError } from '../cancellation';

export interface DownloadLaunch {
  node: string;
  cli: string;
  env?: Record<string, string>;
}

export interface DownloadProgress {
  downloadedBytes: number;
  totalBytes: number;
}

type PullEvent =
  ({ event: 'progress' } & DownloadProgress) | { event: 'done'; path: string; totalBytes: number } | { event: 'error'; message: string };

/** Resolves with the downloaded file's path; rejects with CancelledError when `signal` aborts. */
export function downloadModel(
  launch: DownloadLaunch,
  uri: string,
  dir: string,
  onProgress: (progress: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(launch.node, [launch.cli, 'pull', uri, '--dir', dir, '--json'], {
      env: { ...process.env, ...launch.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let stderr = '';
    let result: PullEvent | undefined;
    const onAbort = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (data: Buffer) => {
      const lines = (buffered + data.toString()).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        let event: PullEvent;
        try {
          event = JSON.parse(line) as PullEvent;
        } catch {
          continue;
        }
        if (event.event === 'progress') onProgress(event);
        else result = event;
      }
    });
    child.stderr.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-2_000)));
    child.once('error', (error) => reject(new Error(`the downloader could not start: ${error.message}`)));
    child.once('exit', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(new CancelledError());
      if (code === 0 && result?.event === 'done') return resolve(result.path);
      const reason = result?.event === 'error' ? result.message : stderr.trim().split('\n').pop() || `the downloader exited with ${code}`;
      reject(new Error(reason));
    });
  });
}
