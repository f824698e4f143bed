// What a DynamoDB event-source mapping does, against DynamoDB Local's stream: read each shard in order
// (DescribeStream, GetShardIterator, GetRecords), drop the records the filters refuse, hand the rest to
// the handler in batches, and move the shard's checkpoint only past what the handler accepted:
//   - the handler throws: the same batch again, after a growing pause (until it succeeds: the mapping's
//     MaximumRetryAttempts -1; a stream keeps records 24 hours);
//   - it returns batchItemFailures (ReportBatchItemFailures): again from the lowest failed sequence
//     number; an identifier that names no record of the batch fails the whole batch, as on AWS.
// Checkpoints live in memory: a restarted poller starts again at its starting position.
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as SdkStreamRecord,
  type Shard,
} from "@aws-sdk/client-dynamodb-streams";
import { checkPattern, matchesAny, type FilterPattern } from "./filters.ts";
import { toLambdaRecord, type LambdaStreamEvent } from "./records.ts";

export type StreamHandlerResult = { batchItemFailures?: Array<{ itemIdentifier?: string | null }> } | void | null | undefined;
export type StreamHandler = (event: LambdaStreamEvent) => Promise<StreamHandlerResult>;

export type StreamPollerOptions = {
  client: DynamoDBStreamsClient;
  streamArn: string;
  handler: StreamHandler;
  /** The mapping's filter criteria: a record is delivered when any pattern matches. None: every record. */
  filters?: readonly FilterPattern[];
  /** Records per invocation at most (the mapping's BatchSize). */
  batchSize?: number;
  /** Where a shard open at start is read from; shards that appear later are read from their start. */
  startingPosition?: "LATEST" | "TRIM_HORIZON";
  /** Pause between polls of a shard with nothing new. */
  pollIntervalMs?: number;
  /** First pause before a failed batch is retried; it doubles up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** How often new shards are looked for. */
  discoverIntervalMs?: number;
  region?: string;
  log?: (line: string) => void;
};

export type StreamPollerStats = {
  invocations: number;
  failedInvocations: number;
  /** Records handed to the handler, retries included. */
  deliveredRecords: number;
  /** Records the filters kept from the handler. */
  filteredRecords: number;
  shards: number;
};

export type StreamPoller = {
  /**
   * Resolves once every record written before the call has been handled (accepted or filtered out):
   * each shard was polled empty, with nothing pending, after this call.
   */
  caughtUp(timeoutMs?: number): Promise<void>;
  stats(): StreamPollerStats;
  stop(): Promise<void>;
};

