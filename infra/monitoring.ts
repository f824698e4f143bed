// What operators see of the app on AWS. Every Lambda runs Powertools (JSON logs with the request's
// correlation id, embedded metrics, X-Ray traces) and keeps its logs for a month; an alarm on each
// Lambda's errors and on each failure queue goes to one SNS topic (subscribe a mailbox or a chat to it).
// Imported first by sst.config.ts: the function defaults below apply to every function declared after.
import { powertoolsEnvironment } from "@marquee/functions/lambda/powertools-environment";

const partition = aws.getPartitionOutput().partition;

/** Where every alarm goes, when it fires and when it clears. */
export const alarmTopic = new aws.sns.Topic("Alarms");

/** How long Lambda and AppSync logs are kept (AppSync's: infra/api.ts). */
export const logRetention = { lambda: "1 month", days: 30 } as const;

$transform(sst.aws.Function, (args) => {
  args.environment = $output(args.environment).apply((environment) => ({ ...powertoolsEnvironment({ metrics: true }), ...environment }));
  args.logging = { retention: logRetention.lambda, format: "json" };
  // The tracer's subsegments (packages/functions/src/lambda/observability.ts) need active tracing and the daemon's permission.
  args.policies = $resolve([args.policies, partition]).apply(([policies, partition]) => [...(policies ?? []), `arn:${partition}:iam::aws:policy/AWSXRayDaemonWriteAccess`]);
});
$transform(aws.lambda.Function, (args) => {
  args.tracingConfig = { mode: "Active" };
});

type Watched = Required<Pick<aws.cloudwatch.MetricAlarmArgs, "alarmDescription" | "namespace" | "metricName" | "dimensions" | "statistic">>;

/** Any value above 0 over five minutes fires, to the topic; no data (nothing ran) is fine. */
const firesOnAny = (watched: Watched): aws.cloudwatch.MetricAlarmArgs => ({
  ...watched,
  comparisonOperator: "GreaterThanThreshold",
  threshold: 0,
  evaluationPeriods: 1,
  period: 300,
  treatMissingData: "notBreaching",
  alarmActions: [alarmTopic.arn],
  okActions: [alarmTopic.arn],
});

/** An unexpected failure of the Lambda (a thrown error, a timeout); errors a client may see are answers, not failures. */
export function alarmOnLambdaErrors(name: string, fn: $util.Output<sst.aws.Function>) {
  return new aws.cloudwatch.MetricAlarm(
    `${name}ErrorsAlarm`,
    firesOnAny({
      alarmDescription: `The ${name} Lambda failed (its log group has the error, with the request's correlation id).`,
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: fn.apply((f) => f.name) },
      statistic: "Sum",
    }),
  );
}

/** A message in a failure queue is work that was given up on: someone has to look at it. */
export function alarmOnFailureQueue(name: string, queue: sst.aws.Queue) {
  return new aws.cloudwatch.MetricAlarm(
    `${name}Alarm`,
    firesOnAny({
      alarmDescription: `${name} holds records that could not be delivered within a day.`,
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: queue.nodes.queue.name },
      statistic: "Maximum",
    }),
  );
}
