// Assertions on what operators get from the deployed app (infra/monitoring.ts, infra/firewall.ts): Powertools
// in every Lambda, logs with a retention, an alarm on every Lambda's errors and on every failure queue, and
// the WAF web ACL on the API. Run from describeInfrastructure, on the same resource graph.
import { describe, expect, it } from "vitest";
import type { ResolverManifest } from "@marquee/appsync-contract";
import { powertoolsEnvironment } from "@marquee/functions/lambda/powertools-environment";
import { firewallLimits } from "../firewall-limits.ts";
import { resourcesOf, theResource, type ProgramRun } from "./sst-mocks.ts";

const T = {
  lambda: "aws:lambda/function:Function",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  queue: "aws:sqs/queue:Queue",
  role: "aws:iam/role:Role",
  api: "aws:appsync/graphQLApi:GraphQLApi",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  webAclAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
} as const;

/** Pulumi's wrapping of a secret input (a Lambda's environment holds linked secrets); the value inside is the same. */
const secretSignature = "4dabf18193072939515e22adb298388d";
function unsecret<T>(value: T): T {
  const wrapped = value as Record<string, unknown> | null | undefined;
  return wrapped && typeof wrapped === "object" && secretSignature in wrapped ? (wrapped.value as T) : value;
}

type Alarm = { namespace: string; metricName: string; dimensions: Record<string, string>; threshold: number; comparisonOperator: string; alarmActions: string[]; okActions: string[] };
type Rule = { name: string; priority: number; action?: Record<string, unknown>; overrideAction?: Record<string, unknown>; statement: Record<string, Record<string, unknown>> };

