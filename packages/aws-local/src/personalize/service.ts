// The local Personalize: recommenders and campaigns addressed by ARN over one dataset group (interactions,
// items, users), filters by ARN, an event tracker, and a model retrained in the background.
//
// What each ARN serves:
//   recommenders (VIDEO_ON_DEMAND use cases)   campaigns (custom recipes)     serves
//   top-picks                                  user-personalization           EASE scores of the user's history
//   because-you-watched, more-like-x           similar-items                  items related to itemId (rows of B)
//   -                                          personalized-ranking           GetPersonalizedRanking only
//   most-popular                               popularity-count               interaction counts
//   trending-now                               trending-now                   counts over a recent window
// Personalized and related lists leave out what the user already interacted with (as the VOD recommenders
// leave out watched videos), fall back to popular items for a user or item the model has not seen (cold
// start), and are topped up with popular items when filters leave fewer than numResults.
import { randomUUID } from "node:crypto";
import { importInteractionsCsv, importItemsCsv, type Interaction, type ItemRecord } from "./data/datasets.ts";
import { InteractionLog, MetadataTable, type UserHistory } from "./data/store.ts";
import { invalidInput, PersonalizeError, resourceNotFound } from "./errors.ts";
import { bindFilter, type ItemPredicate } from "./filters/evaluate.ts";
import { parseFilterExpression, type ParsedFilter } from "./filters/parser.ts";
import { BackgroundTrainer } from "./model/background-trainer.ts";
import { firstAccepted, topScored } from "./model/ranking.ts";
import { defaultScoreCacheUsers, ServingModel } from "./model/serving.ts";
import { defaultModelOptions, trainModel, type ModelOptions } from "./model/train.ts";
import {
  isPersonalizeArn,
  propertiesToFields,
  type GetPersonalizedRankingRequest,
  type GetRecommendationsRequest,
  type PersonalizedRankingResponse,
  type PredictedItem,
  type PutEventsRequest,
  type PutItemsRequest,
  type PutUsersRequest,
  type RecommendationsResponse,
} from "./requests.ts";

export type RecommenderUseCase = "top-picks" | "because-you-watched" | "more-like-x" | "trending-now" | "most-popular";
export type CampaignRecipe = "user-personalization" | "similar-items" | "personalized-ranking" | "popularity-count" | "trending-now";

type Strategy = "personalized" | "related" | "ranking" | "popular" | "trending";

const strategyOfUseCase: Record<RecommenderUseCase, Strategy> = {
  "top-picks": "personalized",
  "because-you-watched": "related",
  "more-like-x": "related",
  "trending-now": "trending",
  "most-popular": "popular",
};
const strategyOfRecipe: Record<CampaignRecipe, Strategy> = {
  "user-personalization": "personalized",
  "similar-items": "related",
  "personalized-ranking": "ranking",
  "popularity-count": "popular",
  "trending-now": "trending",
};

export type LocalPersonalizeConfig = {
  /** Recommender ARN -> VIDEO_ON_DEMAND use case. */
  recommenders?: Readonly<Record<string, RecommenderUseCase>>;
  /** Campaign ARN -> recipe. */
  campaigns?: Readonly<Record<string, CampaignRecipe>>;
  /** Filter ARN -> filter expression, parsed (and rejected when malformed) at creation, as CreateFilter does. */
  filters?: Readonly<Record<string, string>>;
  /** PutEvents tracking IDs (one per event tracker). Unset: any tracking ID is accepted. */
  trackingIds?: readonly string[];
  /** PutItems / PutUsers dataset ARNs. Unset: any dataset ARN is accepted. */
  itemsDatasetArn?: string;
  usersDatasetArn?: string;
  model?: Partial<ModelOptions>;
  /** Retrain in the background once this many new interactions have arrived through PutEvents. */
  retrainAfterEvents?: number;
  /** Users whose score vectors the serving model keeps up to date between requests (0 = score every request from scratch). */
  scoreCacheUsers?: number;
  log?: (line: string) => void;
};

export type ModelStatus = {
  version: number;
  trainedAt: string | null;
  trainingSeconds: number | null;
  interactions: number;
  modelItems: number;
  /** Interactions recorded since the data the serving model was trained on. */
  pendingEvents: number;
  training: boolean;
  lastError: string | null;
};

const defaultRetrainAfterEvents = 100;

