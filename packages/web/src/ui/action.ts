// A user action that calls the API: one run at a time (a double-click never sends twice), its failure
// described as a sentence.
import { useCallback, useRef, useState } from "react";
import type { CombinedError } from "@urql/core";
import { describeApiError } from "../api/errors.ts";

export type ActionState = { pending: boolean; error: string | null };

export function useAction<Args extends unknown[], Result>(
  action: (...args: Args) => Promise<Result>,
): [run: (...args: Args) => Promise<Result | undefined>, state: ActionState, reset: () => void] {
  const running = useRef(false);
  const [state, setState] = useState<ActionState>({ pending: false, error: null });
  const run = useCallback(
    async (...args: Args) => {
      if (running.current) return undefined;
      running.current = true;
      setState({ pending: true, error: null });
      try {
        const result = await action(...args);
        setState({ pending: false, error: null });
        return result;
      } catch (error) {
        setState({ pending: false, error: messageOf(error) });
        return undefined;
      } finally {
        running.current = false;
      }
    },
    [action],
  );
  const reset = useCallback(() => setState({ pending: false, error: null }), []);
  return [run, state, reset];
}

/** Throw this from an action to show a sentence of your own. */
export class ActionError extends Error {}

function messageOf(error: unknown): string {
  if (error instanceof ActionError) return error.message;
  const described = describeApiError(error as CombinedError | Error);
  return described?.message ?? "Something went wrong. Please try again.";
}

/** urql answers with `{ error }` instead of throwing: this throws it, for useAction. */
export function unwrap<T>(result: { data?: T; error?: CombinedError }): T {
  if (result.error) throw result.error;
  if (result.data === undefined || result.data === null) throw new ActionError("Something went wrong on our side. Please try again.");
  return result.data;
}
