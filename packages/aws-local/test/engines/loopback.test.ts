// Every engine listens on loopback only: nothing else on the network can reach the local stack's data.
// Read from the kernel's socket table (never by probing another host's address).
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCognitoLocal, type CognitoLocal } from "../../src/engines/cognito.ts";
import { startDynamoDBLocal, type DynamoDBLocal } from "../../src/engines/dynamodb.ts";
import { freePort } from "../../src/engines/readiness.ts";
import { startS3rver, type S3rverLocal } from "../../src/engines/s3.ts";
import { startLocalPersonalize, type RunningLocalPersonalize } from "../../src/personalize/server.ts";
import { isLoopbackAddress, listeningAddresses } from "./helpers.ts";

describe("the engines' listening sockets", () => {
  let dynamodb: DynamoDBLocal;
  let cognito: CognitoLocal;
  let s3: S3rverLocal;
  let personalize: RunningLocalPersonalize;

  beforeAll(async () => {
    [dynamodb, cognito, s3, personalize] = await Promise.all([
      freePort().then((port) => startDynamoDBLocal({ port })),
      freePort().then((port) => startCognitoLocal({ port })),
      freePort().then((port) => startS3rver({ port })),
      startLocalPersonalize(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([dynamodb?.stop(), cognito?.stop(), s3?.stop(), personalize?.stop()]);
  });

  it.each([
    ["DynamoDB Local", () => dynamodb.port],
    ["cognito-local", () => cognito.port],
    ["s3rver", () => s3.port],
    ["local Personalize", () => personalize.port],
  ])("%s listens on a loopback address only", (_name, port) => {
    const addresses = listeningAddresses(port());
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => !isLoopbackAddress(address))).toEqual([]);
  });

  it("reads an all-interfaces listener as not loopback", async () => {
    const wildcard = createServer();
    await new Promise<void>((resolve) => wildcard.listen({ port: 0 }, resolve));
    try {
      const addresses = listeningAddresses((wildcard.address() as { port: number }).port);
      expect(addresses.length).toBeGreaterThan(0);
      expect(addresses.some(isLoopbackAddress)).toBe(false);
    } finally {
      wildcard.close();
    }
  });
});
