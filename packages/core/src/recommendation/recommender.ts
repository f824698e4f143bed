// One recommendation list: Personalize first, within the deadline, then the checks on the table; the
// popular titles when Personalize is not configured, fails, times out or has nothing to offer. The
// viewer never sees an error from Personalize: it is logged and `source` says which list answered.
import type { PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { mayWatch, type ProfileMaturity } from "../profile/maturity.ts";
import type { Info as TitleInfo } from "../title/index.ts";
import { finishedTitleIds, popularTitleIds, readTitles, readTitlesWithProgress, sameGenreTitleIds, catalogReads, type TableAccess } from "./catalog.ts";
import { filterValuesFor, type RecommendationsConfig, type UseCase } from "./config.ts";
import { rankedItemIds, recommendedItemIds } from "./personalize.ts";

export type RecommendationSource = "PERSONALIZE" | "POPULARITY_FALLBACK";
export type RecommendationList = { items: TitleInfo[]; source: RecommendationSource };

/** The profile the list is for (requireProfile proved it is the caller's). */
export type Viewer = { profileId: string; maturity: ProfileMaturity };
/** The title a related-items list starts from. */
export type SeedTitle = { titleId: string; genres: readonly string[] };

export type RecommendationRequest = { viewer: Viewer; numResults: number; seed?: SeedTitle };

export type RecommenderDependencies = TableAccess & {
  personalize: PersonalizeRuntimeClient;
  config: () => RecommendationsConfig;
  /** Where fallbacks are reported (a Lambda's console goes to CloudWatch). */
  log?: (entry: Record<string, unknown>) => void;
};

/** Items asked of Personalize beyond numResults, so the checks on the table rarely leave a page short. */
const personalizeMargin = 10;
const relatedUseCases: readonly UseCase[] = ["becauseYouWatched", "moreLikeThis"];
/** Trending is the same for everyone; a ranking campaign orders it for the profile. Most popular stays global. */
const rankedUseCases: readonly UseCase[] = ["trending"];

export function createRecommender(deps: RecommenderDependencies) {
  const log = deps.log ?? ((entry) => console.warn(JSON.stringify(entry)));
  /** Whether Personalize has answered once: until then the cold-start deadline applies. */
  let warm = false;

  /** Personalize's ids for this request, or the reason there are none. */
  async function fromPersonalize(useCase: UseCase, request: RecommendationRequest, config: RecommendationsConfig): Promise<string[]> {
    const arn = config[useCase];
    if (!arn) throw new NotConfigured(useCase);
    const { viewer, seed } = request;
    const filter = config.filterArn ? { filterArn: config.filterArn, filterValues: filterValuesFor(viewer.maturity) } : {};
    const abortSignal = AbortSignal.timeout(warm ? config.deadlineMs : config.coldStartDeadlineMs);
    const ids = await recommendedItemIds(
      deps.personalize,
      {
        arn,
        userId: viewer.profileId,
        ...(relatedUseCases.includes(useCase) && seed ? { itemId: seed.titleId } : {}),
        numResults: Math.min(catalogReads.maxBatchKeys, request.numResults + personalizeMargin),
        ...filter,
      },
      abortSignal,
    );
    warm = true;
    if (!config.personalizedRanking || !rankedUseCases.includes(useCase) || ids.length < 2) return ids;
    try {
      return await rankedItemIds(deps.personalize, { campaignArn: config.personalizedRanking, userId: viewer.profileId, inputList: ids, ...filter }, abortSignal);
    } catch (error) {
      log({ message: "personalized ranking failed: the list keeps Personalize's order", useCase, error: describe(error) });
      return ids;
    }
  }

  /** Ids in order -> the titles the viewer may see and has not finished, at most numResults. */
  async function page(ids: readonly string[], request: RecommendationRequest, finished: ReadonlySet<string>): Promise<TitleInfo[]> {
    const wanted = ids.filter((id) => id !== request.seed?.titleId && !finished.has(id)).slice(0, catalogReads.maxBatchKeys);
    return visible(wanted, await readTitles(deps, wanted), finished, request);
  }

  /**
   * Personalize's ids -> the page. Its filter already leaves out what the profile finished, as far as the
   * events it has received go; the profile's progress on these titles, read in the same BatchGetItem,
   * covers the rest. One request, however long the profile's history.
   */
  async function personalizedPage(ids: readonly string[], request: RecommendationRequest): Promise<TitleInfo[]> {
    const wanted = ids.filter((id) => id !== request.seed?.titleId).slice(0, catalogReads.maxBatchKeys / 2);
    const { titles, finished } = await readTitlesWithProgress(deps, wanted, request.viewer.profileId);
    return visible(wanted, titles, finished, request);
  }

  function visible(wanted: readonly string[], titles: ReadonlyMap<string, TitleInfo>, finished: ReadonlySet<string>, request: RecommendationRequest): TitleInfo[] {
    // The safety check: Personalize's filter already applied the maturity, but its items dataset may lag
    // behind a title's change; the table is the truth.
    return wanted
      .flatMap((id) => {
        const title = titles.get(id);
        return title && !finished.has(id) && mayWatch(request.viewer.maturity, title.maturity) ? [title] : [];
      })
      .slice(0, request.numResults);
  }

  async function fallbackIds(useCase: UseCase, request: RecommendationRequest, finished: ReadonlySet<string>): Promise<string[]> {
    const { viewer, seed, numResults } = request;
    const wanted = numResults + personalizeMargin;
    if (relatedUseCases.includes(useCase) && seed) {
      const related = await sameGenreTitleIds(deps, seed, viewer.maturity, wanted, finished);
      if (related.length >= numResults) return related;
      // A title of a small genre: fill up with popular titles.
      const popular = await popularTitleIds(deps, viewer.maturity, wanted, new Set([...finished, ...related, seed.titleId]));
      return [...related, ...popular];
    }
    return popularTitleIds(deps, viewer.maturity, wanted, finished);
  }

  return {
    async recommend(useCase: UseCase, request: RecommendationRequest): Promise<RecommendationList> {
      const config = deps.config();
      let ids: string[] | null = null;
      try {
        ids = await fromPersonalize(useCase, request, config);
      } catch (error) {
        // Not configured is expected where Personalize is not set up: not worth a log line per request.
        if (!(error instanceof NotConfigured)) {
          log({ message: "Personalize failed: falling back to popular titles", useCase, profileId: request.viewer.profileId, error: describe(error) });
        }
      }
      if (ids) {
        // Errors of the table past this point are real failures, not reasons to fall back.
        const items = await personalizedPage(ids, request);
        if (items.length > 0) return { items, source: "PERSONALIZE" };
        log({ message: "Personalize had nothing the profile may see: falling back to popular titles", useCase, profileId: request.viewer.profileId });
      }
      // The popular lists know nothing of the profile: what it finished is read to leave it out.
      const finished = await finishedTitleIds(deps, request.viewer.profileId);
      const items = await page(await fallbackIds(useCase, request, finished), request, finished);
      return { items, source: "POPULARITY_FALLBACK" };
    },
  };
}

export type Recommender = ReturnType<typeof createRecommender>;

class NotConfigured extends Error {
  constructor(useCase: UseCase) {
    super(`No Personalize recommender or campaign is configured for ${useCase}.`);
    this.name = "NotConfigured";
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
