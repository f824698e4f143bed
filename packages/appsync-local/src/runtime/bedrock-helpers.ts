// `@aws-appsync/utils/ai`: request builders for a Bedrock data source. No Bedrock runs offline (the
// loader in ../code.ts does not offer this module yet); building the request is plain data work.
export type AIModule = typeof import("@aws-appsync/utils/ai");

export const aiModule: AIModule = {
  invokeModel: (payload) => ({ operation: "InvokeModel", ...payload }),
  converse: (payload) => ({ operation: "Converse", ...payload }),
};
