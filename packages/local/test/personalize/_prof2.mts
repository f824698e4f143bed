import { loadMovieLens, locateMovieLens } from "../../src/movielens/index.ts";
import { LocalPersonalize } from "../../src/personalize/index.ts";
const ml = await loadMovieLens(locateMovieLens("/work/main")!);
const top = "arn:aws:personalize:us-east-1:1:recommender/top";
const pct = (v: number[], f: number) => [...v].sort((a, b) => a - b)[Math.floor(f * v.length)]!.toFixed(3);
for (const cache of [0, 1000]) {
  const p = new LocalPersonalize({ recommenders: { [top]: "top-picks" }, scoreCacheUsers: cache });
  p.importInteractions(ml.ratings.map((r) => ({ userId: `u${r.userId}`, itemId: `ml-${r.movieId}`, timestamp: r.timestamp })));
  await p.retrain();
  const users = [...new Set(ml.ratings.map((r) => r.userId))];
  for (let round = 0; round < 3; round++) {
    let d: number[] = [];
    for (let i = 0; i < 2000; i++) { const u = users[i % users.length]!; const t = performance.now(); p.getRecommendations({ recommenderArn: top, userId: `u${u}`, numResults: 25 }); d.push(performance.now() - t); }
    console.log("cache", cache, "direct p50", pct(d, 0.5), "p90", pct(d, 0.9), "p99", pct(d, 0.99));
  }
  await p.close();
}
