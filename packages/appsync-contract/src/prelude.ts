// What AppSync declares before it reads a schema.graphql: the AWS scalars and the auth / subscription
// directives. A schema file never declares these itself, so every tool that reads schema.graphql (this
// runtime, the web client's gql.tada setup) prepends this string. Keep it a plain string export.

/** The AppSync prelude as SDL: AWS scalars and AppSync directives (`@deprecated` is built into GraphQL). */
export const appSyncPrelude = /* GraphQL */ `
"""An extended ISO 8601 date, YYYY-MM-DD, with an optional time zone offset (Z or +hh:mm)."""
scalar AWSDate

"""An extended ISO 8601 time, hh:mm[:ss[.sss]], with an optional time zone offset."""
scalar AWSTime

"""An extended ISO 8601 date and time, YYYY-MM-DDThh:mm[:ss[.sss]], with a compulsory offset (Z or +hh:mm)."""
scalar AWSDateTime

"""Whole seconds before or after 1970-01-01T00:00Z."""
scalar AWSTimestamp

"""An email address, local-part@domain-part (RFC 822)."""
scalar AWSEmail

"""A JSON document sent and received as a string; resolvers see it parsed."""
scalar AWSJSON

"""A URL with a scheme (RFC 1738), such as https://example.com/ or mailto:someone@example.com."""
scalar AWSURL

"""A phone number; numbers without a country code are read as North American (NANP) numbers."""
scalar AWSPhone

"""An IPv4 or IPv6 address, optionally with a CIDR prefix length."""
scalar AWSIPAddress

"""Allows Amazon Cognito user pool callers, optionally only members of the listed groups."""
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION

"""Allows callers signed with AWS IAM (SigV4)."""
directive @aws_iam on OBJECT | FIELD_DEFINITION

"""Allows callers with an OpenID Connect token."""
directive @aws_oidc on OBJECT | FIELD_DEFINITION

"""Allows callers with the API key."""
directive @aws_api_key on OBJECT | FIELD_DEFINITION

"""Allows callers accepted by the Lambda authorizer."""
directive @aws_lambda on OBJECT | FIELD_DEFINITION

"""Pushes the result of each listed mutation to this subscription field's subscribers."""
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION

"""Legacy form of @aws_cognito_user_pools for APIs whose default mode is Cognito user pools."""
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
`;

/** Names of the scalars the prelude declares, in declaration order. */
export const awsScalarNames = [
  "AWSDate",
  "AWSTime",
  "AWSDateTime",
  "AWSTimestamp",
  "AWSEmail",
  "AWSJSON",
  "AWSURL",
  "AWSPhone",
  "AWSIPAddress",
] as const;

export type AwsScalarName = (typeof awsScalarNames)[number];
