import type { Util } from "@aws-appsync/utils";

export const str: Util["str"] = {
  normalize: (value, normalizationType) => value.normalize(normalizationType.toUpperCase()),
};
