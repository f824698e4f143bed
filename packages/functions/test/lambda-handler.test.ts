// The Lambda side of the request edge: every resolver handler builds its caller with @marquee/core's
// actorOf and refuses an event without one before core runs; errors a client may see come back as
// `{ error }`, anything else is thrown for the resolver to mask.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { VisibleError } from "@marquee/core/util/error";
import { manifest } from "../src/manifest.ts";
import { contentTeamHandler, resolverHandler, type ResolverEvent } from "../src/lambda/handler.ts";

const repoRoot = resolve(import.meta.dirname, "../../..");
type Handler = (event: unknown) => Promise<unknown>;

const resolverHandlers = Object.entries(manifest.dataSources).flatMap(([name, source]) => (source.type === "lambda" ? [{ name, path: source.handler }] : []));

async function load(handlerPath: string): Promise<Handler> {
  const dot = handlerPath.lastIndexOf(".");
  const module = (await import(join(repoRoot, `${handlerPath.slice(0, dot)}.ts`))) as Record<string, Handler>;
  return module[handlerPath.slice(dot + 1)]!;
}

describe("Lambda resolver handlers", () => {
  it.each(resolverHandlers)("$name refuses an event without a Cognito sub before core runs", async ({ path }) => {
    const handler = await load(path);
    // Core would answer these with a ValidationError (an empty accountId) or fail on the missing table.
    const refused = { error: { type: "Unauthorized", message: expect.any(String) } };
    expect(await handler({ arguments: { profileId: "p1", input: { profileId: "p1", name: "x" } }, identity: null })).toEqual(refused);
    expect(await handler({ arguments: { profileId: "p1" }, identity: { sub: "", groups: null } })).toEqual(refused);
  });

  it.each(["createTitleFunction", "updateTitleFunction"])("%s refuses a signed-in caller outside the content team", async (name) => {
    const handler = await load(resolverHandlers.find((entry) => entry.name === name)!.path);
    const answer = await handler({ arguments: { input: { id: "t1", name: "A title" } }, identity: { sub: "viewer-sub", groups: ["viewers"] } });
    expect(answer).toEqual({ error: { type: "Unauthorized", message: expect.any(String) } });
  });
});

describe("resolverHandler", () => {
  const event: ResolverEvent<{ n: number }> = { arguments: { n: 1 }, identity: { sub: "sub-1", groups: ["content-team"] } };

  it("hands the body the caller it built", async () => {
    const handler = resolverHandler<{ n: number }, unknown>(async (received, actor) => ({ n: received.arguments.n, actor }));
    expect(await handler(event)).toEqual({ data: { n: 1, actor: { accountId: "sub-1", groups: ["content-team"], isContentTeam: true } } });
  });

  it("returns a VisibleError as the answer's error, with its code", async () => {
    const handler = resolverHandler(async () => {
      throw new VisibleError("Conflict", "It changed.", { version: 2 });
    });
    expect(await handler(event)).toEqual({ error: { type: "Conflict", message: "It changed.", details: { version: 2 } } });
  });

  it("throws anything else, for the resolver to mask", async () => {
    const handler = resolverHandler(async () => {
      throw new Error("ValidationException: One or more parameter values were invalid");
    });
    await expect(handler(event)).rejects.toThrow(/ValidationException/);
  });

  it("lets the content team through", async () => {
    const handler = contentTeamHandler<{ n: number }, number>(async (received) => received.arguments.n + 1);
    expect(await handler(event)).toEqual({ data: 2 });
  });
});
