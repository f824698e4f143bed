// Title.create and Title.update without a database: the validation they do before any write, and how
// they treat DynamoDB's transaction cancellations (the client's `send` is stubbed for those; the retry
// policy itself is tested in transaction.test.ts).
import { TransactionCanceledException, type CancellationReason } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dynamoClient } from "../src/dynamo.ts";
import { Title } from "../src/title/index.ts";
import { VisibleError } from "../src/util/error.ts";
import { conflictRetries } from "../src/util/transaction.ts";

beforeAll(() => {
  process.env.SST_RESOURCE_Table = JSON.stringify({ name: "marquee-test", type: "sst.aws.Dynamo" });
});

afterEach(() => {
  vi.restoreAllMocks();
});

type CreateInput = Parameters<typeof Title.create>[0];
const valid: CreateInput = { id: "a-title", name: "A Title", year: 1999, genres: ["Drama"] };

async function visibleErrorOf(promise: () => Promise<unknown>): Promise<VisibleError> {
  const error = await promise().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}

describe("Title.create validation", () => {
  it.each([
    ["an empty name", { ...valid, name: "" }, "name: must not be empty"],
    ["a name of spaces", { ...valid, name: "   " }, "name: must not be empty"],
    ["a 201-character name", { ...valid, name: "x".repeat(201) }, "name: must be at most 200 characters"],
    ["year 1800", { ...valid, year: 1800 }, "year: must be 1870 or later"],
    ["year 2100", { ...valid, year: 2100 }, `year: must be ${new Date().getUTCFullYear() + 5} or earlier`],
    ["a fractional year", { ...valid, year: 1999.5 }, "year: must be a whole number"],
    ["no genre", { ...valid, genres: [] }, "genres: needs at least one genre"],
    ["seven genres", { ...valid, genres: ["Action", "Adventure", "Comedy", "Crime", "Drama", "War", "Western"] }, "genres: at most 6 genres"],
    ["an id with capitals and spaces", { ...valid, id: "Not An Id" }, "id: may contain only lowercase letters, digits and dashes"],
    ["a 65-character id", { ...valid, id: "a".repeat(65) }, "id: must be at most 64 characters"],
  ])("refuses %s with a message naming the field", async (_, input, message) => {
    const send = vi.spyOn(dynamoClient, "send");
    const error = await visibleErrorOf(() => Title.create(input as CreateInput));
    expect(error.code).toBe("ValidationError");
    expect(error.message).toBe(message);
    expect(send).not.toHaveBeenCalled();
  });

  it("names an unknown genre and lists the known ones", async () => {
    const error = await visibleErrorOf(() => Title.create({ ...valid, genres: ["Drama", "Space Opera"] } as unknown as CreateInput));
    expect(error.code).toBe("ValidationError");
    expect(error.message).toMatch(/^genres\.1: "Space Opera" is not a genre; use one of: Action, Adventure, .*Western$/);
  });
});

type Sent = { constructor: { name: string }; input: Record<string, unknown> };

function cancelled(...codes: string[]) {
  const reasons: CancellationReason[] = codes.map((Code) => ({ Code }));
  return new TransactionCanceledException({ message: `Transaction cancelled [${codes.join(", ")}]`, $metadata: {}, CancellationReasons: reasons });
}

/** Answers each GetItem with the next of `reads` (the last one repeats), each TransactWriteItems with the next of `writes`. */
function stubTable(reads: Array<Record<string, unknown> | undefined>, writes: Array<Error | undefined>) {
  const transactions: Sent[] = [];
  const send = vi.spyOn(dynamoClient, "send").mockImplementation((async (command: Sent) => {
    if (command.constructor.name === "GetCommand") return { Item: reads.length > 1 ? reads.shift() : reads[0] };
    if (command.constructor.name === "TransactWriteCommand") {
      transactions.push(command);
      const outcome = writes.shift();
      if (outcome) throw outcome;
      return {};
    }
    throw new Error(`unexpected ${command.constructor.name}`);
  }) as never);
  return { send, transactions };
}

