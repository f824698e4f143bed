// Every case of shared/conformance/appsync/cases.json (recorded AppSync outputs) as its own test.
import { afterAll, describe, expect, test } from "vitest";
import { loadCases, matchesExpectation, runCase } from "./corpus.ts";
import { knownDifferences } from "./known-differences.ts";

const cases = loadCases();
let passing = 0;

describe("APPSYNC_JS conformance corpus", () => {
  test("covers the whole corpus and lists only real case ids as known differences", () => {
    expect(cases.length).toBeGreaterThanOrEqual(206);
    const ids = new Set(cases.map((testCase) => testCase.id));
    expect(Object.keys(knownDifferences).filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const testCase of cases) {
    const knownDifference = knownDifferences[testCase.id];
    const title = `${testCase.id}: ${testCase.call}`;
    if (knownDifference) {
      test(`${title} (known difference: ${knownDifference})`, () => {
        const { pass } = matchesExpectation(testCase, runCase(testCase));
        // once it passes, remove it from known-differences.ts
        expect(pass, "this case now matches AWS").toBe(false);
      });
    } else {
      test(title, () => {
        const { pass, detail } = matchesExpectation(testCase, runCase(testCase));
        expect(pass, `${testCase.compare} against ${JSON.stringify(testCase.expected)}, got ${detail}`).toBe(true);
        passing += 1;
      });
    }
  }

  afterAll(() => {
    console.log(`conformance: ${passing}/${cases.length} cases pass, ${Object.keys(knownDifferences).length} known differences`);
  });
});
