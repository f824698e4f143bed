// The AWS SDK's logger middleware builds a redacted copy of every command's input and output (walking
// every attribute of every item: about a fifth of a DynamoDB Query's CPU in Node) whenever the client's
// logger has an `info` method, including the default no-op logger. A logger without `info` skips that
// work; warnings and errors still go to the console.
import type { DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";

export const sdkLogger = {
  debug: () => undefined,
  warn: (...content: unknown[]) => console.warn(...content),
  error: (...content: unknown[]) => console.error(...content),
} as unknown as NonNullable<DynamoDBClientConfig["logger"]>;
