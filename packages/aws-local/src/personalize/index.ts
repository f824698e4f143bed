// A local Amazon Personalize (Runtime + Events) with a real recommender: start at service.ts (what each ARN
// serves), then server.ts (the HTTP surface the SDK clients talk to), then model/train.ts (EASE).
export { createLocalPersonalize, LocalPersonalize } from "./service.ts";
export type { CampaignRecipe, LocalPersonalizeConfig, ModelStatus, RecommenderUseCase } from "./service.ts";
export { createPersonalizeServer, startLocalPersonalize } from "./server.ts";
export type { RunningLocalPersonalize, StartLocalPersonalizeOptions } from "./server.ts";
export { startLocalPersonalizeThread } from "./thread.ts";
export type { LocalPersonalizeThread, LocalPersonalizeThreadOptions } from "./thread.ts";
export {
  DatasetImportError,
  exportInteractionsCsv,
  exportItemsCsv,
  importInteractionsCsv,
  importItemsCsv,
  interactionFields,
  parseInteractionsCsv,
  parseItemsCsv,
} from "./data/datasets.ts";
export type { Interaction, ItemRecord, MetadataValue } from "./data/datasets.ts";
export { PersonalizeError } from "./errors.ts";
export type { PersonalizeErrorType } from "./errors.ts";
export { parseFilterExpression } from "./filters/parser.ts";
export type { FilterExpression, ParsedFilter } from "./filters/parser.ts";
export { defaultModelOptions, trainModel } from "./model/train.ts";
export type { ItemSimilarityKind, ModelOptions, TrainedModel, TrainingData } from "./model/train.ts";
export type {
  GetPersonalizedRankingRequest,
  GetRecommendationsRequest,
  PersonalizedRankingResponse,
  PredictedItem,
  PutEventsRequest,
  RecommendationsResponse,
} from "./requests.ts";
