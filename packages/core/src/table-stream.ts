// The table's stream as a Lambda subscribed to it receives it (the event of a DynamoDB event-source
// mapping): one description for every subscriber (history/stream.ts, recommendation/stream.ts). Dependency-free.

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
