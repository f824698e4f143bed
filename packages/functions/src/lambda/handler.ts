// The one wrapper every Lambda resolver handler goes through. It builds the caller (@marquee/core's
// actorOf, as resolvers do) and refuses an event without one before any core code runs. Domain errors a
// client may see (VisibleError) travel back as `{ error }` for the resolver's response handler to raise
// with their code; anything else is thrown: the resolver masks it as an internal failure. Powertools
// (observability.ts) logs it with the request's correlation id and counts every outcome.
import { actorOf, type Actor, type CallerIdentity } from "@marquee/core/appsync";
import { VisibleError, type VisibleErrorCode } from "@marquee/core/util/error";
import { observed } from "./observability.ts";

export type ResolverEvent<Args> = {
  arguments: Args;
  identity: CallerIdentity | null;
};

export type ResolverAnswer<T> = { data: T } | { error: { type: VisibleErrorCode; message: string; details?: Record<string, unknown> } };

const unauthorized = { error: { type: "Unauthorized", message: "The request has no signed-in caller." } } as const;

export function resolverHandler<Args, T, Event extends ResolverEvent<Args> = ResolverEvent<Args>>(body: (event: Event, actor: Actor) => Promise<T>) {
  return observed(async (event: Event): Promise<ResolverAnswer<T>> => {
    const actor = actorOf(event.identity);
    if (!actor) return unauthorized;
    try {
      return { data: await body(event, actor) };
    } catch (error) {
      if (error instanceof VisibleError) return { error: { type: error.code, message: error.message, details: error.details } };
      throw error;
    }
  }, outcomeOfAnswer);
}

function outcomeOfAnswer(answer: ResolverAnswer<unknown>) {
  return "error" in answer ? { outcome: "Refused" as const, detail: { errorType: answer.error.type } } : { outcome: "Served" as const };
}

/** A handler for the content team only: the resolver checks the group too, this refuses a call that skipped it. */
export function contentTeamHandler<Args, T>(body: (event: ResolverEvent<Args>, actor: Actor) => Promise<T>) {
  return resolverHandler<Args, T>(async (event, actor) => {
    if (!actor.isContentTeam) throw new VisibleError("Unauthorized", "Only the content team may change the catalog.");
    return body(event, actor);
  });
}
