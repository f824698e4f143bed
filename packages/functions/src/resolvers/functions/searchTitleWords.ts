import { util, type Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { searchPartition, searchTokenPrefix } from "@marquee/core/appsync";
import { searchWords } from "@marquee/core/appsync";
import { failOnPageError, pageSize, pageToken, resumeToken } from "../paging";
import { toTitle, type TitleItem } from "../title";

import { maturityFilter, viewerMaturity } from "../catalog-filter";

type Args = { query: string; limit?: number | null; nextToken?: string | null; profileId?: string | null };
type TokenItem = TitleItem & { word: string; normalizedName: string };

const maxQueryLength = 100;
const decompose = (text: string) => util.str.normalize(text, "nfkd");

/**
 * One Query on the search tokens of one word (never a Scan). With one word typed it is a prefix; with
 * more, the longest complete word anchors the Query and the others filter it. A page's matches are
 * ranked exact name > name prefix > word prefixes, then by popularity.
 */
export function request(ctx: Context<Args>) {
  if (ctx.args.query.length > maxQueryLength) util.error(`query must be at most ${maxQueryLength} characters.`, "BadRequest");
  const words = searchWords(ctx.args.query, decompose);
  if (words.length === 0) util.error("query needs at least one letter or digit.", "BadRequest");
  const anchor = anchorWord(words);
  const limit = pageSize(ctx.args.limit);
  const filter = maturityFilter(viewerMaturity(ctx));
  return query({
    ...(filter ? { filter } : {}),
    query: { pk: { eq: searchPartition(anchor.word) }, sk: { beginsWith: searchTokenPrefix(anchor.word, !anchor.isPrefix) } },
    limit,
    nextToken: resumeToken(scopeOf(words), ctx.args.nextToken),
  });
}

export function response(ctx: Context<Args>) {
  failOnPageError(ctx);
  const result = ctx.result as { items: TokenItem[]; nextToken?: string | null };
  const typed = searchWords(ctx.args.query, decompose);
  const anchor = anchorWord(typed);
  const phrase = typed.join(" ");
  const ranked = [];
  for (const item of result.items) {
    const nameWords = item.normalizedName.split(" ");
    // A title appears once: under the first of its words that matches the anchor.
    if (firstMatchingWord(nameWords, anchor) === item.word && matchesAll(nameWords, typed)) {
      const rank = item.normalizedName === phrase ? 0 : item.normalizedName.startsWith(phrase) ? 1 : 2;
      ranked.push({ rank, item });
    }
  }
  ranked.sort((a, b) => a.rank - b.rank || (b.item.popularity ?? 0) - (a.item.popularity ?? 0));
  return { items: ranked.map((entry) => toTitle(entry.item)), nextToken: pageToken(scopeOf(typed), result.nextToken) };
}

const scopeOf = (words: string[]) => `searchTitles:${words.join(" ")}`;

/**
 * Words that start hundreds of names: anchored on one, a Query pages through all of those names
 * (most popular first) and a less popular match may lie many empty pages away.
 */
const commonWords = ["the", "a", "an", "of", "and", "in", "on", "to", "for", "de", "du", "des", "la", "le", "les", "el", "los", "las", "il", "der", "die", "das"];

/**
 * The word whose tokens the Query reads. The last typed word is a prefix; earlier words are complete.
 * The longest complete word that is not a common one is the most selective; when every complete word
 * is common, a prefix of two characters or more beats them.
 */
function anchorWord(words: string[]) {
  const last = words[words.length - 1];
  if (words.length === 1) return { word: last, isPrefix: true };
  const complete = words.slice(0, words.length - 1);
  const selective = complete.filter((word) => commonWords.indexOf(word) < 0);
  if (selective.length === 0 && last.length >= 2) return { word: last, isPrefix: true };
  let best = selective.length > 0 ? selective[0] : complete[0];
  for (const word of selective.length > 0 ? selective : complete) if (word.length > best.length) best = word;
  return { word: best, isPrefix: false };
}

function firstMatchingWord(nameWords: string[], anchor: { word: string; isPrefix: boolean }) {
  return nameWords.find((word) => (anchor.isPrefix ? word.startsWith(anchor.word) : word === anchor.word));
}

function matchesAll(nameWords: string[], typed: string[]) {
  return typed.every((word, index) =>
    index === typed.length - 1 ? nameWords.some((candidate) => candidate.startsWith(word)) : nameWords.indexOf(word) >= 0,
  );
}
