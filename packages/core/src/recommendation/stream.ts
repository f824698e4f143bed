// The table's stream as the interaction Lambda receives it (the event of a DynamoDB event-source
// mapping), and the filter that mapping applies. Dependency-free: infra/ declares the mapping with
// these filters and the offline stack's stream poller applies the same ones.

/** A DynamoDB attribute value as the stream carries it (only the kinds read here are typed). */
export type StreamAttribute = { S?: string; N?: string; BOOL?: boolean; NULL?: boolean; L?: StreamAttribute[]; M?: Record<string, StreamAttribute> };

export type StreamRecord = {
  eventID?: string;
  eventName?: "INSERT" | "MODIFY" | "REMOVE";
  eventSource?: string;
  eventSourceARN?: string;
  dynamodb?: {
    /** Epoch seconds. */
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, StreamAttribute>;
    NewImage?: Record<string, StreamAttribute>;
    OldImage?: Record<string, StreamAttribute>;
    SequenceNumber?: string;
    SizeBytes?: number;
    StreamViewType?: string;
  };
};

export type StreamEvent = { Records: StreamRecord[] };

/** With ReportBatchItemFailures, the mapping retries from the lowest sequence number listed here. */
export type StreamBatchResponse = { batchItemFailures: Array<{ itemIdentifier: string }> };

/**
 * Lambda event filters (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
 * only new interaction items (-> PutEvents) and new or changed titles (-> PutItems, so Personalize's
 * maturity filter knows them) reach the handler. TTL expiries (REMOVE) and every other item stay out.
 */
export const interactionStreamFilters = [
  { eventName: ["INSERT"], dynamodb: { NewImage: { __edb_e__: { S: ["interaction"] } } } },
  { eventName: ["INSERT", "MODIFY"], dynamodb: { NewImage: { __edb_e__: { S: ["title"] } } } },
];

/** How the mapping hands records over: batches of 100, at most a second's wait to fill one. */
export const interactionStreamBatching = { batchSize: 100, maximumBatchingWindowInSeconds: 1 } as const;
