package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/brewloop/brewloop/model/replay"
)

// TestWriteKeyNeverReplacesAFile: `w` in the TUI without --record, here during a
// replay of brewloop-coffee-shop-42.json, writes a new file (-2, then -3) and
// leaves the recording being replayed as it was.
func TestWriteKeyNeverReplacesAFile(t *testing.T) {
	t.Chdir(t.TempDir())
	const input = "brewloop-coffee-shop-42.json"
	if code, _, errs := cli(t, "run", "--duration", "5m", "--seed", "42", "--record", input); code != 0 {
		t.Fatalf("run --record: exit %d, %s", code, errs)
	}
	orig := mustRead(t, input)
	rec, cfg, err := replay.Parse(input, []byte(orig))
	if err != nil {
		t.Fatal(err)
	}
	s := &session{cfg: cfg, scenario: rec.Scenario}
	if _, err := s.replay(rec.Changes(), rec.End()); err != nil {
		t.Fatal(err)
	}
	defer func() { s.player.Close() }()
	s.player.AdvanceTo(2*time.Minute, 1<<30)
	for _, want := range []string{"brewloop-coffee-shop-42-2.json", "brewloop-coffee-shop-42-3.json"} {
		got, err := s.write()
		if err != nil || got != want {
			t.Fatalf("w: wrote %q (%v), want %q", got, err, want)
		}
		if mustRead(t, input) != orig {
			t.Fatalf("w replaced the recording being replayed, %s", input)
		}
		if r, _, err := replay.Parse(got, []byte(mustRead(t, got))); err != nil || r.End() != 2*time.Minute {
			t.Errorf("%s: not a recording to 2m (%v)", got, err)
		}
	}
	if info, err := os.Stat("brewloop-coffee-shop-42-2.json"); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("the new recording's mode: %v (%v), want 0644", info.Mode(), err)
	}
	for _, n := range dirNames(t, ".") {
		if n[0] == '.' {
			t.Errorf("temporary file %s left behind", n)
		}
	}
}

// TestBrokenStdoutPipe: stdout whose reader has gone (`| head`) ends that output
// with a note on stderr; the run goes on, its other outputs are written and no
// temporary file is left (before, SIGPIPE killed brewloop: exit 141, no message).
func TestBrokenStdoutPipe(t *testing.T) {
	bin := buildBinary(t)
	for _, tc := range []struct {
		args []string
		note string
	}{
		{[]string{"run", "--duration", "1h", "--trace", "-", "--perfetto", "P.json"}, "--trace stdout: the reader closed the pipe"},
		{[]string{"run", "--scenario", "count", "--transcript", "--trace", "P.json"}, "--transcript stdout: the reader closed the pipe"},
		{[]string{"run", "--duration", "1h", "--json", "--perfetto", "P.json"}, "the summary: the reader closed the pipe"},
	} {
		dir := t.TempDir()
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close() // the reader is gone before brewloop writes anything
		cmd := exec.Command(bin, tc.args...)
		cmd.Dir, cmd.Stdout = dir, w
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err = cmd.Run()
		w.Close()
		if code := cmd.ProcessState.ExitCode(); code != 0 || !strings.Contains(stderr.String(), tc.note) {
			t.Errorf("brewloop %v | (closed): exit %d (%v), stderr %q; want exit 0 and a note %q", tc.args, code, err, stderr.String(), tc.note)
		}
		if names := dirNames(t, dir); len(names) != 1 || names[0] != "P.json" {
			t.Errorf("brewloop %v | (closed) left %v, want just P.json", tc.args, names)
		}
	}
}

