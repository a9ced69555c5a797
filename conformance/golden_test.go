// Package conformance_test checks the CPython 3.14 side of the conformance suite (issue 12): the
// Python programs in programs/ and the transcripts CPython printed for them in golden/.
//
// TestSuiteIsWhole needs nothing but Go. TestGoldensMatchCPython re-runs every program on
// CPython 3.14 (pyodide under node) and needs node and `npm ci --prefix conformance`; it skips
// without them unless BREWLOOP_REQUIRE_PYODIDE=1 (CI sets it), which turns the skip into a failure.
package conformance_test

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const minPrograms = 60

var (
	programName = regexp.MustCompile(`^\d{3}_[a-z0-9_]+\.py$`)
	// transcriptLine is what vtloop.say prints: HH:MM:SS.mmm who: text.
	transcriptLine = regexp.MustCompile(`^\d{2,}:[0-5]\d:[0-5]\d\.\d{3} [^\s:][^:]*: .*\S.*$`)
	// defaultTaskName is a name asyncio makes up ("Task-12"); its number depends on how many
	// tasks the process made before, so programs must name the tasks they print.
	defaultTaskName = regexp.MustCompile(`\bTask-\d+\b`)
)

// listDir returns the names in dir that match keep, sorted.
func listDir(t *testing.T, dir string, keep func(string) bool) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("os.ReadDir(%q): %v", dir, err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && keep(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

func TestSuiteIsWhole(t *testing.T) {
	programs := listDir(t, "programs", func(n string) bool { return strings.HasSuffix(n, ".py") })
	goldens := listDir(t, "golden", func(string) bool { return true })
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatalf("os.ReadFile(README.md): %v", err)
	}

	stems := map[string]bool{}
	for _, p := range programs {
		if !programName.MatchString(p) {
			t.Errorf("programs/%s: name must look like NNN_topic_name.py", p)
			continue
		}
		stem := strings.TrimSuffix(p, ".py")
		if stems[stem[:3]] {
			t.Errorf("programs/%s: number %s is used twice", p, stem[:3])
		}
		stems[stem[:3]] = true
		stems[stem] = true
		checkProgram(t, p)
		if _, err := os.Stat(filepath.Join("golden", stem+".txt")); err != nil {
			t.Errorf("programs/%s has no golden/%s.txt (run node conformance/run.mjs %s)", p, stem, stem[:3])
		}
		if !bytes.Contains(readme, []byte("`"+stem+"`")) {
			t.Errorf("README.md's table does not list `%s`", stem)
		}
	}
	for _, g := range goldens {
		stem, ok := strings.CutSuffix(g, ".txt")
		if !ok {
			t.Errorf("golden/%s: only NNN_topic_name.txt files belong here", g)
			continue
		}
		if !stems[stem] {
			t.Errorf("golden/%s has no program programs/%s.py", g, stem)
		}
		checkGolden(t, g)
	}
	if len(programs) < minPrograms {
		t.Errorf("%d programs in programs/, want at least %d", len(programs), minPrograms)
	}
}

// checkProgram checks the conventions every program follows (README.md, "Writing a program").
func checkProgram(t *testing.T, name string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("programs", name))
	if err != nil {
		t.Errorf("%v", err)
		return
	}
	text := string(src)
	lines := strings.Count(text, "\n")
	if lines < 10 || lines > 45 {
		t.Errorf("programs/%s has %d lines, want 10-45 (small, one idea each)", name, lines)
	}
	if !strings.HasPrefix(text, "# ") {
		t.Errorf("programs/%s must start with a comment saying what it shows", name)
	}
	for _, want := range []string{"import vtloop as vt\n", "loop_factory=vt.VirtualLoop)"} {
		if !strings.Contains(text, want) {
			t.Errorf("programs/%s does not contain %q", name, want)
		}
	}
	for _, banned := range []string{"print(", "import time", "import random", "id(", "hash("} {
		if strings.Contains(text, banned) {
			t.Errorf("programs/%s uses %q: print only with vt.say; no wall clock, randomness or identity", name, banned)
		}
	}
}

// checkGolden checks that a transcript is non-empty, ends with a newline and is well formed.
func checkGolden(t *testing.T, name string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("golden", name))
	if err != nil {
		t.Errorf("%v", err)
		return
	}
	if len(data) == 0 {
		t.Errorf("golden/%s is empty", name)
		return
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		t.Errorf("golden/%s does not end with a newline", name)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "!! "):
			t.Errorf("golden/%s:%d: the program failed on CPython: %s", name, n, line)
		case !transcriptLine.MatchString(line):
			t.Errorf("golden/%s:%d: %q is not an HH:MM:SS.mmm who: text line", name, n, line)
		case defaultTaskName.MatchString(line):
			t.Errorf("golden/%s:%d: %q prints a default task name; name the task", name, n, line)
		}
	}
}

func TestGoldensMatchCPython(t *testing.T) {
	node := pyodideNode(t)
	cmd := exec.Command(node, "run.mjs", "--check")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		t.Fatalf("node run.mjs --check: %v; the goldens do not match CPython 3.14:\n%s", err, out.String())
	case err != nil:
		t.Fatalf("node run.mjs --check: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), " 0 differ") {
		t.Fatalf("node run.mjs --check exited 0 without reporting its count:\n%s", out.String())
	}
}

// pyodideNode returns the node command that runs CPython 3.14 (pyodide) for the
// tests that compare with it. Without node or the installed pyodide the test
// skips with the reason, or fails under BREWLOOP_REQUIRE_PYODIDE=1 (CI).
func pyodideNode(t *testing.T) string {
	t.Helper()
	skip := func(reason string) {
		t.Helper()
		if os.Getenv("BREWLOOP_REQUIRE_PYODIDE") == "1" {
			t.Fatalf("BREWLOOP_REQUIRE_PYODIDE=1 but %s", reason)
		}
		t.Skip(reason)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skip("node is not installed, so CPython 3.14 (pyodide) cannot run")
	}
	if _, err := os.Stat(filepath.Join("node_modules", "pyodide", "pyodide.mjs")); err != nil {
		skip("pyodide is not installed (npm ci --prefix conformance)")
	}
	return node
}
