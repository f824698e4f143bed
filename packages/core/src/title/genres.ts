/** The catalog's genres (MovieLens' set). A title's genres must come from this list. */
export const knownGenres = [
  "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
  "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
] as const;
export type Genre = (typeof knownGenres)[number];
