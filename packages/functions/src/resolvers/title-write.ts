// Shared by createTitle and updateTitle: their Lambda answers with the title and the genres whose rows
// the write changed; the resolver evicts those rows from the API cache (an APPSYNC_JS resolver can,
// a Lambda cannot) and returns the title.
import { extensions, type Context } from "@aws-appsync/utils";
import { genreRowCachingKeys } from "@marquee/core/appsync";
import { profileMaturities } from "@marquee/core/appsync";
import { lambdaAnswer } from "./lambda";
import { toTitle, type TitleItem } from "./title";

export type TitleWriteAnswer = { title: ReturnType<typeof toTitle>; affectedGenres: string[] };

export function toTitleWrite(written: { title: TitleItem; affectedGenres: string[] }): TitleWriteAnswer {
  return { title: toTitle(written.title), affectedGenres: written.affectedGenres };
}

export function titleWriteResponse(ctx: Context) {
  const answer = lambdaAnswer(ctx) as TitleWriteAnswer;
  answer.affectedGenres.forEach((genre) => {
    // One cached row per genre and profile maturity; the keys named as GenreRow.titles' caching keys.
    profileMaturities.forEach((maturity) => {
      const keys: Record<string, string> = {};
      keys[genreRowCachingKeys[0].slice(1)] = genre;
      keys[genreRowCachingKeys[1].slice(1)] = maturity;
      extensions.evictFromApiCache("GenreRow", "titles", keys);
    });
  });
  return answer.title;
}
