/// <reference lib="dom" />
// The web client's budgets, measured in real Chromium against a local stack: initial JS under 200 KB
// gzip, home rendered with its rows within 1.5 s of navigation, search results within 300 ms of the
// last keystroke. `measureWebBudgets` is what `npm run bench` calls; run this file alone to start a
// sample stack and print the figures: `npx tsx packages/offline/bench/web.ts`.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { chromiumMissing, launchChromium, serveBuiltWeb, signInAndPickProfile } from "@marquee/web/harness/browser";
import type { WebStackInfo } from "@marquee/web/server/web-server";
import { median } from "./report.ts";

export const webBudgets = { initialJsGzipBytes: 200 * 1024, homeMs: 1500, searchMs: 300 };

export type WebBenchReport = {
  initialJs: { files: Array<{ file: string; bytes: number; gzipBytes: number }>; gzipBytes: number };
  /** Navigation start to the home rows on screen, per page load (the first with a cold HTTP cache). */
  homeMs: number[];
  /** Last keystroke to the results of the typed query on screen, per query. */
  searchMs: number[];
  /** Where that time went, per query: waiting out the debounce, the request, drawing the results. */
  searchParts: Array<{ debounceMs: number; requestMs: number; renderMs: number }>;
  budgets: typeof webBudgets;
  pass: { initialJs: boolean; home: boolean; search: boolean };
  /** The machine's 1-minute load average during the run: timings on a busy machine are the machine's. */
  loadAverage: number;
};

export type WebBenchOptions = {
  stackInfo: WebStackInfo & { demoUsers: ReadonlyArray<{ email: string; password: string }> };
  homeLoads?: number;
  searches?: string[];
  log?: (line: string) => void;
};

const defaultSearches = ["star", "love", "the dark", "man", "war", "king", "night", "life"];

export async function measureWebBudgets(options: WebBenchOptions): Promise<WebBenchReport> {
  const missing = chromiumMissing();
  if (missing) throw new Error(`The web budgets need Chromium: ${missing}.`);
  const viewer = options.stackInfo.demoUsers[0];
  if (!viewer) throw new Error("The stack has no demo user to sign in with.");
  const web = await serveBuiltWeb(options.stackInfo, options.log);
  const browser = await launchChromium();
  try {
    const initialJs = initialJavaScript(web.outDir);

    // Sign in once; each measured load reuses the session and the chosen profile, as a returning viewer.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await signInAndPickProfile(await context.newPage(), web.url, viewer.email, viewer.password);
    const storageState = await context.storageState();
    await context.close();

    const homeMs: number[] = [];
    const homeContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
    for (let load = 0; load < (options.homeLoads ?? 5); load++) {
      const page = await homeContext.newPage();
      await page.goto(web.url);
      homeMs.push(await markTime(page, "marquee:home-ready"));
      await page.close();
    }
    await homeContext.close();

    const searchContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
    const page = await searchContext.newPage();
    await page.addInitScript(() => {
      window.addEventListener("keydown", () => ((window as unknown as { lastKeyAt: number }).lastKeyAt = performance.now()), true);
    });
    await page.goto(`${web.url}search`);
    const input = page.getByLabel("Search titles");
    await input.waitFor();
    const searchMs: number[] = [];
    const searchParts: WebBenchReport["searchParts"] = [];
    for (const query of options.searches ?? defaultSearches) {
      await input.fill("");
      await page.waitForFunction(() => !document.querySelector("[data-results-for]"));
      // Typed like a person (60 ms between keys), so the debounce and cancellation are part of the figure.
      await input.pressSequentially(query, { delay: 60 });
      const shownAt = await markTime(page, "marquee:search-results", query);
      const lastKeyAt = await page.evaluate(() => (window as unknown as { lastKeyAt: number }).lastKeyAt);
      searchMs.push(shownAt - lastKeyAt);
      const request = await page.evaluate((after) => {
        const entries = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((entry) => entry.name.endsWith("/graphql") && entry.startTime >= after);
        const last = entries.at(-1);
        return last ? { startTime: last.startTime, responseEnd: last.responseEnd } : null;
      }, lastKeyAt);
      if (request) searchParts.push({ debounceMs: request.startTime - lastKeyAt, requestMs: request.responseEnd - request.startTime, renderMs: shownAt - request.responseEnd });
    }
    await searchContext.close();

    const report: WebBenchReport = {
      initialJs,
      homeMs,
      searchMs,
      searchParts,
      budgets: webBudgets,
      loadAverage: loadavg()[0]!,
      pass: {
        initialJs: initialJs.gzipBytes < webBudgets.initialJsGzipBytes,
        home: median(homeMs) < webBudgets.homeMs,
        search: median(searchMs) < webBudgets.searchMs,
      },
    };
    return report;
  } finally {
    await browser.close();
    await web.stop();
  }
}