// TestSIGHUPRemovesTemporaryFiles: SIGHUP (the terminal closed) stops a run as
// SIGINT does: the trace so far is committed and no temporary file is left; while
// it runs, the temporary file is named after its target.
func TestSIGHUPRemovesTemporaryFiles(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	cmd := exec.Command(bin, "run", "--duration", "10000h", "--trace", "T.jsonl")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// Wait (with a hang guard, not a timed assertion) for the temporary file.
	seen := ""
	for i := 0; seen == "" && i < 6000; i++ {
		for _, n := range dirNames(t, dir) {
			if strings.HasPrefix(n, ".T.jsonl.brewloop-") && strings.HasSuffix(n, ".tmp") {
				seen = n
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	if seen == "" {
		t.Fatalf("no temporary file .T.jsonl.brewloop-*.tmp appeared; the directory holds %v", dirNames(t, dir))
	}
	cmd.Process.Signal(syscall.SIGHUP)
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("after SIGHUP: exit %d (%v), stderr %q; want exit 1, interrupted", code, err, stderr.String())
	}
	if names := dirNames(t, dir); len(names) != 1 || names[0] != "T.jsonl" {
		t.Errorf("after SIGHUP the directory holds %v, want just T.jsonl", names)
	}
}

// TestWriteErrorSummary: a run stopped by a write error (the file size limit, as
// a full disk would) says so in its summary (stopped_early), and claims no
// trace_sha256 for a trace that was not written.
func TestWriteErrorSummary(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("needs sh to set a file size limit:", err)
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	cmd := exec.Command(sh, "-c", `ulimit -f 16 && exec "$0" run --duration 10h --json --trace t.jsonl`, bin)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit code %d (%v), want 1; stderr %q", code, err, stderr.String())
	}
	sum := summaryOf(t, stdout.String())
	if s, _ := sum["stopped_early"].(string); !strings.Contains(s, "t.jsonl") {
		t.Errorf("stopped_early = %q, want the write error naming t.jsonl", sum["stopped_early"])
	}
	if sum["trace_sha256"] != "" {
		t.Errorf("trace_sha256 = %q for a trace that was not written, want empty", sum["trace_sha256"])
	}
	if sum["sim_time_s"] == 36000.0 {
		t.Errorf("sim_time_s = 36000: the run did not stop at the write error")
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("the failed run left %v", names)
	}
}

// TestRecordingConfigErrorPosition: an error in a recording's config points at
// the line and column in the recording file, not into the config on its own.
func TestRecordingConfigErrorPosition(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	if code, _, errs := cli(t, "run", "--duration", "1m", "--record", path); code != 0 {
		t.Fatalf("run --record: exit %d, %s", code, errs)
	}
	lines := strings.Split(mustRead(t, path), "\n")
	at := -1
	for i, l := range lines {
		if strings.Contains(l, `"baristas": `) {
			lines[i] = regexp.MustCompile(`"baristas": \d+`).ReplaceAllString(l, `"baristas": 0`)
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatal("the recording has no baristas key")
	}
	os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
	col := strings.Index(lines[at], "0") + 1
	want := fmt.Sprintf("r.json:%d:%d: shop.baristas:", at+1, col)
	code, _, errs := cli(t, "replay", "--verify", path)
	if code != 2 || !strings.Contains(errs, want) {
		t.Errorf("replay --verify with baristas 0: exit %d, stderr %q; want exit 2 and %q", code, errs, want)
	}
}

// TestReplayJSONImpliesHeadless: replay --json prints the JSON summary whether or
// not stdout is a terminal (before, it opened the TUI in a terminal and said
// "needs a terminal" otherwise); with --verify it is bad usage.
func TestReplayJSONImpliesHeadless(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.json")
	if code, _, errs := cli(t, "run", "--duration", "2m", "--record", path); code != 0 {
		t.Fatalf("run --record: exit %d, %s", code, errs)
	}
	code, out, errs := cli(t, "replay", path, "--json")
	if code != 0 || summaryOf(t, out)["sim_time_s"] != 120.0 {
		t.Errorf("replay --json: exit %d, stdout %.80q, stderr %q; want the JSON summary to 2m", code, out, errs)
	}
	if code, _, errs := cli(t, "replay", path, "--json", "--verify"); code != 2 || !strings.Contains(errs, "--verify") {
		t.Errorf("replay --json --verify: exit %d, stderr %q; want exit 2", code, errs)
	}
}

// TestFlagValueMessages: a flag value the config rules refuse is named as typed.
func TestFlagValueMessages(t *testing.T) {
	for _, tc := range []struct{ args []string }{
		{[]string{"--duration", "-5m"}},
		{[]string{"--duration", "20000h"}},
		{[]string{"--customers", "-3"}},
	} {
		args := append([]string{"run"}, tc.args...)
		code, _, errs := cli(t, args...)
		want := "brewloop: " + tc.args[0] + " " + tc.args[1] + ": must be "
		if code != 2 || !strings.HasPrefix(errs, want) {
			t.Errorf("brewloop %v: exit %d, stderr %q; want exit 2 and %q...", args, code, errs, want)
		}
	}
}

// TestRecordingWording: recording errors in plain words with their place; a byte
// order mark is accepted, as in configs; checkpoint_every 0 is refused (only a
// missing one means 256).
func TestRecordingWording(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	if code, _, errs := cli(t, "run", "--duration", "1m", "--record", path); code != 0 {
		t.Fatalf("run --record: exit %d, %s", code, errs)
	}
	orig := mustRead(t, path)
	for _, tc := range []struct {
		name, from, to string // a regular expression and its replacement
		code           int
		want           string
	}{
		{"checkpoints of numbers", `"checkpoints": \[[^\]]*\]`, `"checkpoints": [1,2,3]`, 2, "each item of checkpoints must be text in quotes, not a number"},
		{"a byte order mark", `^`, "\ufeff", 0, "verified"},
		{"an unknown field", `"version": 2,\n`, "\"version\": 2,\n  \"bogus\": 3,\n", 2, `line 4, column 3: unknown field "bogus"`},
		{"a config more than 1 MiB into the file", `"config": `, strings.Repeat(" ", 1<<20) + `"config": `, 0, "verified"},
		{"checkpoint_every 0", `"checkpoint_every": \d+`, `"checkpoint_every": 0`, 2, "checkpoint_every must be 256 times a power of two, got 0"},
	} {
		bad := filepath.Join(dir, "bad.json")
		os.WriteFile(bad, []byte(regexp.MustCompile(tc.from).ReplaceAllString(orig, tc.to)), 0o644)
		code, out, errs := cli(t, "replay", "--verify", bad)
		if code != tc.code || !strings.Contains(out+errs, tc.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.name, code, out, errs, tc.code, tc.want)
		}
	}
}

// TestSmallCLIMessages: a mistyped command gets a suggestion; "-" reads a config
// or recording from stdin; a socket is named as one; a tab in YAML is named, not
// printed raw.
func TestSmallCLIMessages(t *testing.T) {
	withStdin := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := runContext(context.Background(), args, strings.NewReader(stdin), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, errs := cli(t, "replya"); code != 2 || !strings.Contains(errs, "did you mean replay?") {
		t.Errorf("brewloop replya: exit %d, stderr %q; want a suggestion", code, errs)
	}
	if code, out, errs := withStdin("seed: 3\n", "run", "--duration", "1m", "--json", "--config", "-"); code != 0 || summaryOf(t, out)["seed"] != 3.0 {
		t.Errorf("run --config - with seed 3 on stdin: exit %d, stderr %q, stdout %.80q", code, errs, out)
	}
	if code, out, errs := withStdin("seed: x\n", "validate", "-"); code != 2 || out != "" || !strings.Contains(errs, "stdin:1:7: seed:") {
		t.Errorf("validate - with a bad seed: exit %d, stdout %q, stderr %q; want exit 2 naming stdin:1:7", code, out, errs)
	}
	path := filepath.Join(t.TempDir(), "r.json")
	if code, _, errs := cli(t, "run", "--duration", "1m", "--record", path); code != 0 {
		t.Fatalf("run --record: exit %d, %s", code, errs)
	}
	if code, out, errs := withStdin(mustRead(t, path), "replay", "-", "--verify"); code != 0 || !strings.Contains(out, "verified") {
		t.Errorf("replay - --verify with the recording on stdin: exit %d, stdout %q, stderr %q", code, out, errs)
	}

	dir := t.TempDir()
	sock := filepath.Join(dir, "s")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
		if code, _, errs := cli(t, "run", "--config", sock); code != 2 || !strings.Contains(errs, "is a socket, not a regular file or a pipe") {
			t.Errorf("--config SOCKET: exit %d, stderr %q", code, errs)
		}
	} else {
		t.Log("no unix sockets here, the socket case is not checked:", err)
	}
	tab := filepath.Join(dir, "tab.yaml")
	os.WriteFile(tab, []byte("shop:\n\tbaristas: 2\n"), 0o644)
	code, _, errs := cli(t, "validate", tab)
	first, _, _ := strings.Cut(errs, "\n")
	if code != 2 || !strings.Contains(first, "a tab") || strings.Contains(first, "\t") {
		t.Errorf("validate with a tab indent: exit %d, first line %q; want the tab named, not printed", code, first)
	}
}

// TestNoTrailingSpaces: piped help pages and the summary table have no spaces at
// the ends of their lines.
func TestNoTrailingSpaces(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"run", "--help"}, {"replay", "--help"}, {"run", "--duration", "1m"}, {"run", "--scenario", "mmc", "--duration", "1m"}} {
		code, out, errs := cli(t, args...)
		if code != 0 || out == "" {
			t.Fatalf("brewloop %v: exit %d, stderr %q", args, code, errs)
		}
		for i, l := range strings.Split(out, "\n") {
			if strings.HasSuffix(l, " ") {
				t.Errorf("brewloop %v: line %d ends in spaces: %q", args, i+1, l)
				break
			}
		}
	}
}
