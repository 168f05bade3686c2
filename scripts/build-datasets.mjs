// Builds src/cells/dataset/builtin-data.json from reference/data/*.csv (R's write.csv output), and
// one dictionary-encoded JSON per large dataset in src/cells/dataset/large/ (see encodeColumn).
// The JSON is committed so both tsx (Node) and vite (browser) load it with an import, no fs; the
// large ones are imported dynamically so Vite puts each in its own chunk, out of the main bundle.
// Run: node scripts/build-datasets.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

// Descriptions of the large datasets live in src/cells/dataset/lazy.ts, which must know them
// without loading the data.
const largeDatasets = ["InstEval"];

function readColumns(name) {
  const lines = readFileSync(`${root}reference/data/${name}.csv`, "utf8").trim().split(/\r?\n/);
  const header = splitLine(lines[0]).map(parseField);
  const columns = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) {
    const fields = splitLine(line);
    if (fields.length !== header.length) throw new Error(`${name}: bad line ${line}`);
    fields.forEach((f, k) => columns[header[k]].push(parseField(f)));
  }
  return columns;
}

// A column as its distinct values (`levels`, in order of first appearance; the model frame sorts
// factor levels itself) and one little-endian code per row, 1 or 2 bytes wide, in base64: InstEval
// becomes ~0.9 MB instead of ~2.3 MB of CSV or far more as an array of row objects, and decodes in
// a few milliseconds. NA is a level like any other (null).
function encodeColumn(values) {
  const index = new Map();
  const levels = [];
  for (const v of values) {
    if (!index.has(v)) {
      index.set(v, levels.length);
      levels.push(v);
    }
  }
  const width = levels.length <= 256 ? 1 : levels.length <= 65536 ? 2 : 0;
  if (!width) throw new Error(`too many distinct values (${levels.length}) to encode`);
  const bytes = Buffer.alloc(values.length * width);
  values.forEach((v, i) => (width === 1 ? bytes.writeUInt8(index.get(v), i) : bytes.writeUInt16LE(index.get(v), 2 * i)));
  return { levels, width, codes: bytes.toString("base64") };
}

const out = {};
for (const [name, description] of Object.entries(datasets)) {
  out[name] = { description, source: `reference/data/${name}.csv`, columns: readColumns(name) };
}
writeFileSync(`${root}src/cells/dataset/builtin-data.json`, JSON.stringify(out) + "\n");
console.log(`wrote ${Object.keys(out).length} datasets`);

mkdirSync(`${root}src/cells/dataset/large`, { recursive: true });
for (const name of largeDatasets) {
  const columns = readColumns(name);
  const rows = Object.values(columns)[0].length;
  const encoded = { source: `reference/data/${name}.csv`, rows, columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, encodeColumn(v)])) };
  writeFileSync(`${root}src/cells/dataset/large/${name}.json`, JSON.stringify(encoded) + "\n");
  console.log(`wrote large/${name}.json (${rows} rows)`);
}