/** `emptyPollAt`: when the latest poll that found nothing new started (everything before it was delivered). */
type ShardState = { shardId: string; parentShardId?: string; done: boolean; emptyPollAt: number };

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const filters = options.filters ?? [];
  for (const pattern of filters) checkPattern(pattern);
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  const discoverIntervalMs = options.discoverIntervalMs ?? 5_000;
  const region = options.region ?? "us-east-1";
  const log = options.log ?? (() => {});
  const { client, streamArn } = options;

  const stats: StreamPollerStats = { invocations: 0, failedInvocations: 0, deliveredRecords: 0, filteredRecords: 0, shards: 0 };
  const shards = new Map<string, ShardState>();
  const loops: Promise<void>[] = [];
  let stopped = false;
  const wakers = new Set<() => void>();
  /** A pause that ends early when the poller stops. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  async function listShards(): Promise<Shard[]> {
    const found: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }));
      found.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return found;
  }

  async function iteratorAt(shardId: string, position: "LATEST" | "TRIM_HORIZON" | { after: string }): Promise<string | undefined> {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand(
        typeof position === "string"
          ? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: position }
          : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: position.after },
      ),
    );
    return ShardIterator;
  }

  /** Hands `records` (in shard order) to the handler until every one is accepted or filtered out. */
  async function deliver(records: SdkStreamRecord[], shardId: string): Promise<void> {
    let pending = records.map((record) => toLambdaRecord(record, streamArn, region));
    let attempt = 0;
    while (pending.length > 0 && !stopped) {
      const batch = pending.filter((record) => matchesAny(filters, record));
      stats.filteredRecords += attempt === 0 ? pending.length - batch.length : 0;
      if (batch.length === 0) return;
      stats.invocations++;
      stats.deliveredRecords += batch.length;
      let retryFrom: bigint | null = null;
      try {
        const result = await options.handler({ Records: batch });
        const failures = result?.batchItemFailures ?? [];
        if (failures.length === 0) return;
        const sequences = new Set(batch.map((record) => record.dynamodb?.SequenceNumber));
        const named = failures.map((failure) => failure.itemIdentifier);
        // Lambda retries from the lowest failed record; a failure it cannot place fails the whole batch.
        retryFrom = named.every((id): id is string => typeof id === "string" && sequences.has(id))
          ? named.map((id) => BigInt(id)).reduce((low, id) => (id < low ? id : low))
          : BigInt(batch[0]!.dynamodb?.SequenceNumber ?? "0");
        log(`stream: ${failures.length} of ${batch.length} records failed in shard ${shardId}; retrying from ${retryFrom}`);
      } catch (error) {
        retryFrom = BigInt(batch[0]!.dynamodb?.SequenceNumber ?? "0");
        log(`stream: the handler failed on ${batch.length} records of shard ${shardId}, retrying: ${error instanceof Error ? error.message : String(error)}`);
      }
      stats.failedInvocations++;
      const from = retryFrom;
      pending = pending.filter((record) => BigInt(record.dynamodb?.SequenceNumber ?? "0") >= from);
      attempt++;
      await pause(Math.min(maxRetryDelayMs, retryDelayMs * 2 ** (attempt - 1)));
    }
  }

  async function readShard(state: ShardState, position: "LATEST" | "TRIM_HORIZON", firstIterator?: string): Promise<void> {
    // A child shard continues its parent: read it once the parent is done.
    while (!stopped && state.parentShardId && shards.get(state.parentShardId)?.done === false) await pause(pollIntervalMs);
    let iterator = firstIterator;
    let checkpoint: string | undefined;
    while (!stopped) {
      try {
        iterator ??= await iteratorAt(state.shardId, checkpoint ? { after: checkpoint } : position);
        if (!iterator) break;
        const pollStarted = Date.now();
        const { Records = [], NextShardIterator } = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
        iterator = NextShardIterator;
        if (Records.length > 0) {
          await deliver(Records, state.shardId);
          if (stopped) break;
          checkpoint = Records.at(-1)!.dynamodb?.SequenceNumber ?? checkpoint;
        }
        // The shard was closed and fully read.
        if (!iterator) break;
        if (Records.length === 0) {
          state.emptyPollAt = pollStarted;
          await pause(pollIntervalMs);
        }
      } catch (error) {
        if (stopped) break;
        if (error instanceof ExpiredIteratorException) {
          iterator = undefined;
          continue;
        }
        if (error instanceof TrimmedDataAccessException) {
          log(`stream: records of shard ${state.shardId} expired before they were read`);
          iterator = undefined;
          checkpoint = undefined;
          position = "TRIM_HORIZON";
          continue;
        }
        log(`stream: reading shard ${state.shardId} failed, trying again: ${error instanceof Error ? error.message : String(error)}`);
        await pause(maxRetryDelayMs);
      }
    }
    state.done = true;
  }

  async function discover(position: "LATEST" | "TRIM_HORIZON"): Promise<void> {
    for (const shard of await listShards()) {
      if (!shard.ShardId || shards.has(shard.ShardId)) continue;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      const state: ShardState = { shardId: shard.ShardId, parentShardId: shard.ParentShardId, done: false, emptyPollAt: 0 };
      shards.set(shard.ShardId, state);
      stats.shards++;
      // At a LATEST start, closed shards hold only the past: nothing to read.
      if (closed && position === "LATEST") {
        state.done = true;
        continue;
      }
      // LATEST means "from now": take the iterator before returning, so a write right after start is seen.
      const firstIterator = position === "LATEST" ? await iteratorAt(shard.ShardId, "LATEST") : undefined;
      loops.push(readShard(state, position, firstIterator));
    }
  }

  await discover(options.startingPosition ?? "LATEST");
  const discovery = (async () => {
    while (!stopped) {
      await pause(discoverIntervalMs);
      if (stopped) break;
      try {
        await discover("TRIM_HORIZON");
      } catch (error) {
        log(`stream: DescribeStream failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();

  return {
    async caughtUp(timeoutMs = 10_000) {
      const since = Date.now();
      while (![...shards.values()].every((state) => state.done || state.emptyPollAt > since)) {
        if (Date.now() - since > timeoutMs) throw new Error(`The stream poller did not catch up within ${timeoutMs} ms.`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stats: () => ({ ...stats }),
    async stop() {
      stopped = true;
      for (const wake of [...wakers]) wake();
      await Promise.allSettled([discovery, ...loops]);
    },
  };
}
