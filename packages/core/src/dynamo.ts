// The table and its client. Where the code runs is decided only by the environment: on AWS the
// table name comes from SST's link, offline from SST_RESOURCE_Table and AWS_ENDPOINT_URL_DYNAMODB.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { sdkLogger } from "./util/sdk-logger.ts";

export const dynamoClient = DynamoDBDocumentClient.from(new DynamoDBClient({ logger: sdkLogger }), {
  marshallOptions: { removeUndefinedValues: true },
});

/** Read at call time (not import time): locally the stack sets it before the first request. */
export function tableName(): string {
  return (Resource as unknown as { Table: { name: string } }).Table.name;
}
