// The web client end to end, in real Chromium, against a local stack started here with the code
// `npm start` uses: a viewer signs in, sees continue watching and Top picks, searches, opens a title,
// adds it to My List, plays it and the API has the progress; an expired session resumes where it was;
// the content team edits a title and a viewer cannot reach the editor. Screenshots of the main pages go
// to .marquee/screenshots/; axe-core checks each of them (serious or critical violations fail).
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "@marquee/aws-local/engines/provision";
import { startStack, type Stack } from "../../src/stack.ts";
import { recommendationDescriptors } from "@marquee/web/api/recommendations.generated";
import { seriousAccessibilityViolations } from "@marquee/web/harness/axe";
import { chromiumMissing, launchChromium, screenshotDirectory, serveBuiltWeb, signInAndPickProfile, type WebUnderTest } from "@marquee/web/harness/browser";

const repoRoot = resolve(fileURLToPath(new URL("../../../..", import.meta.url)));
const missing = chromiumMissing();
// CI installs Chromium (.ci/run): there, a missing browser is a failure, not a quiet skip.
if (missing && process.env.CI) throw new Error(`[web e2e] ${missing}`);
if (missing) console.warn(`[web e2e] skipped: ${missing}`);

const viewer = { email: "viewer@marquee.local", password: "Marquee-viewer-1" };
const editor = { email: "content@marquee.local", password: "Marquee-content-1" };

