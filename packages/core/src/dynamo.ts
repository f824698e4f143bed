// The table and its client. Where the code runs is decided only by the environment: on AWS the
// table name comes from SST's link, offline from SST_RESOURCE_Table and AWS_ENDPOINT_URL_DYNAMODB.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { sdkClient } from "./util/sdk-clients.ts";
import { sdkLogger } from "./util/sdk-logger.ts";

/** What ElectroDB and core's own table reads and writes use of a document client. */
export type TableClient = Pick<DynamoDBDocumentClient, "send">;

let documentClient: DynamoDBDocumentClient | undefined;

function documentClientOnFirstUse(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(sdkClient(new DynamoDBClient({ logger: sdkLogger })), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

/**
 * The SDK client is built on the first request, not when a module declaring entities is imported:
 * a Lambda's cold start then loads the SDK's code without also running its client's setup.
 */
export const dynamoClient: TableClient = {
  send: ((...args: Parameters<DynamoDBDocumentClient["send"]>) => documentClientOnFirstUse().send(...args)) as DynamoDBDocumentClient["send"],
};

/** Read at call time (not import time): locally the stack sets it before the first request. */
export function tableName(): string {
  return (Resource as unknown as { Table: { name: string } }).Table.name;
}
