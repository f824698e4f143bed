// What the local Personalize writes to its log: one line for an expected event, the stack only for a fault.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalPersonalize, type RunningLocalPersonalize } from "../../src/personalize/index.ts";

describe("local Personalize log", () => {
  const lines: string[] = [];
  let local: RunningLocalPersonalize;
  beforeAll(async () => {
    local = await startLocalPersonalize({ log: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await local?.stop();
  });

  it("is one line, without a stack, for a client that hangs up before its answer", async () => {
    // As the recommender's deadline does: the request is sent in part, then the connection closed.
    await new Promise<void>((resolve, reject) => {
      const socket = connect(local.port, "127.0.0.1", () => {
        socket.write('POST /recommendations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"recommenderArn":');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.once("error", reject);
    });
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toBe("personalize: a client hung up before its answer (past its deadline?)");
  });
});