describe.skipIf(missing !== null)(`web client in Chromium${missing ? ` (skipped: ${missing})` : ""}`, () => {
  let stack: Stack;
  let web: WebUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const screenshots = screenshotDirectory(repoRoot);

  beforeAll(async () => {
    stack = await startStack({ repoRoot, persistent: false, seed: "sample" });
    web = await serveBuiltWeb(stack.info);
    browser = await launchChromium();
  }, 420_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await web?.stop().catch(() => undefined);
    await stack?.stop();
  }, 60_000);

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  /**
   * A card of the home page's genre rows. Those rows render only as they come near the viewport, and
   * how far down they start depends on which rows above them are filled: scroll until one is there.
   */
  async function genreCardLink(page: Page, nth: number) {
    await page.locator('[data-home-ready="true"]').waitFor();
    const link = page.locator('[data-testid^="row-genre-"] .card-link').nth(nth);
    await expect
      .poll(async () => {
        if ((await link.count()) > 0) return true;
        await page.evaluate(() => window.scrollBy(0, 600));
        return false;
      }, { timeout: 20_000 })
      .toBe(true);
    return link;
  }

  async function api<T>(who: { email: string; password: string }, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { idToken } = await signIn(stack.info.cognitoEndpoint, stack.info.userPoolClientId, who.email, who.password);
    const response = await fetch(stack.info.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: idToken },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }

  async function checkPage(page: Page, name: string) {
    await page.screenshot({ path: join(screenshots, `${name}.png`) });
    expect(await seriousAccessibilityViolations(page), `axe on ${name}`).toEqual([]);
  }

  it("a viewer signs in, sees the rows, searches, opens a title, adds it to My List and plays it", async () => {
    const page = await newPage();
    await page.goto(web.url);
    await checkPage(page, "sign-in");
    await signInAndPickProfile(page, web.url, viewer.email, viewer.password);

    await page.getByTestId("row-continue-watching").locator(".card").first().waitFor();
    if (recommendationDescriptors.some((descriptor) => descriptor.field === "topPicks")) {
      await page.getByTestId("row-topPicks").locator(".card").first().waitFor();
    }
    await expect.poll(() => page.locator("section.row").count()).toBeGreaterThan(2);
    await checkPage(page, "home");

    // Search as you type, then open the first result with the keyboard.
    await page.getByRole("link", { name: "Search" }).click();
    await page.getByLabel("Search titles").pressSequentially("star", { delay: 40 });
    const results = page.locator('[data-results-for="star"] .card-link');
    await results.first().waitFor();
    await checkPage(page, "search");
    await results.first().focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("title-page").waitFor();
    const titleId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await checkPage(page, "title");

    // My List, confirmed by the API.
    const toggle = page.getByTestId("my-list-toggle");
    if ((await toggle.getAttribute("aria-pressed")) === "true") {
      await toggle.click();
      await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("false");
    }
    await toggle.dblclick();
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    const { profiles } = await api<{ profiles: Array<{ id: string }> }>(viewer, "query { profiles { id } }");
    const profileId = profiles[0]!.id;
    const listed = await api<{ myList: { items: Array<{ title: { id: string } }> } }>(viewer, "query($p: ID!) { myList(profileId: $p, limit: 50) { items { title { id } } } }", { p: profileId });
    expect(listed.myList.items.filter((item) => item.title.id === titleId)).toHaveLength(1);

    // Play a few seconds, pause with the keyboard: the API has the progress.
    await page.getByTestId("play").click();
    await page.getByTestId("player").waitFor();
    expect(await page.getByTestId("sample-clip-label").innerText()).toContain("Sample clip");
    await page.waitForFunction(() => (document.querySelector("video")?.currentTime ?? 0) >= 3, undefined, { timeout: 30_000 });
    await checkPage(page, "player");
    await page.getByTestId("play-pause").focus();
    await page.keyboard.press("Space");
    await page.waitForFunction(() => document.querySelector("video")?.paused === true);
    const history = () =>
      api<{ history: { items: Array<{ title: { id: string }; positionSeconds: number; durationSeconds: number }> } }>(
        viewer,
        "query($p: ID!) { history(profileId: $p, limit: 50) { items { title { id } positionSeconds durationSeconds } } }",
        { p: profileId },
      ).then((answer) => answer.history.items.find((item) => item.title.id === titleId) ?? null);
    await expect.poll(history, { timeout: 15_000 }).toMatchObject({ positionSeconds: expect.any(Number) });
    const recorded = (await history())!;
    expect(recorded.positionSeconds).toBeGreaterThanOrEqual(3);
    expect(recorded.durationSeconds).toBeGreaterThan(300);

    // Genre browsing, for the screenshot and axe.
    await page.getByRole("link", { name: "Genres" }).click();
    await page.locator(".genre-tile").first().click();
    await page.getByTestId("genre-page").locator(".card").first().waitFor();
    await checkPage(page, "genre");
  }, 180_000);

  it("a network drop during playback keeps the progress and sends it when the network is back", async () => {
    const page = await newPage();
    await signInAndPickProfile(page, web.url, viewer.email, viewer.password);
    await (await genreCardLink(page, 1)).click();
    await page.getByTestId("title-page").waitFor();
    const titleId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.getByTestId("play").click();
    await page.waitForFunction(() => (document.querySelector("video")?.currentTime ?? 0) >= 2, undefined, { timeout: 30_000 });

    await page.context().setOffline(true);
    await page.getByTestId("play-pause").click();
    await page.waitForFunction(() => (JSON.parse(localStorage.getItem("marquee.progress-queue") ?? "[]") as unknown[]).length > 0);
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("marquee.progress-queue")!) as Array<{ titleId: string; positionSeconds: number }>);
    expect(kept.at(-1)).toMatchObject({ titleId, positionSeconds: expect.any(Number) });

    await page.context().setOffline(false);
    await page.waitForFunction(() => localStorage.getItem("marquee.progress-queue") === null, undefined, { timeout: 20_000 });
    const { profiles } = await api<{ profiles: Array<{ id: string }> }>(viewer, "query { profiles { id } }");
    const history = await api<{ history: { items: Array<{ title: { id: string }; positionSeconds: number }> } }>(
      viewer,
      "query($p: ID!) { history(profileId: $p, limit: 50) { items { title { id } positionSeconds } } }",
      { p: profiles[0]!.id },
    );
    expect(history.history.items.find((item) => item.title.id === titleId)?.positionSeconds).toBe(kept.at(-1)!.positionSeconds);
  }, 120_000);

  it("playing to the end shows the title as finished, and the API agrees", async () => {
    const page = await newPage();
    await signInAndPickProfile(page, web.url, viewer.email, viewer.password);
    await (await genreCardLink(page, 2)).click();
    await page.getByTestId("title-page").waitFor();
    const titleId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.getByTestId("play").click();
    await page.waitForFunction(() => (document.querySelector("video")?.currentTime ?? 0) > 0.5, undefined, { timeout: 30_000 });
    // Keyboard: the scrubber jumps to the end.
    await page.getByTestId("scrubber").focus();
    await page.keyboard.press("End");
    await page.getByTestId("finished").waitFor();
    const { profiles } = await api<{ profiles: Array<{ id: string }> }>(viewer, "query { profiles { id } }");
    const status = async () =>
      (
        await api<{ history: { items: Array<{ title: { id: string }; status: string }> } }>(
          viewer,
          "query($p: ID!) { history(profileId: $p, limit: 50) { items { title { id } status } } }",
          { p: profiles[0]!.id },
        )
      ).history.items.find((item) => item.title.id === titleId)?.status;
    await expect.poll(status, { timeout: 15_000 }).toBe("FINISHED");
  }, 120_000);

  it("an expired session asks to sign in on the same page, then shows it", async () => {
    const page = await newPage();
    await signInAndPickProfile(page, web.url, viewer.email, viewer.password);
    await page.getByTestId("row-continue-watching").locator(".card-link").first().waitFor();
    await (await genreCardLink(page, 0)).click();
    await page.getByTestId("title-page").waitFor();
    const where = page.url();

    // The id token ran out and the refresh token is no longer accepted.
    await page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem("marquee.session")!);
      localStorage.setItem("marquee.session", JSON.stringify({ ...stored, expiresAt: 0, refreshToken: "revoked-refresh-token" }));
    });
    await page.reload();
    await page.getByText("Your session ended").waitFor();
    expect(page.url()).toBe(where);

    await page.getByLabel("Email").fill(viewer.email);
    await page.getByLabel("Password").fill(viewer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("title-page").waitFor();
    expect(page.url()).toBe(where);
  }, 120_000);

  it("the content team edits a title; a viewer cannot reach the editor", async () => {
    const page = await newPage();
    await signInAndPickProfile(page, web.url, editor.email, editor.password);
    await page.getByRole("link", { name: "Editor" }).click();
    await page.getByLabel("Find a title to edit").fill("star");
    await page.locator('[data-results-for="star"] .editor-result').first().click();
    await page.getByTestId("title-editor").waitFor();
    const titleId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    const before = await api<{ title: { version: number; year: number | null } }>(editor, "query($id: ID!) { title(id: $id) { version year } }", { id: titleId });

    const year = page.getByLabel("Year");
    await year.fill(String((before.title.year ?? 2000) + 1));
    await page.getByLabel("Maturity rating").selectOption("THIRTEEN_PLUS");
    await page.getByTestId("save-title").dblclick();
    await page.getByText(/Saved \(version \d+\)/).waitFor();
    await checkPage(page, "editor");

    const after = await api<{ title: { version: number; year: number; maturity: string } }>(editor, "query($id: ID!) { title(id: $id) { version year maturity } }", { id: titleId });
    // One save, whatever the double-click.
    expect(after.title).toEqual({ version: before.title.version + 1, year: (before.title.year ?? 2000) + 1, maturity: "THIRTEEN_PLUS" });

    const viewerPage = await newPage();
    await signInAndPickProfile(viewerPage, web.url, viewer.email, viewer.password);
    expect(await viewerPage.getByRole("link", { name: "Editor" }).count()).toBe(0);
    await viewerPage.goto(`${web.url}editor/${encodeURIComponent(titleId)}`);
    await viewerPage.getByTestId("not-content-team").waitFor();
    expect(await viewerPage.getByTestId("title-editor").count()).toBe(0);
  }, 120_000);

  it("a newcomer signs up and lands on their profiles (the local stack confirms the account)", async () => {
    const page = await newPage();
    await page.goto(`${web.url}signup`);
    const email = `newcomer+${Date.now()}@marquee.test`;
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("Newcomer-pass-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.locator(".picker-profile").first().waitFor();
    await checkPage(page, "profiles");
    expect(await page.locator(".picker-profile").count()).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
