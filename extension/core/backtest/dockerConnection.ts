// Connects to a Docker-API engine with dockerode: a configured socket, else DOCKER_HOST, else the
// default socket (Docker's, or podman's service socket, which speaks the same API). Engine failures are
// translated into errors that say what to do.
import { existsSync } from 'node:fs';
import Docker from 'dockerode';

export interface DockerSettings {
  /** A socket path or `unix://`/`tcp://` address from settings; empty uses DOCKER_HOST or the default. */
  socket?: string | undefined;
}

/** The engine is unreachable, refuses us, or lacks something; `reason` lets callers offer the right action. */
export class DockerError extends Error {
  constructor(
    readonly reason: 'not-running' | 'permission' | 'image-missing' | 'out-of-disk' | 'engine',
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_SOCKETS = ['/var/run/docker.sock', '/run/podman/podman.sock'];

export function connectDocker(settings: DockerSettings = {}): { docker: Docker; address: string } {
  const configured = settings.socket?.trim();
  if (configured) {
    if (/^tcp:\/\//.test(configured)) {
      const url = new URL(configured.replace(/^tcp:/, 'http:'));
      return { docker: new Docker({ host: url.hostname, port: Number(url.port) || 2375 }), address: configured };
    }
    const socketPath = configured.replace(/^unix:\/\//, '');
    return { docker: new Docker({ socketPath }), address: socketPath };
  }
  // docker-modem reads DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) itself.
  if (process.env['DOCKER_HOST']) return { docker: new Docker(), address: process.env['DOCKER_HOST'] };
  const socketPath = DEFAULT_SOCKETS.find((s) => existsSync(s)) ?? DEFAULT_SOCKETS[0]!;
  return { docker: new Docker({ socketPath }), address: socketPath };
}

/**
 * Connects, then checks that the engine answers and holds `image`, before anything is written or started.
 * Throws a DockerError that says what to do (start the engine, fix the permission, pull the image).
 */
export async function connectReady(settings: DockerSettings, image: string): Promise<{ docker: Docker; address: string }> {
  const connection = connectDocker(settings);
  try {
    await connection.docker.ping();
    await connection.docker.getImage(image).inspect();
  } catch (error) {
    throw describeDockerError(error, connection.address, image);
  }
  return connection;
}

/** An engine or API error as a DockerError whose message says how to fix it. */
export function describeDockerError(error: unknown, address: string, image?: string): DockerError {
  if (error instanceof DockerError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string; json?: { message?: string } };
  const detail = e.json?.message ?? e.message ?? String(error);
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT')
    return new DockerError(
      'not-running',
      `the container engine is not running (nothing answers at ${address}). Start Docker Desktop or the Docker service (or podman's: \`podman system service --time=0\`), or set leanAuthor.backtest.dockerSocket.`,
    );
  if (e.code === 'EACCES' || e.code === 'EPERM')
    return new DockerError(
      'permission',
      `no permission to use the container engine at ${address}. Add your user to the docker group (\`sudo usermod -aG docker $USER\`, then log in again) or point leanAuthor.backtest.dockerSocket at a socket you may use (rootless podman's).`,
    );
  if (e.statusCode === 404 && image && /image|no such/i.test(detail))
    return new DockerError(
      'image-missing',
      `the image ${image} is not on this machine. Pull it (about 5 GB for quantconnect/lean) and run again.`,
    );
  if (/no space left on device/i.test(detail))
    return new DockerError(
      'out-of-disk',
      `the container engine ran out of disk space (${detail}). Free space, e.g. \`docker system prune\`, and run again.`,
    );
  return new DockerError('engine', `the container engine failed: ${detail}`);
}
