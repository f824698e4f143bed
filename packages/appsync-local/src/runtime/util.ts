// The `util` object resolver code imports from `@aws-appsync/utils`, assembled from one file per concern.
import type { Util } from "@aws-appsync/utils";
import { appendError, authType, error, unauthorized } from "./control.ts";
import { dynamodbUtil } from "./dynamodb-values.ts";
import { base64Decode, base64Encode, escapeJavaScript, matches, urlDecode, urlEncode } from "./encoding.ts";
import { http } from "./http.ts";
import { autoId, autoKsuid, autoUlid } from "./ids.ts";
import { math } from "./math.ts";
import { rds } from "./rds.ts";
import { str } from "./str.ts";
import { time } from "./time.ts";
import { transform } from "./transform.ts";
import { xml } from "./xml.ts";

export const util: Util = {
  escapeJavaScript,
  urlEncode,
  urlDecode,
  base64Encode,
  base64Decode,
  autoId: () => autoId(),
  autoUlid: () => autoUlid(),
  autoKsuid: () => autoKsuid(),
  unauthorized,
  error,
  appendError,
  matches,
  authType,
  time,
  dynamodb: dynamodbUtil,
  rds,
  http,
  xml,
  transform,
  math,
  str,
};