const storedTitle = {
  ...Title.itemsOf({
    titleId: "a-title",
    name: "A Title",
    year: 1999,
    genres: ["Drama"],
    maturity: null,
    popularity: 3,
    ratingCount: 3,
    ratingSum: 12,
    version: 4,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-01T00:00:00.000Z",
  }).title,
};

describe("Title writes and DynamoDB's transaction conflicts", () => {
  it("retries a create that another transaction on a shared genre counter cancelled", async () => {
    const { transactions } = stubTable([undefined], [cancelled("None", "None", "None", "TransactionConflict")]);
    const created = await Title.create(valid);
    expect(created.title.titleId).toBe("a-title");
    expect(created.affectedGenres).toEqual(valid.genres);
    expect(transactions).toHaveLength(2);
    expect(transactions[1]!.input).toEqual(transactions[0]!.input);
  });

  it("reports an existing id as a Conflict without retrying", async () => {
    const { transactions } = stubTable([undefined], [cancelled("ConditionalCheckFailed", "None", "None", "None")]);
    const error = await visibleErrorOf(() => Title.create(valid));
    expect(error.code).toBe("Conflict");
    expect(error.message).toBe('A title with id "a-title" already exists.');
    expect(transactions).toHaveLength(1);
  });

  it("gives up after the conflict policy's attempts and lets the failure surface", async () => {
    vi.useFakeTimers();
    try {
      const conflict = () => cancelled("None", "TransactionConflict");
      const { transactions } = stubTable([undefined], Array.from({ length: conflictRetries.attempts + 1 }, conflict));
      const outcome = Title.create(valid).then(
        () => undefined,
        (error: unknown) => error,
      );
      await vi.runAllTimersAsync();
      expect(await outcome).toBeInstanceOf(TransactionCanceledException);
      expect(transactions).toHaveLength(conflictRetries.attempts);
    } finally {
      vi.useRealTimers();
    }
  });

  it("retries an update cancelled by a conflict, still conditional on the version read", async () => {
    const { transactions } = stubTable([storedTitle], [cancelled("TransactionConflict")]);
    const updated = await Title.update({ id: "a-title", expectedVersion: 4, name: "A Better Title" });
    expect(updated.title.version).toBe(5);
    expect(transactions).toHaveLength(2);
    const firstItem = (transactions[1]!.input.TransactItems as Array<{ Put?: { ConditionExpression?: string; ExpressionAttributeValues?: unknown } }>)[0];
    expect(firstItem?.Put?.ConditionExpression).toBe("#version = :expected");
    expect(firstItem?.Put?.ExpressionAttributeValues).toEqual({ ":expected": 4 });
  });

  it("names the current version when the version condition fails", async () => {
    // Read at version 4, then another update commits version 5 before this one's transaction.
    stubTable([storedTitle, { ...storedTitle, version: 5 }], [cancelled("ConditionalCheckFailed")]);
    const error = await visibleErrorOf(() => Title.update({ id: "a-title", expectedVersion: 4, name: "Late" }));
    expect(error.code).toBe("Conflict");
    expect(error.message).toBe('Title "a-title" was changed since version 4 (it is now at version 5): read it again and reapply your change.');
    expect(error.details).toEqual({ currentVersion: 5 });
  });

  it("refuses a stale expectedVersion before writing", async () => {
    const { transactions } = stubTable([storedTitle], []);
    const error = await visibleErrorOf(() => Title.update({ id: "a-title", expectedVersion: 2, name: "Late" }));
    expect(error.code).toBe("Conflict");
    expect(error.message).toBe('Title "a-title" was changed since version 2 (it is now at version 4): read it again and reapply your change.');
    expect(error.details).toEqual({ currentVersion: 4 });
    expect(transactions).toHaveLength(0);
  });
});
