// s3rver (npm `s3rver`), an S3 API over a folder, run in this process and stopped by code.
import S3rver from "s3rver";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertPortFree, EngineStartError } from "./readiness.ts";

/** One record of an S3 event notification, as S3 delivers it to a Lambda. */
export type S3NotificationRecord = {
  eventVersion: string;
  eventSource: "aws:s3";
  awsRegion: string;
  eventTime: string;
  /** `ObjectCreated:Put`, `ObjectCreated:Post` (s3rver also uses it for CompleteMultipartUpload), `ObjectCreated:Copy`. */
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: Record<string, string>;
  s3: {
    s3SchemaVersion: string;
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    /** `key` is URL-encoded as S3 encodes it (`my photo.jpg` -> `my+photo.jpg`): decode before use. */
    object: { key: string; size?: number; eTag?: string; sequencer: string };
  };
};

/** The event a Lambda subscribed to bucket notifications receives. */
export type S3NotificationEvent = { Records: S3NotificationRecord[] };

export type ObjectCreatedListener = (event: S3NotificationEvent) => void | Promise<void>;

export type S3rverLocal = {
  endpoint: string;
  port: number;
  /** Calls `listener` after each object is created (put, POST form, multipart completion, copy); returns an unsubscribe. */
  onObjectCreated(listener: ObjectCreatedListener): () => void;
  stop(): Promise<void>;
};

export type S3rverOptions = {
  port: number;
  /** Folder for buckets and objects; omitted = a temp folder removed on stop. */
  dataDirectory?: string;
  /** The setting that chose `port`, named in the message when the port is taken. */
  portVariable?: string;
};

/**
 * Settings for SDK clients aimed at s3rver: path-style URLs (no bucket subdomains on 127.0.0.1) and its one
 * built-in access key (any other key id is refused with InvalidAccessKeyId; signatures are not checked).
 */
export function s3rverClientConfig(endpoint: string) {
  return {
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  };
}

/**
 * S3 URL-encodes keys in notifications as a form value (`my photo (1).jpg` -> `my+photo+%281%29.jpg`, slashes kept);
 * s3rver sends them raw.
 */
function encodeNotificationKey(key: string): string {
  return key
    .split("/")
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, "+"),
    )
    .join("/");
}

function isNotificationEvent(value: unknown): value is S3NotificationEvent {
  return typeof value === "object" && value !== null && Array.isArray((value as { Records?: unknown }).Records);
}

function toObjectCreatedEvent(raw: unknown): S3NotificationEvent | undefined {
  if (!isNotificationEvent(raw)) return undefined;
  const records = raw.Records.filter((record) => record.eventName.startsWith("ObjectCreated:")).map((record) => ({
    ...record,
    s3: {
      ...record.s3,
      // s3rver writes `arn:aws:s3: : :name`.
      bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${record.s3.bucket.name}` },
      object: { ...record.s3.object, key: encodeNotificationKey(record.s3.object.key) },
    },
  }));
  return records.length > 0 ? { Records: records } : undefined;
}

export async function startS3rver(options: S3rverOptions): Promise<S3rverLocal> {
  await assertPortFree(options.port, "s3rver", options.portVariable);
  const directory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), "marquee-s3-"));
  mkdirSync(directory, { recursive: true });
  const removeTemporaryDirectory = () => {
    if (!options.dataDirectory) rmSync(directory, { recursive: true, force: true });
  };

  const server = new S3rver({ address: "127.0.0.1", port: options.port, directory, silent: true });
  try {
    await server.run();
  } catch (error) {
    removeTemporaryDirectory();
    throw new EngineStartError(`s3rver could not listen on port ${options.port}: ${(error as Error).message}`);
  }

  const listeners = new Set<ObjectCreatedListener>();
  const deliveries = new Set<Promise<void>>();
  server.on("event", (raw) => {
    const event = toObjectCreatedEvent(raw);
    if (!event) return;
    for (const listener of listeners) {
      // Like S3, notify after the request has been answered, and never let a listener's failure reach the uploader.
      const delivery = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => listener(event))
        .catch((error: unknown) => {
          const keys = event.Records.map((record) => record.s3.object.key).join(", ");
          console.error(`s3rver: an object-created listener failed for ${keys}:`, error);
        })
        .finally(() => deliveries.delete(delivery));
      deliveries.add(delivery);
    }
  });

  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    port: options.port,
    onObjectCreated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      listeners.clear();
      await server.close();
      await Promise.allSettled([...deliveries]);
      removeTemporaryDirectory();
    },
  };
}
