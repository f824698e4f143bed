// One way to run a DynamoDB transaction: DynamoDB cancels a transaction with TransactionConflict when
// another one in flight touches one of its items (two editors saving titles of a genre, whose counter
// both ADD to; a viewer's clients writing the account's profile count at once), and it does not retry
// those itself. Every transaction in core goes through `transactWrite`, so they all share this policy:
//
// - retried only when a conflict is all that went wrong (every reason None or TransactionConflict): a
//   failed condition is an answer for the caller to map, and retrying would only read it again;
// - at most `conflictRetries.attempts` attempts, the same request each time (its conditions included);
// - before attempt n+1 a pause drawn uniformly from [0, min(maxDelayMs, firstDelayMs * 2^(n-1))) ms
//   ("full jitter"): colliding requests spread out instead of colliding again in step.
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";

export type RetryPolicy = { attempts: number; firstDelayMs: number; maxDelayMs: number };

export const conflictRetries: RetryPolicy = { attempts: 10, firstDelayMs: 20, maxDelayMs: 640 };

export type RetryOptions = {
  policy?: RetryPolicy;
  /** Where the pauses happen (tests record them instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

/** The pause before attempt `attempt + 1`, in ms. */
export function retryDelayMs(attempt: number, policy: RetryPolicy = conflictRetries, random: () => number = Math.random): number {
  return random() * Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` again after each conflict cancellation, as the policy above says; anything else is thrown at once. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const policy = options.policy ?? conflictRetries;
  const sleep = options.sleep ?? sleepFor;
  for (let attempted = 1; ; attempted += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (attempted >= policy.attempts || !cancelledByConflictOnly(error)) throw error;
      await sleep(retryDelayMs(attempted, policy, options.random));
    }
  }
}

/** A TransactWriteItems call under the conflict policy. */
export async function transactWrite(client: Pick<DynamoDBDocumentClient, "send">, input: TransactWriteCommandInput, options?: RetryOptions): Promise<void> {
  await retryOnConflict(() => client.send(new TransactWriteCommand(input)), options);
}

type Cancellation = Error & { CancellationReasons?: Array<{ Code?: string }> };

// By name: no import of the SDK's DynamoDB client for its error class (and true of any copy of it).
const isCancellation = (error: unknown): error is Cancellation => error instanceof Error && error.name === "TransactionCanceledException";

/** Cancelled because another transaction was in flight, and for no other reason. */
export function cancelledByConflictOnly(error: unknown): boolean {
  if (!isCancellation(error)) return false;
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
  return codes.includes("TransactionConflict") && codes.every((code) => code === "None" || code === "TransactionConflict");
}

/** Whether the transaction's item at `index` failed its condition. */
export function conditionFailedAt(error: unknown, index: number): boolean {
  return isCancellation(error) && error.CancellationReasons?.[index]?.Code === "ConditionalCheckFailed";
}
