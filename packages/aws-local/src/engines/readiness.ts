import { createServer } from "node:net";

/** A failure to start an engine, worded for the person who ran `npm start`. */
export class EngineStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineStartError";
  }
}

/** Resolves when nothing listens on `port` (127.0.0.1); otherwise throws a sentence saying what to do. */
export async function assertPortFree(port: number, name: string, envVariable?: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!free) {
    const hint = envVariable ? ` or set ${envVariable} to a free port` : "";
    throw new EngineStartError(`Port ${port} for ${name} is already in use: stop whatever holds it${hint}.`);
  }
}

/** Asks the OS for a free loopback port (tests use random ports). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `probe` until it succeeds. Each probe has its own timeout: an engine that is still starting
 * can accept a connection and never answer.
 */
export async function waitUntilReady(options: {
  name: string;
  port: number;
  probe: (signal: AbortSignal) => Promise<boolean>;
  exited?: Promise<number | null>;
  output?: () => string;
  timeoutMs?: number;
}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let exitCode: number | null | undefined;
  let hasExited = false;
  options.exited?.then((code) => {
    hasExited = true;
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (hasExited) {
      throw new EngineStartError(
        `${options.name} exited (code ${exitCode}) before it was ready on port ${options.port}:\n${options.output?.() ?? ""}`.trim(),
      );
    }
    try {
      if (await options.probe(AbortSignal.timeout(1000))) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EngineStartError(`${options.name} did not become ready on port ${options.port} within ${(options.timeoutMs ?? 60_000) / 1000} s.`);
}
