// Real Chromium (Debian's `chromium`, driven by playwright-core) against a local stack: what the e2e
// tests and the bench share. The browser's path is configurable for machines that keep it elsewhere.
import { existsSync, mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildWeb, startWebServer, type WebServer, type WebStackInfo } from "../server/web-server.ts";

export const chromiumPath = process.env.MARQUEE_CHROMIUM ?? "/usr/bin/chromium";

/** Why the browser cannot run here, or null when it can. */
export function chromiumMissing(): string | null {
  return existsSync(chromiumPath) ? null : `no Chromium at ${chromiumPath} (apt-get install -y chromium, or set MARQUEE_CHROMIUM)`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      // The player starts on navigation, as after a click in a real session.
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

export type WebUnderTest = { server: WebServer; url: string; outDir: string; stop(): Promise<void> };

/** Builds the client into a temp folder (never the developer's dist/) and serves it against the stack. */
export async function serveBuiltWeb(stackInfo: WebStackInfo, log?: (line: string) => void): Promise<WebUnderTest> {
  const outDir = await mkdtemp(join(tmpdir(), "marquee-web-"));
  try {
    await buildWeb({ outDir, log });
    const server = await startWebServer({ stackInfo, distDirectory: outDir, log });
    return {
      server,
      url: server.url,
      outDir,
      async stop() {
        await server.close();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}

/** Signs in through the sign-in page with the keyboard, then picks the first profile (no PIN). */
export async function signInAndPickProfile(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
  const firstProfile = page.locator(".picker-profile").first();
  await firstProfile.waitFor();
  await firstProfile.focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-home-ready]");
}

export function screenshotDirectory(repoRoot: string): string {
  const directory = join(repoRoot, ".marquee", "screenshots");
  mkdirSync(directory, { recursive: true });
  return directory;
}
