// The catalog reads the benchmark drives: browse by genre, title by id, search. Each is a list of GraphQL
// requests (taken in turn) beside the DynamoDB request each one sends, recorded by capture.ts.
import type { GraphQLAnswer, RequestCapture } from "./capture.ts";
import type { DirectRequest } from "./load-types.ts";

export type ReadScenario = {
  name: string;
  /** GraphQL request bodies, taken in turn. */
  bodies: string[];
  /** The DynamoDB request of the GraphQL request at the same index. */
  direct: DirectRequest[];
};

const browseQuery =
  "query Browse($genre: String!, $limit: Int) { titlesByGenre(genre: $genre, limit: $limit) { items { id name year genres maturity averageRating } nextToken } }";
const titleQuery =
  "query Title($id: ID!) { title(id: $id) { id name year genres maturity popularity averageRating ratingCount version createdAt updatedAt } }";
const searchQuery = "query Search($query: String!, $limit: Int) { searchTitles(query: $query, limit: $limit) { items { id name year } nextToken } }";
const genresQuery = "query Genres { genres { name titleCount } }";

export const browseBody = (genre: string, limit: number) => JSON.stringify({ query: browseQuery, variables: { genre, limit } });
export const titleBody = (id: string) => JSON.stringify({ query: titleQuery, variables: { id } });
export const searchBody = (query: string, limit: number) => JSON.stringify({ query: searchQuery, variables: { query, limit } });

/** What people type in a search box: word prefixes, and a few phrases still being typed. */
const searchInputs = ["star", "love", "dark", "man", "war", "night", "king", "life", "black", "house", "lord of the r", "back to the", "harry pot", "jurassic", "the godf", "toy st"];

export type Catalog = { genres: string[]; titleIds: string[]; searches: string[] };

/** Genres with at least a page of titles, popular title ids, and the search inputs that find something. */
export async function discoverCatalog(capture: RequestCapture, pageLimit: number): Promise<Catalog> {
  const { answer } = await capture.capture(JSON.stringify({ query: genresQuery }));
  const allGenres = field<Array<{ name: string; titleCount: number }>>(answer, "genres");
  const genres = allGenres.filter((genre) => genre.titleCount >= pageLimit).map((genre) => genre.name);
  if (genres.length === 0) throw new Error(`No genre has ${pageLimit} titles: is the catalog seeded?`);

  const titleIds = new Set<string>();
  for (const genre of genres.slice(0, 6)) {
    const page = field<{ items: Array<{ id: string }> }>((await capture.capture(browseBody(genre, pageLimit))).answer, "titlesByGenre");
    for (const item of page.items) titleIds.add(item.id);
  }

  const searches: string[] = [];
  for (const input of searchInputs) {
    const page = field<{ items: unknown[] }>((await capture.capture(searchBody(input, 20))).answer, "searchTitles");
    if (page.items.length > 0) searches.push(input);
  }
  if (searches.length === 0) throw new Error("No search input finds a title: is the catalog seeded?");
  return { genres, titleIds: [...titleIds], searches };
}

/** Pairs each body with the one DynamoDB request it sends (more than one would have no single baseline). */
export async function scenario(name: string, capture: RequestCapture, bodies: string[]): Promise<ReadScenario> {
  const direct: DirectRequest[] = [];
  for (const body of bodies) {
    const { requests } = await capture.capture(body);
    if (requests.length !== 1) throw new Error(`${name}: ${body} sent ${requests.length} DynamoDB requests, expected 1.`);
    direct.push(requests[0]!);
  }
  return { name, bodies, direct };
}

function field<T>(answer: GraphQLAnswer, name: string): T {
  const value = answer.data?.[name];
  if (value === undefined || value === null) throw new Error(`The answer has no ${name}: ${JSON.stringify(answer).slice(0, 300)}`);
  return value as T;
}