export class LocalPersonalize {
  private readonly log = new InteractionLog();
  private readonly items = new MetadataTable();
  private readonly users = new MetadataTable();
  private readonly endpoints = new Map<string, { kind: "recommender" | "campaign"; strategy: Strategy }>();
  private readonly filters = new Map<string, ParsedFilter>();
  private readonly trackingIds: ReadonlySet<string> | null;
  private readonly modelOptions: ModelOptions;
  private readonly retrainAfterEvents: number;
  private readonly scoreCacheUsers: number;
  private readonly trainer = new BackgroundTrainer();
  private readonly write: (line: string) => void;
  private model: ServingModel;
  private pendingEvents = 0;
  private queuedRuns = 0;
  private runs: Promise<unknown> = Promise.resolve();
  private lastError: string | null = null;

  constructor(private readonly config: LocalPersonalizeConfig = {}) {
    const configured = [config.recommenders, config.campaigns, config.filters].flatMap((arns) => Object.keys(arns ?? {}));
    for (const arn of [...configured, config.itemsDatasetArn, config.usersDatasetArn]) {
      if (arn !== undefined && !isPersonalizeArn(arn)) throw invalidInput(`"${arn}" is not a Personalize ARN (arn:aws:personalize:<region>:<account>:<resource>).`);
    }
    for (const [arn, useCase] of Object.entries(config.recommenders ?? {})) {
      const strategy = strategyOfUseCase[useCase];
      if (!strategy) throw invalidInput(`Recommender ${arn}: unknown use case "${useCase}" (${Object.keys(strategyOfUseCase).join(", ")}).`);
      this.endpoints.set(arn, { kind: "recommender", strategy });
    }
    for (const [arn, recipe] of Object.entries(config.campaigns ?? {})) {
      const strategy = strategyOfRecipe[recipe];
      if (!strategy) throw invalidInput(`Campaign ${arn}: unknown recipe "${recipe}" (${Object.keys(strategyOfRecipe).join(", ")}).`);
      this.endpoints.set(arn, { kind: "campaign", strategy });
    }
    for (const [arn, expression] of Object.entries(config.filters ?? {})) {
      try {
        this.filters.set(arn, parseFilterExpression(expression));
      } catch (error) {
        if (error instanceof PersonalizeError) throw new PersonalizeError(error.type, `Filter ${arn}: ${error.message}`);
        throw error;
      }
    }
    this.trackingIds = config.trackingIds ? new Set(config.trackingIds) : null;
    this.modelOptions = { ...defaultModelOptions, ...config.model };
    this.retrainAfterEvents = config.retrainAfterEvents ?? defaultRetrainAfterEvents;
    this.scoreCacheUsers = config.scoreCacheUsers ?? defaultScoreCacheUsers;
    this.write = config.log ?? (() => {});
    this.model = new ServingModel(trainModel(this.log.snapshot(), this.modelOptions), 0, new Date(0), this.scoreCacheUsers);
  }

  // ---- data --------------------------------------------------------------------------------------------

  /** A bulk import (a dataset import job). Call retrain() afterwards, as a new solution version would be trained. */
  importInteractions(interactions: Iterable<Interaction>): number {
    let count = 0;
    for (const interaction of interactions) if (this.log.add(interaction)) count++;
    return count;
  }

  async importInteractionsCsv(path: string): Promise<number> {
    return this.importInteractions(await importInteractionsCsv(path));
  }

  importItems(records: Iterable<ItemRecord>): number {
    let count = 0;
    for (const record of records) {
      this.items.put(record.itemId, record.fields);
      count++;
    }
    return count;
  }

  async importItemsCsv(path: string): Promise<number> {
    return this.importItems(await importItemsCsv(path));
  }

  // ---- training ----------------------------------------------------------------------------------------

  /**
   * Trains on everything recorded so far (after any run already under way) and serves the result.
   * `overrides` change the hyperparameters of this run only (like a solution version trained with others).
   */
  retrain(overrides: Partial<ModelOptions> = {}): Promise<ModelStatus> {
    this.queuedRuns++;
    const run = this.runs.then(() => this.trainOnce({ ...this.modelOptions, ...overrides }));
    this.runs = run.catch(() => undefined);
    return run.then(() => this.status());
  }

  /** Resolves once no training run is queued or under way. */
  async whenIdle(): Promise<void> {
    while (this.queuedRuns > 0) await this.runs;
  }

  status(): ModelStatus {
    const trained = this.model.version > 0;
    return {
      version: this.model.version,
      trainedAt: trained ? this.model.trainedAt.toISOString() : null,
      trainingSeconds: trained ? this.model.trained.stats.seconds : null,
      interactions: this.log.count,
      modelItems: this.model.size,
      pendingEvents: this.pendingEvents,
      training: this.queuedRuns > 0,
      lastError: this.lastError,
    };
  }

