// Builds src/cells/dataset/builtin-data.json from reference/data/*.csv (R's write.csv output).
// The JSON is committed so both tsx (Node) and vite (browser) load it with a plain import, no fs.
// Run: node scripts/build-datasets.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

const datasets = {
  sleepstudy: "Reaction times (ms) of 18 subjects over 10 days of sleep deprivation (lme4).",
  cbpp: "Contagious bovine pleuropneumonia: new cases per herd and period, with herd size (lme4).",
  Dyestuff: "Yield of dyestuff (grams of standard colour) from 5 samples in each of 6 batches (lme4).",
  Dyestuff2: "Simulated dyestuff yields with no batch-to-batch variation (lme4).",
  Penicillin: "Diameter of growth-inhibition zones: 6 penicillin samples on 24 plates (lme4).",
};

// write.csv quotes every string (factors included) and leaves numbers bare, so quoting alone says
// which columns are factors; that keeps "308" a Subject level, not the number 308.
function parseField(text) {
  if (text.startsWith('"')) return text.slice(1, -1).replaceAll('""', '"');
  if (text === "NA") return null;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${text}`);
  return n;
}

function splitLine(line) {
  const fields = [];
  let i = 0;
  while (i <= line.length) {
    let j;
    if (line[i] === '"') {
      j = i + 1;
      while (j < line.length && !(line[j] === '"' && line[j + 1] !== '"')) j += line[j] === '"' ? 2 : 1;
      j += 1;
    } else {
      j = line.indexOf(",", i);
      if (j < 0) j = line.length;
    }
    fields.push(line.slice(i, j));
    i = j + 1;
  }
  return fields;
}

const out = {};
for (const [name, description] of Object.entries(datasets)) {
  const lines = readFileSync(`${root}reference/data/${name}.csv`, "utf8").trim().split(/\r?\n/);
  const header = splitLine(lines[0]).map(parseField);
  const columns = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) {
    const fields = splitLine(line);
    if (fields.length !== header.length) throw new Error(`${name}: bad line ${line}`);
    fields.forEach((f, k) => columns[header[k]].push(parseField(f)));
  }
  out[name] = { description, source: `reference/data/${name}.csv`, columns };
}
writeFileSync(`${root}src/cells/dataset/builtin-data.json`, JSON.stringify(out) + "\n");
console.log(`wrote ${Object.keys(out).length} datasets`);