export function describeObservability({ stage, manifest, graph }: { stage: string; manifest: ResolverManifest; graph: () => ProgramRun }) {
  const lambdas = () => resourcesOf(graph(), T.lambda);
  const alarms = () =>
    resourcesOf(graph(), T.alarm).map((r) => {
      const alarm = r.inputs as unknown as Alarm;
      return { ...alarm, dimensions: unsecret(alarm.dimensions) };
    });
  const topicArn = () => theResource(graph(), T.topic, "Alarms").state.arn;
  const lambdaDataSources = Object.values(manifest.dataSources).filter((source) => source.type === "lambda").length;
  /** The table stream's subscribers (infra/history.ts, infra/recommendations.ts). */
  const streamSubscribers = 2;

  describe(`Powertools in every Lambda (stage ${stage})`, () => {
    it("one Lambda per Lambda data source and stream subscriber, each configured for Powertools", () => {
      expect(lambdas()).toHaveLength(lambdaDataSources + streamSubscribers);
      for (const lambda of lambdas()) {
        const variables = unsecret((lambda.inputs.environment as { variables: Record<string, string> }).variables);
        expect(variables, lambda.name).toMatchObject(powertoolsEnvironment({ metrics: true }));
        expect(variables.POWERTOOLS_METRICS_DISABLED, lambda.name).toBeUndefined();
      }
    });

    it("bundles Powertools' logger, metrics and tracer into every Marquee handler", () => {
      expect(graph().builds).toHaveLength(lambdaDataSources + streamSubscribers);
      // The fixture manifest's handlers (infra/test/fixtures) are not Marquee's: they only stand for shapes.
      const handlers = graph().builds.filter((build) => build.handler.startsWith("packages/functions/src/lambda/"));
      expect(handlers.length).toBeGreaterThanOrEqual(streamSubscribers);
      for (const build of handlers)
        for (const name of ["logger", "metrics", "tracer"])
          expect(build.inputs.some((input) => input.includes(`node_modules/@aws-lambda-powertools/${name}/`)), `${build.handler}: ${name}`).toBe(true);
    });

    it("traces every Lambda with X-Ray, and lets it send the traces", () => {
      for (const lambda of lambdas()) {
        expect(lambda.inputs.tracingConfig, lambda.name).toEqual({ mode: "Active" });
        const role = resourcesOf(graph(), T.role).find((r) => r.state.arn === lambda.inputs.role);
        expect(role?.inputs.managedPolicyArns, lambda.name).toContain("arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess");
      }
    });

    it("logs every Lambda as JSON to a log group of its own, kept for 30 days", () => {
      for (const lambda of lambdas()) {
        const loggingConfig = lambda.inputs.loggingConfig as { logFormat: string; logGroup: string };
        expect(loggingConfig.logFormat, lambda.name).toBe("JSON");
        const group = resourcesOf(graph(), T.logGroup).find((r) => r.inputs.name === loggingConfig.logGroup);
        expect(group?.inputs.name, lambda.name).toMatch(/^\/aws\/lambda\//);
        expect(group?.inputs.retentionInDays, lambda.name).toBe(30);
      }
    });
  });

  describe(`AppSync logs (stage ${stage})`, () => {
    it("go to the API's own log group, kept for 30 days", () => {
      const api = theResource(graph(), T.api, "ApiApi");
      const group = resourcesOf(graph(), T.logGroup).find((r) => r.inputs.name === `/aws/appsync/apis/${api.id}`);
      expect(group?.inputs.retentionInDays).toBe(30);
      expect((api.inputs.logConfig as { fieldLogLevel: string }).fieldLogLevel).toBe("ERROR");
    });
  });

  describe(`alarms (stage ${stage})`, () => {
    const firesOnAnyToTheTopic = () => expect.objectContaining({ threshold: 0, comparisonOperator: "GreaterThanThreshold", alarmActions: [topicArn()], okActions: [topicArn()] });

    it("one on each Lambda's errors, to the alarm topic", () => {
      for (const lambda of lambdas()) {
        const onErrors = alarms().filter((alarm) => alarm.namespace === "AWS/Lambda" && alarm.metricName === "Errors" && alarm.dimensions.FunctionName === lambda.state.name);
        expect(onErrors, lambda.name).toEqual([firesOnAnyToTheTopic()]);
      }
    });

    it("one on each failure queue holding a message, to the alarm topic", () => {
      const queues = resourcesOf(graph(), T.queue);
      expect(queues.map((queue) => queue.name).sort()).toEqual(["InteractionStreamFailuresQueue", "TitleSummaryStreamFailuresQueue"]);
      for (const queue of queues) {
        expect(queue.inputs.name, queue.name).toEqual(expect.any(String));
        const onMessages = alarms().filter(
          (alarm) => alarm.namespace === "AWS/SQS" && alarm.metricName === "ApproximateNumberOfMessagesVisible" && alarm.dimensions.QueueName === queue.inputs.name,
        );
        expect(onMessages, queue.name).toEqual([firesOnAnyToTheTopic()]);
      }
    });

    it("nothing else", () => {
      expect(alarms()).toHaveLength(lambdas().length + resourcesOf(graph(), T.queue).length);
    });
  });

  describe(`the API's firewall (stage ${stage})`, () => {
    const webAcl = () => theResource(graph(), T.webAcl, "ApiFirewall");
    const rules = () => webAcl().inputs.rules as Rule[];
    const rule = (name: string) => {
      const found = rules().find((r) => r.name === name);
      if (!found) throw new Error(`no WAF rule "${name}" (rules: ${rules().map((r) => r.name).join(", ")})`);
      return found;
    };

    it("is a regional web ACL associated with the AppSync API", () => {
      expect(webAcl().inputs).toMatchObject({ scope: "REGIONAL", defaultAction: { allow: {} } });
      const association = theResource(graph(), T.webAclAssociation, "ApiFirewallAssociation").inputs;
      expect(association.resourceArn).toBe(theResource(graph(), T.api, "ApiApi").state.arn);
      expect(association.webAclArn).toBe(webAcl().state.arn);
    });

    it("blocks an IP address over its request rate", () => {
      expect(rule("RatePerIp")).toMatchObject({
        action: { block: {} },
        statement: { rateBasedStatement: { aggregateKeyType: "IP", limit: firewallLimits.requestsPerIpPer5Minutes, evaluationWindowSec: 300 } },
      });
    });

    it("blocks a body over the size limit, and one too large to inspect", () => {
      expect(rule("BodySize")).toMatchObject({
        action: { block: {} },
        statement: { sizeConstraintStatement: { fieldToMatch: { body: { oversizeHandling: "MATCH" } }, comparisonOperator: "GT", size: firewallLimits.maxBodyBytes } },
      });
    });

    it("applies AWS's managed common rule set as it is", () => {
      expect(rule("AWSManagedRulesCommonRuleSet")).toMatchObject({
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
      });
    });

    it("evaluates each rule at its own priority, with metrics", () => {
      expect(new Set(rules().map((r) => r.priority)).size).toBe(rules().length);
      for (const r of rules() as Array<Rule & { visibilityConfig: { cloudwatchMetricsEnabled: boolean } }>) expect(r.visibilityConfig.cloudwatchMetricsEnabled, r.name).toBe(true);
    });
  });
}

