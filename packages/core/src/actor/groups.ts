/** The Cognito group whose members may change the catalog (schema: `cognito_groups: ["content-team"]`). */
export const contentTeamGroup = "content-team";
