// The package-boundary lint: each rule catches what it is for, and the repository passes it.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, lintPackages, readWorkspace, type PackageJson, type SourceFile } from "./lint-packages.ts";

const packages: Record<string, PackageJson> = {
  core: { name: "@marquee/core", dependencies: { electrodb: "*" }, devDependencies: { "@marquee/aws-local": "*" } },
  functions: { name: "@marquee/functions", dependencies: { "@marquee/core": "*", "@aws-appsync/utils": "*" } },
  "appsync-local": { name: "@marquee/appsync-local", dependencies: { "@marquee/appsync-contract": "*", "@marquee/core": "*" } },
  "appsync-contract": { name: "@marquee/appsync-contract" },
  "aws-local": { name: "@marquee/aws-local", dependencies: { "@marquee/core": "*" } },
  offline: { name: "@marquee/offline", dependencies: { "@marquee/core": "*", "@marquee/aws-local": "*" } },
};
const lint = (...files: SourceFile[]) => lintPackages({ files, packages });

describe("lint-packages", () => {
  it("reads static, re-exported, dynamic and type-only imports", () => {
    expect(importsOf(`import a from "a";\nexport * from "./b.ts";\nconst c = await import("c");\nimport type { D } from "d";\n// import "commented";`)).toEqual([
      { specifier: "a", typeOnly: false },
      { specifier: "./b.ts", typeOnly: false },
      { specifier: "c", typeOnly: false },
      { specifier: "d", typeOnly: true },
    ]);
  });

  it("refuses a relative import that leaves its package, and allows one inside it", () => {
    expect(lint({ path: "packages/offline/src/seed.ts", text: `import { x } from "../../core/src/keys.ts";` })).toEqual([
      `packages/offline/src/seed.ts: relative import "../../core/src/keys.ts" leaves its package; import it by package name`,
    ]);
    expect(lint({ path: "packages/offline/src/seed.ts", text: `import { x } from "./catalog.ts";` })).toEqual([]);
  });

  it("refuses an import of a package the importer does not declare", () => {
    expect(lint({ path: "packages/functions/src/lambda/x.ts", text: `import { z } from "zod";` })).toEqual([
      "packages/functions/src/lambda/x.ts: imports zod, which packages/functions/package.json does not declare",
    ]);
  });

  it("refuses deployable code that imports an offline package, but not its tests", () => {
    expect(lint({ path: "packages/core/src/x.ts", text: `import { y } from "@marquee/aws-local/engines/dynamodb";` })).toEqual([
      "packages/core/src/x.ts: deployable code imports the offline package @marquee/aws-local",
    ]);
    expect(lint({ path: "packages/core/test/x.test.ts", text: `import { y } from "@marquee/aws-local/engines/dynamodb";` })).toEqual([]);
  });

  it("refuses an AppSync runtime that imports Marquee", () => {
    expect(lint({ path: "packages/appsync-local/src/x.ts", text: `import { Title } from "@marquee/core/title";` })).toEqual([
      "packages/appsync-local/src/x.ts: the AppSync runtime imports @marquee/core; it must know nothing of Marquee",
    ]);
  });

  it("refuses a package import cycle", () => {
    expect(
      lint(
        { path: "packages/aws-local/src/a.ts", text: `import "@marquee/core/table";` },
        { path: "packages/core/test/b.test.ts", text: `import "@marquee/aws-local/engines/dynamodb";` },
      ),
    ).toEqual(["package import cycle: aws-local -> core -> aws-local"]);
  });

  it("keeps APPSYNC_JS resolvers and what @marquee/core/appsync re-exports free of packages", () => {
    expect(lint({ path: "packages/functions/src/resolvers/Query.x.ts", text: `import { Title } from "@marquee/core/title";` })).toEqual([
      `packages/functions/src/resolvers/Query.x.ts: an APPSYNC_JS resolver imports "@marquee/core/title"; only @aws-appsync/utils and @marquee/core/appsync can run there`,
    ]);
    expect(
      lint(
        { path: "packages/core/src/appsync.ts", text: `export * from "./keys.ts";` },
        { path: "packages/core/src/keys.ts", text: `import type { Entity } from "electrodb";\nimport { helper } from "./util.ts";` },
        { path: "packages/core/src/util.ts", text: `import { Entity } from "electrodb";` },
      ),
    ).toEqual([`packages/core/src/util.ts: reached from @marquee/core/appsync, imports "electrodb"; resolver modules must be dependency-free`]);
  });

  it("finds nothing in this repository", () => {
    expect(lintPackages(readWorkspace(resolve(import.meta.dirname, "..")))).toEqual([]);
  });
});
