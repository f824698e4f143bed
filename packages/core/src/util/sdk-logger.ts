// The AWS SDK's logger middleware builds a redacted copy of every command's input and output (walking
// every attribute of every item: about a fifth of a DynamoDB Query's CPU in Node) whenever the client's
// logger has an `info` method, including the default no-op logger. A logger without `info` skips that
// work. A failed command is thrown to its caller, which knows whether it was expected (a table not made
// yet, a condition or a transaction conflict) and logs what was not: the SDK's own 40-line dump of every
// failure stays out of the logs, as with its default logger. Warnings still go to the console.
import type { DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";

export const sdkLogger = {
  debug: () => undefined,
  warn: (...content: unknown[]) => console.warn(...content),
  error: () => undefined,
} as unknown as NonNullable<DynamoDBClientConfig["logger"]>;
