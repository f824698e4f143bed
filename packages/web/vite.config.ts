// Vite builds the client into dist/ (deployed by infra/web.ts as a StaticSite). Before a build or a dev
// server, the files derived from schema.graphql are regenerated and the sample clip made if missing.
import react from "@vitejs/plugin-react";
import { join } from "node:path";
import { defineConfig, type Plugin } from "vite";
import { writeGeneratedFiles } from "./scripts/generate.ts";
import { ensureSampleClip } from "./scripts/sample-clip.ts";

function marqueeAssets(): Plugin {
  let publicDirectory = "";
  return {
    name: "marquee-assets",
    configResolved(config) {
      publicDirectory = config.publicDir || join(config.root, "public");
    },
    async buildStart() {
      writeGeneratedFiles();
      await ensureSampleClip(publicDirectory, (line) => this.info(line));
    },
  };
}

export default defineConfig({
  plugins: [react(), marqueeAssets()],
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // React + urql + the main pages are ~320 KB minified (~100 KB gzip, budget 200 KB): warn above that.
    chunkSizeWarningLimit: 400,
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
