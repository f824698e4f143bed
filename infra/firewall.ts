// AWS WAF in front of the API, for what AppSync's own limits (packages/functions/src/api-limits.ts) cannot
// see: one address flooding the API, oversized bodies, and the common exploits AWS's managed rules know.
// Requests it blocks never reach a resolver. CloudWatch metrics per rule, sampled requests kept.
import { api } from "./api.ts";
import { firewallLimits } from "./firewall-limits.ts";

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

export const webAcl = new aws.wafv2.WebAcl("ApiFirewall", {
  scope: "REGIONAL",
  description: "Marquee's GraphQL API: a rate per IP, a body size, AWS's common rules.",
  defaultAction: { allow: {} },
  visibilityConfig: visibility("ApiFirewall"),
  rules: [
    {
      name: "RatePerIp",
      priority: 0,
      action: { block: {} },
      statement: { rateBasedStatement: { aggregateKeyType: "IP", limit: firewallLimits.requestsPerIpPer5Minutes, evaluationWindowSec: 300 } },
      visibilityConfig: visibility("RatePerIp"),
    },
    {
      name: "BodySize",
      priority: 1,
      action: { block: {} },
      statement: {
        sizeConstraintStatement: {
          fieldToMatch: { body: { oversizeHandling: "MATCH" } },
          comparisonOperator: "GT",
          size: firewallLimits.maxBodyBytes,
          textTransformations: [{ priority: 0, type: "NONE" }],
        },
      },
      visibilityConfig: visibility("BodySize"),
    },
    {
      name: "AWSManagedRulesCommonRuleSet",
      priority: 2,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
      visibilityConfig: visibility("AWSManagedRulesCommonRuleSet"),
    },
  ],
});

export const webAclAssociation = new aws.wafv2.WebAclAssociation("ApiFirewallAssociation", {
  resourceArn: api.nodes.api.arn,
  webAclArn: webAcl.arn,
});
