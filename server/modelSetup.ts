// What `lean-author generate` and `lean-author eval` share to reach a model: the endpoint chain from flags,
// a JSON file or the environment (keys only from the environment), the managed local model server on a
// GGUF (with LoRA adapters), and the validator with its bundled tree-sitter wasm.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { apiKeyVariable, type ModelEndpoint } from '../extension/core/generation/modelChain';
import { ManagedServer } from '../extension/core/modelServer/managedServer';
import { createValidator, type Validator } from '../extension/core/validation/index';
import { UsageError } from './usageError';
import { defaultOf } from '../extension/core/defaults';

export interface EndpointFlags {
  baseUrl?: string | undefined;
  model?: string | undefined;
  endpoints?: string | undefined;
}

const endpointList = z.array(z.object({ name: z.string().min(1), baseURL: z.string().url(), model: z.string().min(1) }));

/** `--endpoints FILE` (or LEAN_AUTHOR_ENDPOINTS) first, then `--base-url/--model`; keys from LEAN_AUTHOR_KEY_<NAME>. */
export function readEndpoints(options: EndpointFlags): ModelEndpoint[] {
  const endpoints: ModelEndpoint[] = [];
  const file = options.endpoints ?? process.env['LEAN_AUTHOR_ENDPOINTS'];
  if (file) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read the endpoints file ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = endpointList.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(
        `the endpoints file ${file} must be a JSON list of {"name", "baseURL", "model"}: ${issue.path.join('.')} ${issue.message}`,
      );
    }
    endpoints.push(...parsed.data);
  }
  const baseURL = options.baseUrl ?? process.env['LEAN_AUTHOR_BASE_URL'];
  if (baseURL) {
    const model = options.model ?? process.env['LEAN_AUTHOR_MODEL'];
    if (!model) throw new UsageError('--base-url needs --model (or LEAN_AUTHOR_MODEL): the name of the model at that endpoint.');
    endpoints.push({ name: 'endpoint', baseURL, model, apiKey: process.env['LEAN_AUTHOR_API_KEY'] ?? process.env['OPENAI_API_KEY'] });
  }
  return endpoints.map((e) => ({ ...e, apiKey: e.apiKey ?? process.env[apiKeyVariable(e.name)] }));
}

export interface LocalModel {
  server: ManagedServer;
  endpoint: ModelEndpoint;
  /** `<file>@<scale>` of each adapter the server reports loaded. */
  adapters: string[];
}

/** Starts `lean-author serve` (this CLI) on the GGUF with the adapters; the endpoint is named "local". */
export async function startLocalModel(
  modelPath: string,
  options: { lora?: { path: string; scale: number }[]; contextSize?: number; threads?: number | undefined; signal?: AbortSignal },
): Promise<LocalModel> {
  for (const file of [modelPath, ...(options.lora ?? []).map((a) => a.path)])
    if (!existsSync(file)) throw new UsageError(`${file} does not exist. Pass an existing GGUF file.`);
  const server = new ManagedServer(
    {
      node: process.execPath,
      cli: process.argv[1]!,
      modelPath,
      host: '127.0.0.1',
      port: 0,
      parallel: 1,
      contextSize: options.contextSize ?? defaultOf('localServer.contextSize'),
      ...(options.threads ? { threads: options.threads } : {}),
      ...(options.lora?.length ? { lora: options.lora } : {}),
    },
    { maxCrashes: 1 },
  );
  let ready;
  try {
    ready = await server.start(options.signal);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { server, endpoint: { name: 'local', baseURL: `${ready.url}/v1`, model: ready.model }, adapters: ready.adapters };
}

/** The validator on the wasm files the build copies beside the bundle (dist/wasm). */
export function loadValidator(): Promise<Validator> {
  const wasm = path.join(__dirname, 'wasm');
  return createValidator({
    runtimeWasm: path.join(wasm, 'web-tree-sitter.wasm'),
    pythonWasm: path.join(wasm, 'tree-sitter-python.wasm'),
  });
}
