// `node scripts/bench-peak-rss.mjs <file> <cli.js> <args…>`: runs the CLI in this process, then writes its
// peak resident set size in KiB (process.resourceUsage().maxRSS) to <file>. The bench measures memory in
// runs of their own, so that this wrapper never touches a timed run.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [file, cli, ...args] = process.argv.slice(2);
const { runAsProcess } = await import(pathToFileURL(cli).href);
await runAsProcess(args);
process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
