// The local web server: the app's pages get index.html with the stack's settings, files are served
// with byte ranges (the player seeks with them), and nothing outside the build can be read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebServer, type WebServer } from "../server/web-server.ts";

const stackInfo = {
  graphqlUrl: "http://127.0.0.1:4000/graphql",
  region: "us-east-1",
  cognitoEndpoint: "http://127.0.0.1:4002",
  userPoolId: "local_pool",
  userPoolClientId: "client-1",
  demoUsers: [{ email: "viewer@marquee.local", password: "p</script>", groups: [] }],
};

describe("web server (dist)", () => {
  let dist: string;
  let server: WebServer;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "marquee-dist-"));
    mkdirSync(join(dist, "assets"));
    mkdirSync(join(dist, "media"));
    writeFileSync(join(dist, "index.html"), "<html><head><!--marquee-config--></head><body></body></html>");
    writeFileSync(join(dist, "assets", "app-123.js"), "console.log(1)");
    writeFileSync(join(dist, "media", "clip.mp4"), Buffer.from(Array.from({ length: 100 }, (_, i) => i)));
    server = await startWebServer({ stackInfo, distDirectory: dist });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("answers every page of the app with index.html and the stack's settings", async () => {
    for (const path of ["/", "/title/ml-1", "/search?q=star"]) {
      const response = await fetch(new URL(path, server.url));
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('window.__MARQUEE_CONFIG__ = {"graphqlUrl":"http://127.0.0.1:4000/graphql"');
      expect(html).toContain('"localConfirmUrl":"/__marquee/confirm-sign-up"');
      // Settings cannot close the script early.
      expect(html).not.toContain("p</script>");
    }
  });

  it("serves files, long-cached under assets/, and byte ranges", async () => {
    const asset = await fetch(new URL("/assets/app-123.js", server.url));
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(await asset.text()).toBe("console.log(1)");

    const range = await fetch(new URL("/media/clip.mp4", server.url), { headers: { range: "bytes=10-19" } });
    expect(range.status).toBe(206);
    expect(range.headers.get("content-range")).toBe("bytes 10-19/100");
    expect([...new Uint8Array(await range.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const tail = await fetch(new URL("/media/clip.mp4", server.url), { headers: { range: "bytes=-5" } });
    expect([...new Uint8Array(await tail.arrayBuffer())]).toEqual([95, 96, 97, 98, 99]);
    expect((await fetch(new URL("/media/clip.mp4", server.url), { headers: { range: "bytes=200-" } })).status).toBe(416);
  });

  it("refuses what is not in the build", async () => {
    expect((await fetch(new URL("/assets/missing.js", server.url))).status).toBe(404);
    const escaped = await fetch(new URL("/..%2f..%2fetc%2fpasswd", server.url));
    expect(await escaped.text()).not.toContain("root:");
    expect((await fetch(new URL("/", server.url), { method: "DELETE" })).status).toBe(405);
  });
});
