// Runs the conformance programs on CPython 3.14 (pyodide under node) on the virtual-time loop.
//
//   node conformance/run.mjs [--check] [-v] [PROGRAM...]
//   node conformance/run.mjs --trace PROGRAM...
//
// Without --check it writes conformance/golden/NAME.txt for every program (or the ones named:
// a file name, or any prefix of one such as its NNN number). With --check it writes nothing and exits 1
// listing every program whose transcript differs from its golden file (or whose golden is missing).
// A program that raises ends its transcript with "!! ExcType: message" and makes the run exit 1.
// Every program also runs twice more with other objects kept alive (so its objects get other
// addresses); a transcript that changes depends on object identity (say, the order of a set of
// tasks), which the suite must not: that is reported and makes the run exit 1 too.
// --trace prints the named programs' transcripts with every handle the loop runs (its iteration,
// time and a label) interleaved, to compare an engine's order step by step; it writes nothing.
// Exit 2: bad usage, or pyodide is not installed (npm ci --prefix conformance).
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const programsDir = join(here, "programs");
const goldenDir = join(here, "golden");

function usage(msg) {
  console.error(`run.mjs: ${msg}`);
  console.error("usage: node conformance/run.mjs [--check] [-v] [PROGRAM...] | --trace PROGRAM...");
  process.exit(2);
}

let check = false;
let verbose = false;
let trace = false;
const wanted = [];
for (const arg of process.argv.slice(2)) {
  if (arg === "--check") check = true;
  else if (arg === "-v") verbose = true;
  else if (arg === "--trace") trace = true;
  else if (arg.startsWith("-")) usage(`unknown flag ${arg}`);
  else wanted.push(arg);
}

if (trace && (check || wanted.length === 0)) usage("--trace needs program names and no --check");

const all = readdirSync(programsDir).filter((f) => /^\d{3}_[a-z0-9_]+\.py$/.test(f)).sort();
let programs = all;
if (wanted.length > 0) {
  programs = [];
  for (const w of wanted) {
    const base = w.replace(/^.*\//, "").replace(/\.(py|txt)$/, "");
    const hits = all.filter((f) => f.startsWith(base));
    if (hits.length === 0) usage(`no program matches ${JSON.stringify(w)} in ${programsDir}`);
    for (const h of hits) if (!programs.includes(h)) programs.push(h);
  }
}

const pyodideEntry = join(here, "node_modules", "pyodide", "pyodide.mjs");
if (!existsSync(pyodideEntry)) {
  usage(`pyodide is not installed at ${pyodideEntry} (run: npm ci --prefix conformance)`);
}
const { loadPyodide } = await import(pathToFileURL(pyodideEntry).href);
const py = await loadPyodide();
py.FS.mkdirTree("/conformance");
for (const f of ["vtloop.py", "harness.py", "test_vtloop.py"]) {
  py.FS.writeFile(`/conformance/${f}`, readFileSync(join(here, f), "utf8"));
}
py.runPython(`
import sys, asyncio
asyncio.events._set_running_loop(None)  # pyodide installs its own WebLoop as the running loop
sys.path.insert(0, "/conformance")
import harness
`);
const harness = py.globals.get("harness");
const runProgram = harness.run_program;

// vtloop's own rules first (test_vtloop.py): goldens from a broken loop are worthless.
{
  const res = harness.selftest();
  const [ok, report] = res.toJs();
  res.destroy();
  if (!ok) {
    console.error(`vtloop self-test failed:\n${report}`);
    process.exit(1);
  }
}

if (trace) {
  for (const name of programs) {
    const res = runProgram.callKwargs(name, readFileSync(join(programsDir, name), "utf8"), { trace: true });
    const [transcript] = res.toJs();
    res.destroy();
    process.stdout.write(`== ${name}\n${transcript}`);
  }
  process.exit(0);
}

const perturbations = [3, 31, 1999];
let failed = 0;
const differing = [];
const unstable = [];
for (const name of programs) {
  const source = readFileSync(join(programsDir, name), "utf8");
  const res = runProgram(name, source);
  const [transcript, programFailed, stderr] = res.toJs();
  res.destroy();
  const golden = join(goldenDir, name.replace(/\.py$/, ".txt"));
  if (programFailed) {
    failed++;
    const lines = transcript.trimEnd().split("\n");
    console.error(`FAIL ${name}: ${lines[lines.length - 1]}`);
  }
  if (verbose && stderr) console.error(`-- ${name} stderr:\n${stderr}`);
  for (const p of perturbations) {
    const again = runProgram(name, source, p);
    const other = again.toJs()[0];
    again.destroy();
    if (other !== transcript) {
      unstable.push(`${name}: transcript changes with object addresses (perturbation ${p})\n${diff(transcript, other)}`);
      break;
    }
  }
  if (check) {
    const want = existsSync(golden) ? readFileSync(golden, "utf8") : null;
    if (want === null) differing.push(`${name}: no golden file ${golden}`);
    else if (want !== transcript) differing.push(`${name}: transcript differs from ${golden}\n${diff(want, transcript)}`);
  } else {
    writeFileSync(golden, transcript);
  }
}

if (check && wanted.length === 0) {
  const names = new Set(all.map((f) => f.replace(/\.py$/, ".txt")));
  for (const g of readdirSync(goldenDir).filter((f) => f.endsWith(".txt")).sort()) {
    if (!names.has(g)) differing.push(`${g}: golden file without a program`);
  }
}

if (unstable.length > 0) {
  console.error(`${unstable.length} program(s) depend on object identity:`);
  for (const u of unstable) console.error(`  ${u}`);
}
if (differing.length > 0) {
  console.error(`${differing.length} difference(s):`);
  for (const d of differing) console.error(`  ${d}`);
}
console.error(`${programs.length} program(s) run, ${failed} failed, ${unstable.length} identity-dependent${check ? `, ${differing.length} differ` : ", goldens written"}`);
process.exit(failed > 0 || unstable.length > 0 || differing.length > 0 ? 1 : 0);

// diff shows the first differing line of two transcripts with a little context.
function diff(want, got) {
  const a = want.replace(/\n$/, "").split("\n");
  const b = got.replace(/\n$/, "").split("\n");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `    line ${i + 1}:\n      want: ${a[i] ?? "(end)"}\n      got:  ${b[i] ?? "(end)"}`;
}
