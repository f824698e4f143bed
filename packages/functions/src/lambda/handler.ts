// The one wrapper every Lambda resolver handler goes through. Domain errors a client may see
// (VisibleError) travel back as `{ error }` for the resolver's response handler to raise with their
// code; anything else is logged with its cause and reaches the client as an internal failure.
import { VisibleError } from "@marquee/core/util/error";

export type ResolverEvent<Args> = {
  arguments: Args;
  identity: { sub: string; groups: string[] | null; username?: string } | null;
};

export type ResolverAnswer<T> = { data: T } | { error: { type: string; message: string; details?: Record<string, unknown> } };

export function resolverHandler<Args, T>(body: (event: ResolverEvent<Args>) => Promise<T>) {
  return async (event: ResolverEvent<Args>): Promise<ResolverAnswer<T>> => {
    try {
      return { data: await body(event) };
    } catch (error) {
      if (error instanceof VisibleError) return { error: { type: error.code, message: error.message, details: error.details } };
      throw error;
    }
  };
}
