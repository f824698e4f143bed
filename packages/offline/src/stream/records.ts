// A record of DynamoDB Streams' GetRecords, as the SDK returns it, turned into the record a Lambda
// receives from an event-source mapping: the same fields, with the creation time in epoch seconds,
// binary values in base64, and the stream's ARN and region added.
import type { AttributeValue, _Record as SdkStreamRecord } from "@aws-sdk/client-dynamodb-streams";

/** A DynamoDB attribute value in a Lambda event (JSON: binaries are base64 strings). */
export type LambdaAttributeValue = {
  S?: string;
  N?: string;
  B?: string;
  SS?: string[];
  NS?: string[];
  BS?: string[];
  M?: Record<string, LambdaAttributeValue>;
  L?: LambdaAttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
};

export type LambdaStreamRecord = {
  eventID?: string;
  eventName?: "INSERT" | "MODIFY" | "REMOVE";
  eventVersion?: string;
  eventSource?: string;
  awsRegion?: string;
  eventSourceARN: string;
  dynamodb?: {
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, LambdaAttributeValue>;
    NewImage?: Record<string, LambdaAttributeValue>;
    OldImage?: Record<string, LambdaAttributeValue>;
    SequenceNumber?: string;
    SizeBytes?: number;
    StreamViewType?: string;
  };
  userIdentity?: { type?: string; principalId?: string };
};

export type LambdaStreamEvent = { Records: LambdaStreamRecord[] };

function attribute(value: AttributeValue): LambdaAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString("base64") };
  if (value.BS !== undefined) return { BS: value.BS.map((item) => Buffer.from(item).toString("base64")) };
  if (value.M !== undefined) return { M: image(value.M)! };
  if (value.L !== undefined) return { L: value.L.map(attribute) };
  // S, N, SS, NS, NULL, BOOL are already JSON.
  return value as LambdaAttributeValue;
}

function image(values: Record<string, AttributeValue> | undefined): Record<string, LambdaAttributeValue> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, attribute(value)]));
}

export function toLambdaRecord(record: SdkStreamRecord, streamArn: string, region: string): LambdaStreamRecord {
  const change = record.dynamodb;
  const lambdaRecord: LambdaStreamRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? "1.1",
    eventSource: record.eventSource ?? "aws:dynamodb",
    // DynamoDB Local says "ddblocal"; Lambda gives the table's region.
    awsRegion: region,
    eventSourceARN: streamArn,
  };
  if (change) {
    lambdaRecord.dynamodb = {
      ApproximateCreationDateTime: change.ApproximateCreationDateTime ? Math.floor(change.ApproximateCreationDateTime.getTime() / 1000) : undefined,
      Keys: image(change.Keys),
      NewImage: image(change.NewImage),
      OldImage: image(change.OldImage),
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType,
    };
  }
  if (record.userIdentity) lambdaRecord.userIdentity = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  return JSON.parse(JSON.stringify(lambdaRecord)) as LambdaStreamRecord;
}
