// The deployed event-source mapping of infra/recommendations.ts, offline: the table's stream read into
// the same interaction Lambda, with the same filters and batch size.
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { interactionStreamBatching, interactionStreamFilters } from "../../../core/src/recommendation/stream.ts";
import { handler as interactionStreamHandler } from "../../../functions/src/lambda/interactionStream.ts";
import { startStreamPoller, type StreamPoller } from "./poller.ts";

export async function startInteractionStream(options: {
  dynamoClient: DynamoDBClient;
  dynamodbEndpoint: string;
  tableName: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  log?: (line: string) => void;
}): Promise<StreamPoller> {
  const table = await options.dynamoClient.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream: interactions would never reach Personalize.`);
  return startStreamPoller({
    client: new DynamoDBStreamsClient({ endpoint: options.dynamodbEndpoint, region: options.region, credentials: options.credentials }),
    streamArn,
    handler: interactionStreamHandler,
    filters: interactionStreamFilters,
    batchSize: interactionStreamBatching.batchSize,
    startingPosition: "LATEST",
    region: options.region,
    log: options.log,
  });
}
