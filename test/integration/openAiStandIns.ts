// Small local HTTP servers that stand in for hosted OpenAI-compatible APIs, which these machines cannot
// reach: they answer with an error status, hang, cut the stream after the first token, or stream
// scripted answers (a stand-in model whose next answer a test controls). The product's real `openai`
// client talks to them over real HTTP; only the remote service is replaced.
import http from 'node:http';

export type StandInBehaviour =
  | { kind: 'status'; status: number; message?: string }
  | { kind: 'hang' }
  | { kind: 'die-after-first-token' }
  | { kind: 'script'; answers: string[]; requireKey?: string };

export interface OpenAiStandIn {
  baseURL: string;
  /** Parsed bodies of the chat requests received, in order. */
  requests: { model: string; messages: { role: string; content: string }[] }[];
  close(): Promise<void>;
}

export async function startOpenAiStandIn(behaviour: StandInBehaviour): Promise<OpenAiStandIn> {
  const requests: OpenAiStandIn['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      try {
        requests.push(JSON.parse(body) as OpenAiStandIn['requests'][number]);
      } catch {
        // not a chat request; the behaviour decides the answer anyway
      }
      if (behaviour.kind === 'script' && behaviour.requireKey && req.headers.authorization !== `Bearer ${behaviour.requireKey}`)
        return answer({ kind: 'status', status: 401, message: 'Incorrect API key provided' }, 0, res);
      answer(behaviour, requests.length - 1, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(behaviour: StandInBehaviour, index: number, res: http.ServerResponse): void {
  const chunk = (delta: Record<string, string>, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'stand-in', object: 'chat.completion.chunk', created: 0, model: 'stand-in', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  switch (behaviour.kind) {
    case 'status':
      res.writeHead(behaviour.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: behaviour.message ?? `stand-in error ${behaviour.status}`, type: 'error', code: null, param: null },
        }),
      );
      return;
    case 'hang':
      return; // never answers; the client's timeout must move on
    case 'die-after-first-token':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: '' }, null));
      res.write(chunk({ content: '# region imports\n' }, null));
      setTimeout(() => res.destroy(), 50);
      return;
    case 'script': {
      const text = behaviour.answers[Math.min(index, behaviour.answers.length - 1)] ?? '';
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: '' }, null));
      for (let at = 0; at < text.length; at += 40) res.write(chunk({ content: text.slice(at, at + 40) }, null));
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
      return;
    }
  }
}

/** A port nothing listens on: bound, noted, and closed again. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
