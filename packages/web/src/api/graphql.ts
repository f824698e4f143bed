// Typed GraphQL documents: gql.tada checks every document against schema.graphql (with AppSync's
// prelude) through the generated ./graphql-env.d.ts (`npm run generate -w packages/web`).
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.d.ts";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  // AppSync's scalars travel as JSON strings and numbers.
  scalars: {
    AWSDateTime: string;
    AWSDate: string;
    AWSTime: string;
    AWSTimestamp: number;
    AWSEmail: string;
    AWSJSON: string;
    AWSURL: string;
    AWSPhone: string;
    AWSIPAddress: string;
  };
  disableMasking: true;
}>();

export type { ResultOf, VariablesOf } from "gql.tada";