  private async trainOnce(options: ModelOptions): Promise<void> {
    const snapshot = this.log.snapshot();
    const arrivedBefore = this.pendingEvents;
    this.pendingEvents = 0;
    try {
      const trained = await this.trainer.train(snapshot, options);
      // The swap: requests read this.model once each, so they see the old model or the new one, never a mix.
      this.model = new ServingModel(trained, this.model.version + 1, new Date(), this.scoreCacheUsers);
      this.lastError = null;
      const { stats } = trained;
      this.write(`personalize: model v${this.model.version} trained on ${stats.interactions} interactions (${stats.modelItems} items) in ${stats.seconds.toFixed(1)} s`);
    } catch (error) {
      // Keep serving the previous model; the events wait for the next run.
      this.pendingEvents += arrivedBefore;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.write(`personalize: training failed, still serving model v${this.model.version}: ${this.lastError}`);
      throw error;
    } finally {
      this.queuedRuns--;
    }
    this.retrainWhenDue();
  }

  private retrainWhenDue(): void {
    if (this.queuedRuns > 0 || this.pendingEvents < this.retrainAfterEvents) return;
    this.retrain().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.trainer.close();
  }

  // ---- Personalize Runtime -----------------------------------------------------------------------------

  getRecommendations(request: GetRecommendationsRequest): RecommendationsResponse {
    const { strategy } = this.endpointOf(request);
    const model = this.model;
    const k = request.numResults;
    const history = request.userId === undefined ? undefined : this.log.historyOf(request.userId);
    const accept = this.filterOf(request, history);
    let chosen: PredictedItem[];
    switch (strategy) {
      case "personalized": {
        if (request.userId === undefined) throw invalidInput("userId is required for this recommender or campaign (USER_PERSONALIZATION).");
        const scores = history ? model.scoresForUser(request.userId, history) : null;
        const admit = (item: number) => !history?.has(item) && accept(item);
        chosen = scores ? this.ranked(model, scores, k, admit) : [];
        chosen = this.toppedUp(model, chosen, k, admit);
        break;
      }
      case "related": {
        if (request.itemId === undefined) throw invalidInput("itemId is required for this recommender or campaign (RELATED_ITEMS).");
        const seed = this.log.items.indexOf(request.itemId);
        const scores = seed === undefined ? null : model.relatedScores(seed);
        const admit = (item: number) => item !== seed && !history?.has(item) && accept(item);
        chosen = scores ? this.ranked(model, scores, k, admit) : [];
        chosen = this.toppedUp(model, chosen, k, admit);
        break;
      }
      case "popular":
      case "trending": {
        const { order, counts } = strategy === "popular" ? model.trained.popular : model.trained.trending;
        chosen = firstAccepted(order, k, accept).map((item) => ({ itemId: this.log.items.idAt(item), score: round(ServingModel.scaled(counts, order, item)) }));
        if (strategy === "trending") chosen = this.toppedUp(model, chosen, k, accept);
        break;
      }
      case "ranking":
        throw invalidInput("This campaign ranks items: call GetPersonalizedRanking, not GetRecommendations.");
    }
    return { itemList: chosen, recommendationId: recommendationId() };
  }

  getPersonalizedRanking(request: GetPersonalizedRankingRequest): PersonalizedRankingResponse {
    const { strategy } = this.endpointOf({ campaignArn: request.campaignArn });
    if (strategy !== "ranking") throw invalidInput("GetPersonalizedRanking needs a campaign whose solution uses the personalized-ranking recipe.");
    const model = this.model;
    const history = this.log.historyOf(request.userId);
    const accept = this.filterOf(request, history);
    const scores = history ? model.scoresForUser(request.userId, history) : null;
    const { counts, order } = model.trained.popular;
    // Items the model knows, by score (popularity for a cold user); then unknown items, in input order.
    const known: PredictedItem[] = [];
    const unknown: PredictedItem[] = [];
    for (const itemId of new Set(request.inputList)) {
      const item = this.log.items.indexOf(itemId);
      if (item !== undefined && !accept(item)) continue;
      const column = item === undefined ? -1 : model.columnOf(item);
      if (scores && column >= 0) known.push({ itemId, score: round(scores[column]!) });
      else if (!scores && item !== undefined && counts[item]! > 0) known.push({ itemId, score: round(ServingModel.scaled(counts, order, item)) });
      else unknown.push({ itemId, score: 0 });
    }
    known.sort((a, b) => b.score - a.score);
    return { personalizedRanking: [...known, ...unknown], recommendationId: recommendationId() };
  }

  // ---- Personalize Events ------------------------------------------------------------------------------