/** The JavaScript index.html loads before anything shows: its entry script and modulepreloads. */
export function initialJavaScript(distDirectory: string): WebBenchReport["initialJs"] {
  const html = readFileSync(join(distDirectory, "index.html"), "utf8");
  const sources = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((match) => match[1]!);
  const files = [...new Set(sources)].map((source) => {
    const contents = readFileSync(join(distDirectory, source.replace(/^\//, "")));
    return { file: source, bytes: contents.length, gzipBytes: gzipSync(contents, { level: 9 }).length };
  });
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

/** When the app set a performance mark (ms since navigation start), waiting for it to be set. */
async function markTime(page: Page, name: string, detail?: string): Promise<number> {
  const handle = await page.waitForFunction(
    ([markName, markDetail]) => {
      const marks = performance.getEntriesByName(markName, "mark") as PerformanceMark[];
      const mark = marks.findLast((candidate) => markDetail === null || candidate.detail === markDetail);
      return mark ? mark.startTime : null;
    },
    [name, detail ?? null] as const,
    { timeout: 15_000 },
  );
  return (await handle.jsonValue()) as number;
}

function availableCores(): number {
  return cpus().length;
}

export function formatWebBenchReport(report: WebBenchReport): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (values: number[]) => values.map((value) => Math.round(value)).join(", ");
  const verdict = (ok: boolean) => (ok ? "ok" : "OVER BUDGET");
  return [
    `web: initial JS ${kb(report.initialJs.gzipBytes)} gzip in ${report.initialJs.files.length} file(s) (budget < ${kb(report.budgets.initialJsGzipBytes)}): ${verdict(report.pass.initialJs)}`,
    `web: home rendered with its rows, median ${Math.round(median(report.homeMs))} ms (loads: ${ms(report.homeMs)}; budget < ${report.budgets.homeMs} ms): ${verdict(report.pass.home)}`,
    `web: search results after the last keystroke, median ${Math.round(median(report.searchMs))} ms, max ${Math.round(Math.max(...report.searchMs))} ms (${report.searchMs.length} queries; budget < ${report.budgets.searchMs} ms): ${verdict(report.pass.search)}`,
    `web: search time split (medians): debounce and scheduling ${Math.round(median(report.searchParts.map((part) => part.debounceMs)))} ms, request ${Math.round(median(report.searchParts.map((part) => part.requestMs)))} ms, drawing the results ${Math.round(median(report.searchParts.map((part) => part.renderMs)))} ms`,
    `web: measured in headless Chromium on this machine, load average ${report.loadAverage.toFixed(1)} on ${availableCores()} cores`,
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { startStack } = await import("../src/stack.ts");
  const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
  const stack = await startStack({ repoRoot, persistent: false, seed: "sample" });
  try {
    const report = await measureWebBudgets({ stackInfo: stack.info, log: (line) => console.log(`[web] ${line}`) });
    for (const line of formatWebBenchReport(report)) console.log(line);
    process.exitCode = Object.values(report.pass).every(Boolean) ? 0 : 1;
  } finally {
    await stack.stop();
  }
}
