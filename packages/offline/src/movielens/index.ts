// MovieLens from Debian's r-cran-dslabs, read without R: start at movielens.ts.
export { loadMovieLens, locateMovieLens, movieLensFromDataFrame, parseGenres, parseTitle, VENDORED_DATA_DIR } from "./movielens.ts";
export type { Movie, MovieLens, Rating } from "./movielens.ts";
export { decompressBlock, parseLazyLoadIndex, readLazyLoadObject, readLazyLoadObjectAsync } from "./lazyload.ts";
export type { BlockCompression, LazyLoadIndex } from "./lazyload.ts";
export * from "./rds.ts";
