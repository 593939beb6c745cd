// A stand-in for Hugging Face's file hosting, which these machines cannot reach: serves local files at
// the paths node-llama-cpp's downloader asks for (`/<user>/<repo>/resolve/<branch>/<file>`, HEAD and
// byte ranges) and the manifest that resolves `hf:<user>/<repo>:<quant>`. Reached through HF_ENDPOINT,
// the same setting users point at a mirror. The product's download path runs unchanged against it.
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export interface StandInOptions {
  /** Repository `user/repo` → local files it holds. */
  repos: Record<string, string[]>;
  /** Bytes per second per response; slows the download so a test can cancel it mid-way. */
  throttleBytesPerSecond?: number;
}

export interface StandIn {
  endpoint: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startHuggingFaceStandIn(options: StandInOptions): Promise<StandIn> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const manifest = /^\/v2\/([^/]+\/[^/]+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (manifest) {
      const file = options.repos[decodeURIComponent(manifest[1]!)]?.find((f) =>
        path
          .basename(f)
          .toUpperCase()
          .includes(`.${decodeURIComponent(manifest[2]!).toUpperCase()}.`),
      );
      if (!file) return void res.writeHead(404).end('{"error":"not found"}');
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ ggufFile: { rfilename: path.basename(file) } }));
    }
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/[^/]+\/(.+)$/.exec(url.pathname);
    const file =
      resolve && options.repos[decodeURIComponent(resolve[1]!)]?.find((f) => path.basename(f) === decodeURIComponent(resolve[2]!));
    if (!file) return void res.writeHead(404).end('Entry not found');
    const size = statSync(file).size;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    const headers = { 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream', 'content-length': String(end - start + 1) };
    if (range) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}` });
    else res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(file, { start, end, highWaterMark: 64 * 1024 });
    const rate = options.throttleBytesPerSecond;
    if (!rate) return void stream.pipe(res);
    stream.on('data', (chunk) => {
      stream.pause();
      res.write(chunk);
      setTimeout(() => stream.resume(), (chunk.length / rate) * 1000);
    });
    stream.on('end', () => res.end());
    res.on('close', () => stream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
