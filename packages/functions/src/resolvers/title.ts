// Shared by the catalog resolvers: the table item of a title (or a list item carrying its summary)
// as the GraphQL `Title`.

export type TitleItem = {
  titleId: string;
  name: string;
  year?: number | null;
  genres?: string[];
  maturity?: string | null;
  popularity?: number;
  ratingCount?: number;
  ratingSum?: number;
  version?: number;
  createdAt: string;
  updatedAt: string;
};

export function toTitle(item: TitleItem) {
  const ratingCount = item.ratingCount ?? 0;
  return {
    id: item.titleId,
    name: item.name,
    year: item.year ?? null,
    genres: item.genres ?? [],
    maturity: item.maturity ?? null,
    popularity: item.popularity ?? 0,
    ratingCount,
    averageRating: ratingCount > 0 ? Math.round(((item.ratingSum ?? 0) / ratingCount) * 100) / 100 : null,
    version: item.version ?? 1,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
