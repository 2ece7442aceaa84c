// `node scripts/bench-profile.mjs <file.cpuprofile> [--top N]`: where a run's time goes. Summarises a V8 CPU
// profile (`node --cpu-prof --cpu-prof-dir DIR dist/generator/cli.js generate --no-cache …`) by self time,
// first per module (a package under node_modules, a file of the generator, or node's own), then per
// function, and, with `--inclusive name,name…`, the total time under each named function (its callees
// included; a sample counts once per name however deep the recursion). Used to find what a cold generate spends its time on (README "Benchmarks").
import { readFileSync } from "node:fs";

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node scripts/bench-profile.mjs <file.cpuprofile> [--top N]\n");
  process.exit(2);
}
const topIndex = rest.indexOf("--top");
const top = topIndex >= 0 ? Number(rest[topIndex + 1]) : 25;
const inclusiveIndex = rest.indexOf("--inclusive");
const inclusiveNames = inclusiveIndex >= 0 ? rest[inclusiveIndex + 1].split(",") : [];
const profile = JSON.parse(readFileSync(file, "utf8"));

// Each sample names the node running; the time until the next sample is that node's self time.
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const delta = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
}

/** The module a URL belongs to: a package (with its first folder), a generator file, node's own or V8's. */
function moduleOf(url) {
  if (!url) return "(v8: gc, program, idle)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:([^/]+)\/)?/.exec(url);
  if (pkg) return `${pkg[1]}${pkg[2] && !pkg[2].includes(".") ? `/${pkg[2]}` : ""}`;
  const own = /\/(dist\/generator\/.*|generator\/.*|scripts\/.*)$/.exec(url);
  if (own) return own[1];
  return url.startsWith("node:") ? url : `other: ${url.slice(-60)}`;
}

const byModule = new Map();
const byFunction = new Map();
let total = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const mod = moduleOf(url);
  byModule.set(mod, (byModule.get(mod) ?? 0) + us);
  const fn = `${functionName || "(anonymous)"} ${mod}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}

const print = (title, map) => {
  console.log(`\n${title}`);
  const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, us] of rows) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
print("Self time by module", byModule);
print("Self time by function", byFunction);

if (inclusiveNames.length > 0) {
  // Each node's ancestors' function names, from the tree's child links.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map(inclusiveNames.map((n) => [n, 0]));
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at).callFrame.functionName;
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, inclusive.get(name) + us);
      }
    }
  }
  print("Total time under each named function", inclusive);
}
