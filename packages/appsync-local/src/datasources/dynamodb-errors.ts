// How the DynamoDB data source reports failures, worded as AppSync words them.
import { DynamoDBServiceException } from "@aws-sdk/client-dynamodb";

export type DataSourceError = { message: string; type: string };

/** A request object AppSync would refuse before calling DynamoDB (errorType "MappingTemplate"). */
export class MappingTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingTemplateError";
  }
}

/**
 * A nextToken that this data source did not issue for this query: altered, sealed with another key,
 * or issued for another table, index, scan segment or resolver. AppSync answers every such case with
 * this type and message (reported from real AppSync in aws-amplify/amplify-cli#3411 and #3493).
 */
export class InvalidNextTokenError extends Error {
  readonly type = "DynamoDB:UserIllegalArgumentException";
  constructor() {
    super("com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.");
    this.name = "InvalidNextTokenError";
  }
}

export function describeJsonType(value: unknown): string {
  if (value === null) return "NULL";
  if (Array.isArray(value)) return "ARRAY";
  if (typeof value === "object") return "OBJECT";
  return typeof value === "number" ? "NUMBER" : typeof value === "boolean" ? "BOOLEAN" : "STRING";
}

type ServiceErrorShape = { name: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string } };

function isServiceError(error: unknown): error is ServiceErrorShape {
  return error instanceof DynamoDBServiceException || (error instanceof Error && "$metadata" in error && "$fault" in error);
}

/**
 * AppSync calls DynamoDB with the AWS SDK for Java v2 and reports its exception as
 * `DynamoDB:<exception class>`. Errors the DynamoDB API models (ConditionalCheckFailedException,
 * TransactionCanceledException, ProvisionedThroughputExceededException ...) keep their name; the
 * others, ValidationException first, surface as the SDK's generic `DynamoDbException`, with the
 * SDK's message suffix, e.g. "One or more parameter values were invalid: ... (Service: DynamoDb,
 * Status Code: 400, Request ID: ...)" (aws/aws-appsync-community#220). A failure to reach DynamoDB
 * at all is the SDK's client-side `SdkClientException`. Anything else is a bug here: undefined.
 */
export function describeDynamoDBError(error: unknown): DataSourceError | undefined {
  if (isServiceError(error)) {
    const modelled = !(error instanceof DynamoDBServiceException) || Object.getPrototypeOf(error) !== DynamoDBServiceException.prototype;
    const status = error.$metadata?.httpStatusCode ?? 400;
    const requestId = error.$metadata?.requestId ?? "unknown";
    return {
      type: `DynamoDB:${modelled ? error.name : "DynamoDbException"}`,
      message: `${error.message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`,
    };
  }
  if (error instanceof Error && isNetworkError(error)) {
    return { type: "DynamoDB:SdkClientException", message: `Unable to execute HTTP request: ${error.message}` };
  }
  return undefined;
}

function isNetworkError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === "string" && (code.startsWith("ECONN") || code === "EPIPE" || code === "ETIMEDOUT" || code === "EHOSTUNREACH")) ||
    error.name === "TimeoutError" ||
    error.name === "AbortError"
  );
}
