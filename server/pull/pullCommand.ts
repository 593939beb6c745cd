// `lean-author pull URI`: downloads a GGUF model with node-llama-cpp's downloader (parallel ranges,
// resume, split files) into a folder. The extension's Download Model runs this as a child process, so
// the download neither blocks nor loads native code into the extension host; cancel is a SIGTERM
// (exit 130, the partial files removed; server/cancelled.ts).
// With --json, stdout carries one JSON object per line: progress events, then the result.
import path from 'node:path';
import { cancelOnInterrupt, reportCancelled } from '../cancelled';
import { importNodeLlamaCpp } from '../serve/llamaEngine';

export interface PullOptions {
  uri: string;
  dir: string;
  json: boolean;
}

export type PullEvent =
  | { event: 'progress'; downloadedBytes: number; totalBytes: number }
  | { event: 'done'; path: string; totalBytes: number }
  | { event: 'error'; message: string };

/** `hf:user/repo:QUANT`, `hf:user/repo/file.gguf#branch` and http(s) URLs; a clear error for anything else. */
export function checkModelUri(uri: string): string | undefined {
  if (/^https?:\/\/\S+$/i.test(uri)) return undefined;
  if (/^hf:[^/\s]+\/[^/\s:]+(:[^/\s]+|\/\S+)?$/.test(uri)) return undefined;
  return `"${uri}" is not a model URI. Use hf:<user>/<repo>:<quant> (e.g. hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M), hf:<user>/<repo>/<file>.gguf, or an http(s) URL of a .gguf file.`;
}

export async function pullCommand(options: PullOptions): Promise<number> {
  const emit = (event: PullEvent) => {
    if (options.json) process.stdout.write(`${JSON.stringify(event)}\n`);
    else if (event.event === 'progress')
      process.stderr.write(`\r${(event.downloadedBytes / 2 ** 20).toFixed(1)} / ${(event.totalBytes / 2 ** 20).toFixed(1)} MiB`);
    else if (event.event === 'done') process.stdout.write(`\n${event.path}\n`);
    else process.stderr.write(`\nlean-author pull: ${event.message}\n`);
  };
  const invalid = checkModelUri(options.uri);
  if (invalid) {
    emit({ event: 'error', message: invalid });
    return 2;
  }
  const { createModelDownloader } = await importNodeLlamaCpp();
  const interrupt = cancelOnInterrupt();
  const { signal } = interrupt;
  let last = 0;
  let downloader: Awaited<ReturnType<typeof createModelDownloader>> | undefined;
  const cancelled = async () => {
    // download() resolves (it does not throw) when its signal aborts, leaving the partial file.
    await downloader?.cancel({ deleteTempFile: true }).catch(() => undefined);
    // The extension's Download Model reads the JSON lines; a person reads the one cancelled line.
    if (options.json) emit({ event: 'error', message: 'cancelled; the partial files were removed' });
    else process.stderr.write('\n');
    return reportCancelled('and removed the partial files');
  };
  try {
    downloader = await createModelDownloader({
      modelUri: options.uri,
      dirPath: path.resolve(options.dir),
      deleteTempFileOnCancel: true,
      onProgress: ({ downloadedSize, totalSize }) => {
        // At most ten events a second: the extension turns each into a progress report.
        if (Date.now() - last < 100 && downloadedSize < totalSize) return;
        last = Date.now();
        emit({ event: 'progress', downloadedBytes: downloadedSize, totalBytes: totalSize });
      },
    });
    const file = await downloader.download({ signal });
    if (signal.aborted) return await cancelled();
    emit({ event: 'done', path: file, totalBytes: downloader.totalSize });
    return 0;
  } catch (error) {
    // Whatever the downloader throws once the user has cancelled, the download was cancelled.
    if (signal.aborted) return await cancelled();
    emit({ event: 'error', message: `the download failed: ${error instanceof Error ? error.message : String(error)}` });
    return 1;
  } finally {
    interrupt.dispose();
  }
}
