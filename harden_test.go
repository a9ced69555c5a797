package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
