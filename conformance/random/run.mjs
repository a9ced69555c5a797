// Runs random/interp.py on CPython 3.14 (pyodide 314.0.7, from npm ci --prefix conformance)
// over random/programs.json and writes random/cpython.json: the transcripts random_test.go
// compares sim's with. Usage: node conformance/random/run.mjs
import { loadPyodide } from "pyodide";
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";
const here = path.dirname(fileURLToPath(import.meta.url));
const py = await loadPyodide();
py.FS.mkdirTree("/work");
py.FS.writeFile("/work/vtloop.py", fs.readFileSync(path.join(here, "..", "vtloop.py"), "utf8"));
py.FS.writeFile("/work/programs.json", fs.readFileSync(path.join(here, "programs.json"), "utf8"));
py.setStderr({ batched: () => {} });
py.runPython("import os, sys, asyncio\nos.chdir('/work')\nsys.path.insert(0, '/work')\nasyncio.events._set_running_loop(None)\n");
py.runPython(fs.readFileSync(path.join(here, "interp.py"), "utf8"));
fs.writeFileSync(path.join(here, "cpython.json"), py.FS.readFile("/work/cpython.json", { encoding: "utf8" }));
