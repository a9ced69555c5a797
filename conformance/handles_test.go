package conformance_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/brewloop/brewloop/sim"
)

// traceHandle is a handle line of run.mjs --trace: "    # iteration N t=T label".
var traceHandle = regexp.MustCompile(`^    # iteration \d+ t=(\S+) (.*)$`)

// cpythonTraces runs the named programs with run.mjs --trace and returns, for
// each, its handles (as "t=T", with the label beside) and transcript lines in
// the order CPython ran and printed them, up to the end of main (the handle
// _run_until_complete_cb, which asyncio.run's ending follows).
func cpythonTraces(t *testing.T, node string, names []string) map[string][][2]string {
	t.Helper()
	args := []string{"run.mjs", "--trace"}
	for _, n := range names {
		args = append(args, n[:3])
	}
	cmd := exec.Command(node, args...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node run.mjs --trace: %v\n%s%s", err, out.String(), stderr.String())
	}
	traces := map[string][][2]string{}
	var cur string
	ended := false
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "== "); ok {
			cur, ended = strings.TrimSuffix(name, ".py"), false
			traces[cur] = nil
			continue
		}
		if cur == "" || ended || line == "" {
			continue
		}
		if m := traceHandle.FindStringSubmatch(line); m != nil {
			if strings.Contains(m[2], "_run_until_complete_cb") {
				ended = true
				continue
			}
			traces[cur] = append(traces[cur], [2]string{"t=" + m[1], m[2]})
		} else {
			traces[cur] = append(traces[cur], [2]string{line, ""})
		}
	}
	return traces
}

// simTrace steps main of p on a fresh engine until main's done-callback and returns
// each step (as "t=T", with its label beside) and each transcript line, in
// order. A blocking call's end is a step of its own in sim (the loop view shows
// the loop blocked in between) but the rest of the same handle in asyncio, so
// it is not listed as a step.
func simTrace(p prog) [][2]string {
	o := &out{e: sim.New()}
	defer o.e.Close()
	m := o.e.Spawn("main", func(t *sim.Task) error { return p.main(o, t) })
	// run_until_complete gives main its done-callback _run_until_complete_cb
	// before main's first step, and CPython's trace stops there: handles queued
	// before it (done-callbacks of tasks that ended in main's last iteration)
	// still run.
	ended := false
	m.OnDone(func(*sim.Task) { ended = true })
	var got [][2]string
	for n := 0; !ended; {
		r, _ := o.e.Step() // a failure nobody awaited yet is the program's to see
		if !r.OK {
			got = append(got, [2]string{"(sim stopped: nothing left to run)", ""})
			break
		}
		if ended {
			break // the step was main's done-callback: _run_until_complete_cb
		}
		if r.What != "unblock" {
			got = append(got, [2]string{"t=" + o.now(), r.Label})
		}
		for _, l := range o.lines[n:] {
			got = append(got, [2]string{l, ""})
		}
		n = len(o.lines)
	}
	return got
}

// TestHandlesMatchCPython checks every counterpart one step deeper
// than their transcripts: sim runs one step for each handle CPython runs, at
// the same clock, with each line printed by the same step. Handles that change
// nothing (a shield's bookkeeping callback, an executor job's cancellation
// reaching the loop) do not show in a transcript but are steps of the loop
// view. Like TestGoldensMatchCPython it needs node and pyodide.
func TestHandlesMatchCPython(t *testing.T) {
	node := pyodideNode(t)
	ps := append([]prog(nil), progs...)
	sort.Slice(ps, func(i, j int) bool { return ps[i].name < ps[j].name })
	var names []string
	for _, p := range ps {
		names = append(names, p.name)
	}
	want := cpythonTraces(t, node, names)
	for _, p := range ps {
		t.Run(p.name, func(t *testing.T) {
			w, ok := want[p.name]
			if !ok {
				t.Fatalf("run.mjs --trace printed nothing for %s", p.name)
			}
			got := simTrace(p)
			same := len(got) == len(w)
			for i := 0; same && i < len(got); i++ {
				same = got[i][0] == w[i][0]
			}
			if same {
				return
			}
			var b strings.Builder
			for i := range max(len(got), len(w)) {
				var g, c [2]string
				if i < len(got) {
					g = got[i]
				}
				if i < len(w) {
					c = w[i]
				}
				mark := "  "
				if g[0] != c[0] {
					mark = "!="
				}
				fmt.Fprintf(&b, "\n%s sim     %-30s %s\n   CPython %-30s %s", mark, g[0], g[1], c[0], c[1])
			}
			t.Errorf("%s: sim's steps differ from CPython's handles:%s", p.name, b.String())
		})
	}
}
