package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brewloop/brewloop/model"
)

// TestVerifyStopsOnInterrupt: replay --verify of a long recording ends on an
// interrupt with exit 1, saying nothing was verified (issue 13, item 5).
func TestVerifyStopsOnInterrupt(t *testing.T) {
	dir := t.TempDir()
	recordLive(t, filepath.Join(dir, "good.json"))
	var m map[string]any
	if err := json.Unmarshal([]byte(mustRead(t, filepath.Join(dir, "good.json"))), &m); err != nil {
		t.Fatal(err)
	}
	m["end_ns"] = int64(9000) * 3600e9 // 9000h of virtual time: minutes of work
	b, _ := json.Marshal(m)
	long := filepath.Join(dir, "long.json")
	os.WriteFile(long, b, 0o644)
	code, out, errs := cliCtx(t, interruptSoon(), "replay", long, "--verify")
	if code != 1 || !strings.Contains(errs, "interrupted") || out != "" {
		t.Errorf("replay --verify, interrupted: exit %d, stdout %q, stderr %q; want exit 1, interrupted", code, out, errs)
	}
}

// TestMessagesEscapeUserText: text from flags and files reaches stderr escaped,
// never as an escape sequence (issue 13, item 9).
func TestMessagesEscapeUserText(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"run", "--set", "\x1b]0;pwned\x07=1"},
		{"run", "--scenario", "\x1b[2J"},
		{"run", "--config", filepath.Join(dir, "\x1b[31mred.yaml")},
		{"run", "--trace", filepath.Join(dir, "no\x1b[2Jdir", "t")},
	} {
		code, _, errs := cli(t, args...)
		if code != 2 || strings.ContainsAny(errs, "\x1b\x07") || !strings.Contains(errs, `\x1b`) {
			t.Errorf("brewloop %q: exit %d, stderr %q; want exit 2 with the escape written out", args, code, errs)
		}
	}
}

// TestSmallerCLIFixes: the smaller items of issue 13, item 11.
func TestSmallerCLIFixes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--seed", "-1"}, "the seed must be a whole number from 0 to 18446744073709551615"},
		{[]string{"replay", "x.json", "--speed", "NaN"}, "the speed must be a finite number above 0"},
		{[]string{"replay", "x.json", "--speed", "-2"}, "the speed must be a finite number above 0"},
		{[]string{"replay", "x.json", "--speed", "Inf"}, "the speed must be a finite number above 0"},
		{[]string{"run", "--duration", "soon"}, "a duration is a number with a unit"},
	} {
		code, _, errs := cli(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) || strings.Contains(errs, "strconv") || strings.Contains(errs, "time: ") {
			t.Errorf("brewloop %q: exit %d, stderr %q; want exit 2 saying %q", tc.args, code, errs, tc.want)
		}
	}

	// --record - writes the recording on stdout, the summary on stderr.
	code, out, errs := cli(t, "run", "--duration", "1m", "--record", "-")
	var rec map[string]any
	if err := json.Unmarshal([]byte(out), &rec); code != 0 || err != nil || rec["format"] != "brewloop-recording" || !strings.Contains(errs, "customers") {
		t.Errorf("--record -: exit %d, stdout %.80q (%v), stderr %.80q", code, out, err, errs)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error("--record - wrote a file named -")
	}

	// The help shows no (0s) default for --duration.
	_, help, _ := cli(t, "run", "--help")
	if !strings.Contains(help, "default: run.duration") || strings.Contains(help, "0s)") {
		t.Errorf("run --help on --duration:\n%s", help)
	}

	// run.customers from a config stops within run.duration, as config.yaml says;
	// --customers N alone runs until N customers have come and gone.
	m := summaryOf(t, mustRun(t, "run", "--set", "run.customers=1000000", "--set", "run.duration=10m", "--json"))
	if m["sim_time_s"] != 600.0 {
		t.Errorf("run.customers with run.duration=10m stopped at %v s, want 600", m["sim_time_s"])
	}
	m = summaryOf(t, mustRun(t, "run", "--customers", "3000", "--json"))
	if m["arrived"] != 3000.0 || m["in_system"] != 0.0 {
		t.Errorf("--customers 3000: arrived %v, in the shop %v; want 3000 and 0", m["arrived"], m["in_system"])
	}

	// The table has no empty theory column, and the hash does not widen it.
	table := mustRun(t, "run", "--duration", "1m", "--record", filepath.Join(t.TempDir(), "r.json"))
	if strings.Contains(table, "theory") {
		t.Errorf("a table without theory shows a theory column:\n%s", table)
	}
	first := strings.SplitN(table, "\n", 2)[0]
	if len(first) > 60 {
		t.Errorf("the table's first line is %d characters wide (the hash widened it):\n%s", len(first), table)
	}
}

// TestOverloadedShopStops: a valid config whose queue grows without end stops at
// model.MaxCustomersInShop customers with exit 1 and a clear message; the summary
// so far is marked as stopped early and the trace written so far is valid (issue
// 13, item 6).
func TestOverloadedShopStops(t *testing.T) {
	trace := filepath.Join(t.TempDir(), "t.jsonl")
	code, out, errs := cliCtx(t, context.Background(), "run", "--scenario", "mmc", "--set", "arrivals.rate=100", "--set", "brew.rate=0.01",
		"--duration", "10000h", "--json", "--trace", trace)
	want := fmt.Sprintf("more than %d customers in the shop: it is overloaded", model.MaxCustomersInShop)
	if code != 1 || !strings.HasPrefix(errs, "brewloop: "+want) {
		t.Fatalf("overloaded shop: exit %d, stderr %q; want exit 1 and %q", code, errs, want)
	}
	m := summaryOf(t, out)
	if s, _ := m["stopped_early"].(string); !strings.HasPrefix(s, want) || m["in_system"].(float64) <= model.MaxCustomersInShop {
		t.Errorf("summary: stopped_early %q, in_system %v", s, m["in_system"])
	}
	data := mustRead(t, trace)
	lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
	if !strings.HasSuffix(data, "\n") || !json.Valid([]byte(lines[len(lines)-1])) {
		t.Errorf("the trace so far does not end with a complete line: %.100q", lines[len(lines)-1])
	}
}
