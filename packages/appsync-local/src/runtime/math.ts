import type { Util } from "@aws-appsync/utils";
import { randomInt } from "node:crypto";

export const math: Util["math"] = {
  // Java's Math.round: halves round up, as JavaScript's does
  roundNum: (input) => Math.round(input),
  minVal: (first, second) => Math.min(first, second),
  maxVal: (first, second) => Math.max(first, second),
  randomDouble: () => Math.random(),
  /** Both ends included. */
  randomWithinRange: (start, end) => randomInt(Math.ceil(Math.min(start, end)), Math.floor(Math.max(start, end)) + 1),
};