  putEvents(request: PutEventsRequest): void {
    if (this.trackingIds && !this.trackingIds.has(request.trackingId)) {
      throw resourceNotFound(`No event tracker has the tracking ID ${request.trackingId}.`);
    }
    // Events without a userId belong to the session (Personalize links them to the user once one is sent).
    const userId = request.userId ?? request.sessionId;
    let recorded = 0;
    for (const event of request.eventList) {
      if (event.itemId === undefined) continue;
      const interaction: Interaction = { userId, itemId: event.itemId, timestamp: event.sentAt, eventType: event.eventType };
      if (event.eventValue !== undefined) interaction.eventValue = event.eventValue;
      const eventId = event.eventId === undefined ? undefined : `${request.trackingId}/${event.eventId}`;
      if (this.log.add(interaction, eventId)) recorded++;
    }
    this.pendingEvents += recorded;
    this.retrainWhenDue();
  }

  putItems(request: PutItemsRequest): void {
    this.checkDataset(request.datasetArn, this.config.itemsDatasetArn, "items");
    const records = request.items.map((item) => ({ itemId: item.itemId, fields: propertiesToFields(item.properties) }));
    for (const record of records) this.items.put(record.itemId, record.fields);
  }

  putUsers(request: PutUsersRequest): void {
    this.checkDataset(request.datasetArn, this.config.usersDatasetArn, "users");
    const records = request.users.map((user) => ({ userId: user.userId, fields: propertiesToFields(user.properties) }));
    for (const record of records) this.users.put(record.userId, record.fields);
  }

  // ---- helpers -----------------------------------------------------------------------------------------

  private endpointOf(request: { campaignArn?: string; recommenderArn?: string }): { strategy: Strategy } {
    if (request.campaignArn !== undefined && request.recommenderArn !== undefined) throw invalidInput("Give campaignArn or recommenderArn, not both.");
    const arn = request.recommenderArn ?? request.campaignArn;
    if (arn === undefined) throw invalidInput("campaignArn or recommenderArn is required.");
    const kind = request.recommenderArn !== undefined ? "recommender" : "campaign";
    const endpoint = this.endpoints.get(arn);
    if (!endpoint || endpoint.kind !== kind) throw resourceNotFound(`The ${kind} ${arn} does not exist.`);
    return endpoint;
  }

  private filterOf(
    request: { filterArn?: string; filterValues?: Record<string, string>; userId?: string; itemId?: string },
    history: UserHistory | undefined,
  ): ItemPredicate {
    if (request.filterArn === undefined) {
      if (request.filterValues !== undefined) throw invalidInput("filterValues needs a filterArn.");
      return () => true;
    }
    const filter = this.filters.get(request.filterArn);
    if (!filter) throw resourceNotFound(`The filter ${request.filterArn} does not exist.`);
    return bindFilter(filter, request.filterValues, {
      history,
      eventTypeMask: (types) => this.log.eventTypeMask(types),
      itemMetadata: (item) => this.items.get(this.log.items.idAt(item)),
      currentItem: request.itemId === undefined ? undefined : this.items.get(request.itemId),
      currentUser: request.userId === undefined ? undefined : this.users.get(request.userId),
    });
  }

  private ranked(model: ServingModel, scores: ArrayLike<number>, k: number, admit: ItemPredicate): PredictedItem[] {
    return topScored(scores, k, (column) => admit(model.itemAt(column))).map(({ index, score }) => ({
      itemId: this.log.items.idAt(model.itemAt(index)),
      score: round(score),
    }));
  }

  /**
   * Fills a short list with popular items it lacks: scored by popularity when the list was empty (a cold
   * start), else below everything already in it.
   */
  private toppedUp(model: ServingModel, chosen: PredictedItem[], k: number, admit: ItemPredicate): PredictedItem[] {
    if (chosen.length >= k) return chosen;
    const { order, counts } = model.trained.popular;
    const taken = new Set(chosen.map((item) => item.itemId));
    const floor = Math.min(0, chosen.at(-1)?.score ?? 0);
    const extra = firstAccepted(order, k - chosen.length, (item) => !taken.has(this.log.items.idAt(item)) && admit(item));
    const scoreOf = (item: number) => (chosen.length === 0 ? ServingModel.scaled(counts, order, item) : floor);
    return [...chosen, ...extra.map((item) => ({ itemId: this.log.items.idAt(item), score: round(scoreOf(item)) }))];
  }

  private checkDataset(arn: string, expected: string | undefined, name: string): void {
    if (expected !== undefined && arn !== expected) throw resourceNotFound(`The ${name} dataset ${arn} does not exist.`);
  }
}

export function createLocalPersonalize(config: LocalPersonalizeConfig = {}): LocalPersonalize {
  return new LocalPersonalize(config);
}

/** Personalize's recommendation IDs look like "RID-<uuid pieces>". */
const recommendationId = () => `RID-${randomUUID()}`;
const round = (score: number) => Math.round(score * 1e6) / 1e6;
