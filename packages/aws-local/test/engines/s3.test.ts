import {
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBucket } from "../../src/engines/provision.ts";
import { EngineStartError, freePort } from "../../src/engines/readiness.ts";
import { s3rverClientConfig, startS3rver, type S3NotificationEvent, type S3rverLocal } from "../../src/engines/s3.ts";
import { holdPort } from "./helpers.ts";

const bucket = "marquee-uploads";
const webOrigin = "http://localhost:5173";

/** Resolves with the next object-created event for `key` (as it appears, URL-encoded, in the notification). */
function nextObjectCreated(s3: S3rverLocal, key: string): Promise<S3NotificationEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no object-created event for ${key}`)), 5_000);
    const unsubscribe = s3.onObjectCreated((event) => {
      if (event.Records[0]?.s3.object.key !== key) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

describe("s3rver with provisioning", () => {
  let s3: S3rverLocal;
  let client: S3Client;
  let created: [{ created: boolean }, { created: boolean }];

  beforeAll(async () => {
    const started = performance.now();
    s3 = await startS3rver({ port: await freePort() });
    const startMs = performance.now() - started;
    client = new S3Client(s3rverClientConfig(s3.endpoint));
    created = [
      await ensureBucket(client, bucket, { corsAllowedOrigins: [webOrigin] }),
      await ensureBucket(client, bucket, { corsAllowedOrigins: [webOrigin] }),
    ];
    console.info(`s3rver: listening in ${startMs.toFixed(0)} ms`);
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  it("creates the bucket once; the second run finds it", async () => {
    expect(created.map((result) => result.created)).toEqual([true, false]);
    const buckets = (await client.send(new ListBucketsCommand({}))).Buckets ?? [];
    expect(buckets.map((b) => b.Name)).toEqual([bucket]);
  });

  it("stores and returns an object through the SDK", async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: "notes/hello.txt", Body: "hello", ContentType: "text/plain" }));
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: "notes/hello.txt" }));
    expect(object.ContentType).toBe("text/plain");
    expect(await object.Body?.transformToString()).toBe("hello");
  });

  it("accepts a presigned PUT and serves the object back through a presigned GET", async () => {
    const key = "uploads/poster.jpg";
    const putUrl = await getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: "image/jpeg" }), {
      expiresIn: 300,
    });
    expect(putUrl).toContain(`${s3.endpoint}/${bucket}/uploads/poster.jpg?`);
    const upload = await fetch(putUrl, { method: "PUT", body: new Uint8Array([0xff, 0xd8, 0xff]), headers: { "content-type": "image/jpeg" } });
    expect(upload.status).toBe(200);

    const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 300 });
    const download = await fetch(getUrl);
    expect(download.headers.get("content-type")).toBe("image/jpeg");
    expect([...new Uint8Array(await download.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff]);
  });

  it("delivers an S3-notification-shaped event to object-created listeners, key encoded as S3 does", async () => {
    const arrived = nextObjectCreated(s3, "uploads/my+trailer%281%29.mp4");
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: "uploads/my trailer(1).mp4", Body: "0123456789" }));
    const event = await arrived;
    expect(event.Records).toHaveLength(1);
    const [record] = event.Records;
    expect(record).toMatchObject({
      eventSource: "aws:s3",
      eventName: "ObjectCreated:Put",
      s3: {
        bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
        object: { key: "uploads/my+trailer%281%29.mp4", size: 10 },
      },
    });
    expect(record.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
    expect(decodeURIComponent(record.s3.object.key.replace(/\+/g, " "))).toBe("uploads/my trailer(1).mp4");
  });

  it("notifies for a presigned upload too, and keeps serving when a listener fails", async () => {
    const unsubscribe = s3.onObjectCreated(() => {
      throw new Error("listener failure (expected in this test)");
    });
    const arrived = nextObjectCreated(s3, "uploads/browser.png");
    const putUrl = await getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: "uploads/browser.png" }));
    expect((await fetch(putUrl, { method: "PUT", body: "png" })).status).toBe(200);
    expect((await arrived).Records[0].eventName).toBe("ObjectCreated:Put");
    unsubscribe();
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: "uploads/browser.png" }));
    expect(await object.Body?.transformToString()).toBe("png");
  });

  it("answers a browser's CORS preflight from the web origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${s3.endpoint}/${bucket}/uploads/x.jpg`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" },
      });
    const allowed = await preflight(webOrigin);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("PUT");
    expect((await preflight("http://evil.example")).status).toBe(403);
  });
});

describe("s3rver lifecycle", () => {
  it("stops listening on stop", async () => {
    const s3 = await startS3rver({ port: await freePort() });
    await s3.stop();
    await expect(fetch(s3.endpoint)).rejects.toThrow();
  });

  it("keeps objects in dataDirectory across restarts", async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), "marquee-s3-test-"));
    try {
      const port = await freePort();
      const before = await startS3rver({ port, dataDirectory });
      const beforeClient = new S3Client(s3rverClientConfig(before.endpoint));
      await ensureBucket(beforeClient, bucket);
      await beforeClient.send(new PutObjectCommand({ Bucket: bucket, Key: "kept.txt", Body: "kept" }));
      beforeClient.destroy();
      await before.stop();

      const after = await startS3rver({ port, dataDirectory });
      const afterClient = new S3Client(s3rverClientConfig(after.endpoint));
      expect(await ensureBucket(afterClient, bucket)).toEqual({ created: false });
      const object = await afterClient.send(new GetObjectCommand({ Bucket: bucket, Key: "kept.txt" }));
      expect(await object.Body?.transformToString()).toBe("kept");
      afterClient.destroy();
      await after.stop();
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  });

  it("refuses a port in use with an EngineStartError naming the port and what to do", async () => {
    const port = await freePort();
    const holder = await holdPort(port);
    try {
      const attempt = startS3rver({ port });
      await expect(attempt).rejects.toBeInstanceOf(EngineStartError);
      await expect(attempt).rejects.toThrow(`Port ${port} for s3rver is already in use: stop whatever holds it.`);
    } finally {
      holder.close();
    }
  });
});
