// The runtime's control-plane routes (FlushApiCache) take what AppSync's control plane takes: an IAM
// request, signed with AWS Signature Version 4. Locally the signature is checked against the credentials
// the runtime is given (the stack's own); anything else gets the 403 AWS answers, with its error type.
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export type AwsCredentials = { accessKeyId: string; secretAccessKey: string };

type Refusal = { errorType: string; message: string };

/** AWS refuses a signature dated further than this from its clock. */
const maxClockSkewMs = 15 * 60_000;

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

const refusals = {
  missing: { errorType: "MissingAuthenticationTokenException", message: "Missing Authentication Token" },
  incomplete: { errorType: "IncompleteSignatureException", message: "The request's Authorization header is not a complete AWS4-HMAC-SHA256 signature (Credential, SignedHeaders, Signature and an X-Amz-Date header)." },
  unknownKey: { errorType: "UnrecognizedClientException", message: "The security token included in the request is invalid." },
  mismatch: {
    errorType: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
} satisfies Record<string, Refusal>;

/** node:crypto as @smithy/signature-v4's hash (what @smithy/hash-node does), for signing and checking. */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** 20261203T181500Z, the X-Amz-Date form. */
const amzDate = (date: Date) => date.toISOString().replace(/[-:]|\.\d{3}/g, "");

function parseAmzDate(value: string): Date | null {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!parts) return null;
  const [, year, month, day, hours, minutes, seconds] = parts.map(Number) as number[];
  return new Date(Date.UTC(year!, month! - 1, day, hours, minutes, seconds));
}

function clockRefusal(signed: string, signedAt: Date, now: Date): Refusal | null {
  if (signedAt.getTime() < now.getTime() - maxClockSkewMs) {
    const earliest = amzDate(new Date(now.getTime() - maxClockSkewMs));
    return { errorType: "InvalidSignatureException", message: `Signature expired: ${signed} is now earlier than ${earliest} (${amzDate(now)} - 15 min.)` };
  }
  if (signedAt.getTime() > now.getTime() + maxClockSkewMs) {
    const latest = amzDate(new Date(now.getTime() + maxClockSkewMs));
    return { errorType: "InvalidSignatureException", message: `Signature not yet current: ${signed} is still later than ${latest} (${amzDate(now)} + 15 min.)` };
  }
  return null;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * Checks a request's SigV4 signature (header form) for `service` in `region`: null when it was signed with
 * `credentials`, otherwise AWS's refusal. Without credentials every request is refused.
 */
export function createSigV4Verifier(options: { credentials: AwsCredentials | undefined; region: string; service: string }) {
  const { credentials, region, service } = options;
  const signer = credentials ? new SignatureV4({ credentials, region, service, sha256: NodeSha256, applyChecksum: false }) : null;

  return async function verify(request: IncomingMessage): Promise<Refusal | null> {
    const authorization = headerValue(request, "authorization");
    if (!authorization) return refusals.missing;
    const signedAtHeader = headerValue(request, "x-amz-date");
    const parts = authorizationPattern.exec(authorization);
    const signedAt = signedAtHeader ? parseAmzDate(signedAtHeader) : null;
    if (!parts || !signedAtHeader || !signedAt) return refusals.incomplete;
    const [, accessKeyId, scopeDay, scopeRegion, scopeService, signedHeaderList, signature] = parts as unknown as string[];
    if (!signer || !credentials || accessKeyId !== credentials.accessKeyId) return refusals.unknownKey;
    const tooFar = clockRefusal(signedAtHeader, signedAt, new Date());
    if (tooFar) return tooFar;
    if (scopeRegion !== region || scopeService !== service || !signedAtHeader.startsWith(scopeDay!)) return refusals.mismatch;

    // The signature is computed again over exactly the headers the client signed.
    const signedHeaders = signedHeaderList!.split(";");
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) {
      const value = headerValue(request, name);
      if (value === undefined) return refusals.mismatch;
      headers[name] = value;
    }
    const [path, search = ""] = (request.url ?? "/").split("?", 2) as [string, string?];
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(search)) {
      const seen = query[name];
      query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
    const expected = await signer.sign(
      { method: request.method ?? "GET", protocol: "http:", hostname: headers.host ?? "", path, query, headers },
      { signingDate: signedAt, signableHeaders: new Set(signedHeaders) },
    );
    const expectedSignature = /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization))?.[1] ?? "";
    const matches = expectedSignature.length === signature!.length && timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature!));
    return matches ? null : refusals.mismatch;
  };
}

/**
 * Answers a control-plane request: `run` and 200 `{}` when `verify` accepts it, AWS's 403 otherwise (the
 * error type in `x-amzn-ErrorType`, as the SDK reads it).
 */
export async function answerSignedRequest(
  request: IncomingMessage,
  response: ServerResponse,
  verify: ReturnType<typeof createSigV4Verifier>,
  run: () => void,
): Promise<void> {
  let refusal: Refusal | null;
  try {
    refusal = await verify(request);
  } catch (error) {
    console.error("[appsync] control-plane request: the signature check failed", error);
    response.writeHead(500, { "content-type": "application/json", "x-amzn-errortype": "InternalFailureException" });
    response.end(JSON.stringify({ message: "An internal failure occurred." }));
    return;
  }
  if (refusal) {
    response.writeHead(403, { "content-type": "application/json", "x-amzn-errortype": refusal.errorType });
    response.end(JSON.stringify({ message: refusal.message }));
    return;
  }
  run();
  response.writeHead(200, { "content-type": "application/json" });
  response.end("{}");
}
