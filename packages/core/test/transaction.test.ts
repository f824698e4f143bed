// The one conflict policy of core's transactions (util/transaction.ts), against a fault-injected client:
// no engine cancels a transaction for a conflict on demand, so `send` answers from a script. The pauses
// are recorded, not waited for.
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { conflictRetries, retryDelayMs, transactWrite, type RetryPolicy } from "../src/util/transaction.ts";

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: `Transaction cancelled [${codes.join(", ")}]`, $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

/** A client whose n-th send throws the n-th scripted error (undefined: that send commits); past the script it commits. */
function scriptedClient(script: Array<Error | undefined>) {
  const sent: TransactWriteCommand[] = [];
  return {
    sent,
    send: (async (command: TransactWriteCommand) => {
      sent.push(command);
      const outcome = script[sent.length - 1];
      if (outcome) throw outcome;
      return {};
    }) as never,
  };
}

const input = { TransactItems: [{ Put: { TableName: "t", Item: { pk: "A", sk: "B" }, ConditionExpression: "attribute_not_exists(pk)" } }] };

async function run(script: Array<Error | undefined>, policy?: RetryPolicy) {
  const client = scriptedClient(script);
  const pauses: number[] = [];
  const outcome = await transactWrite(client, input, { policy, sleep: async (ms) => void pauses.push(ms) }).then(
    () => "committed" as const,
    (error: unknown) => error,
  );
  return { outcome, sent: client.sent, pauses };
}

describe("transactWrite", () => {
  it("sends the same transaction again after a conflict, until it commits", async () => {
    const { outcome, sent, pauses } = await run([cancelled("None", "TransactionConflict"), cancelled("TransactionConflict", "None")]);
    expect(outcome).toBe("committed");
    expect(sent).toHaveLength(3);
    expect(sent.every((command) => command instanceof TransactWriteCommand && command.input === sent[0]!.input)).toBe(true);
    expect(sent[0]!.input).toEqual(input);
    expect(pauses).toHaveLength(2);
  });

  it("stops at the policy's attempts and throws the last cancellation", async () => {
    const conflicts = Array.from({ length: 20 }, () => cancelled("TransactionConflict"));
    const { outcome, sent, pauses } = await run(conflicts);
    expect(sent).toHaveLength(conflictRetries.attempts);
    expect(pauses).toHaveLength(conflictRetries.attempts - 1);
    expect(outcome).toBe(conflicts[conflictRetries.attempts - 1]);

    const short = await run(conflicts, { attempts: 3, firstDelayMs: 1, maxDelayMs: 1 });
    expect(short.sent).toHaveLength(3);
  });

  it.each([
    ["a failed condition", cancelled("ConditionalCheckFailed", "None")],
    ["a failed condition beside a conflict (the condition is the answer)", cancelled("ConditionalCheckFailed", "TransactionConflict")],
    ["a cancellation without reasons", cancelled()],
    ["throttling", cancelled("None", "ThrottlingError")],
    ["an error that is no cancellation", Object.assign(new Error("Requested resource not found"), { name: "ResourceNotFoundException" })],
  ])("does not retry %s", async (_, error) => {
    const { outcome, sent, pauses } = await run([error]);
    expect(outcome).toBe(error);
    expect(sent).toHaveLength(1);
    expect(pauses).toEqual([]);
  });

  it("pauses a random time below a bound that doubles from firstDelayMs up to maxDelayMs", async () => {
    const bounds = Array.from({ length: 9 }, (_, index) => retryDelayMs(index + 1, conflictRetries, () => 1));
    expect(bounds).toEqual([20, 40, 80, 160, 320, 640, 640, 640, 640]);
    expect(retryDelayMs(3, conflictRetries, () => 0)).toBe(0);
    expect(retryDelayMs(3, conflictRetries, () => 0.5)).toBe(40);

    const { pauses } = await run(Array.from({ length: 20 }, () => cancelled("TransactionConflict")));
    pauses.forEach((pause, index) => {
      expect(pause).toBeGreaterThanOrEqual(0);
      expect(pause).toBeLessThan(bounds[index]!);
    });
  });
});
