// Minifies client/dnma-client.js into dist/client/dnma-client.min.js (run by `npm run build`).
// The tag script inlines the minified file on every tagged page, so its size is the budget.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "client", "dnma-client.js"), "utf8");
const { code } = transformSync(source, {
  minify: true,
  target: "es5",
  charset: "ascii",
  legalComments: "none",
});

mkdirSync(join(root, "dist", "client"), { recursive: true });
writeFileSync(join(root, "dist", "client", "dnma-client.min.js"), code);
process.stdout.write(`dist/client/dnma-client.min.js: ${Buffer.byteLength(code)} bytes\n`);
