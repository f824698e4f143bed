import { loadMovieLens, locateMovieLens } from "../../src/movielens/index.ts";
import { measureServingLatency } from "../../bench/personalize/latency.ts";
const ml = await loadMovieLens(locateMovieLens("/work/main")!);
const r = await measureServingLatency(locateMovieLens("/work/main")!, { lambda: 250, userWeightExponent: 0.25 }, console.log);
console.log(JSON.stringify(r, null, 1));
