// scratch: delete
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startStack } from "../src/stack.ts";
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const stack = await startStack({ repoRoot, persistent: false, seed: "full", log: (l) => console.log("stack:", l) });
writeFileSync("/tmp/benchwork/stack.json", JSON.stringify(stack.info));
console.log("READY");
process.on("SIGTERM", () => { stack.stop().then(() => process.exit(0)); });
process.on("SIGINT", () => { stack.stop().then(() => process.exit(0)); });
setInterval(() => {}, 1 << 30);
