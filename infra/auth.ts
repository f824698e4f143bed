// Sign-in: a Cognito user pool (email as the username), the web app's client, and the groups
// that the schema's @aws_cognito_user_pools(cognito_groups: [...]) directives name.
import { contentTeamGroup } from "@marquee/core/appsync";

export const userPool = new sst.aws.CognitoUserPool("UserPool", {
  usernames: ["email"],
});

/**
 * The SPA signs in with USER_PASSWORD_AUTH (or SRP) and refreshes tokens itself. A browser cannot
 * keep a secret, so none is generated; there is no hosted UI, so the OAuth flows SST enables by
 * default (implicit + code, with a placeholder callback URL) are switched off.
 */
export const webClient = userPool.addClient("WebClient", {
  transform: {
    client: (args) => {
      args.generateSecret = false;
      args.explicitAuthFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
      args.preventUserExistenceErrors = "ENABLED";
      args.allowedOauthFlowsUserPoolClient = false;
      args.allowedOauthFlows = undefined;
      args.allowedOauthScopes = undefined;
      args.callbackUrls = undefined;
      args.supportedIdentityProviders = ["COGNITO"];
    },
  },
});

export const contentTeam = new aws.cognito.UserGroup("ContentTeamGroup", {
  userPoolId: userPool.id,
  name: contentTeamGroup,
  description: "May create and update catalog titles.",
});
