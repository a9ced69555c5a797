package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cliCtx runs brewloop in process until done or ctx ends (an interrupt), and
// fails the test if it is still running after a generous guard.
func cliCtx(t *testing.T, ctx context.Context, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		c := runContext(ctx, args, strings.NewReader(""), &out, &errb)
		done <- result{c, out.String(), errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(2 * time.Minute): // a hang guard, not a timed assertion
		t.Fatalf("brewloop %v still running after 2 minutes: it hangs", args)
	}
	return
}

// dirNames lists the names in dir, to show that nothing (no temporary file) was
// left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestOutputsCheckedBeforeAnyIsWritten: the same file twice, an output that is an
// input, stdout twice and repeated flags are bad usage (exit 2) and leave every
// file as it was (issue 13, items 3 and 4).
func TestOutputsCheckedBeforeAnyIsWritten(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.txt")
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte("seed: 7\n"), 0o644)
	os.Symlink(keep, filepath.Join(dir, "link"))
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"trace and perfetto the same file", []string{"--trace", keep, "--perfetto", keep}, "same file"},
		{"the same file by another path", []string{"--trace", keep, "--perfetto", filepath.Join(dir, "sub", "..", "keep.txt")}, "same file"},
		{"the same file through a link", []string{"--trace", filepath.Join(dir, "link"), "--perfetto", keep}, "same file"},
		{"the same new file", []string{"--trace", filepath.Join(dir, "new"), "--perfetto", filepath.Join(dir, ".", "new")}, "same file"},
		{"record and trace the same file", []string{"--record", keep, "--trace", keep}, "same file"},
		{"trace over the config", []string{"--config", cfg, "--trace", cfg}, "input"},
		{"record over the config", []string{"--config", cfg, "--record", cfg}, "input"},
		{"stdout twice", []string{"--trace", "-", "--perfetto", "-"}, "stdout"},
		{"record and trace on stdout", []string{"--trace", "-", "--record", "-"}, "stdout"},
		{"transcript and a trace on stdout", []string{"--scenario", "count", "--transcript", "--trace", "-"}, "--transcript"},
		{"trace given twice", []string{"--trace", keep, "--trace", filepath.Join(dir, "b")}, "given twice"},
		{"config given twice", []string{"--config", cfg, "--config", cfg}, "given twice"},
		{"seed given twice", []string{"--seed", "1", "--seed", "2"}, "given twice"},
		{"a bad perfetto path after a good trace", []string{"--trace", keep, "--perfetto", filepath.Join(dir, "nodir", "p.json")}, "nodir"},
		{"a bad record path after a good trace", []string{"--trace", keep, "--record", filepath.Join(dir, "sub")}, "is a directory"},
		{"a bad config after a good trace", []string{"--trace", keep, "--set", "shop.baristas=0"}, "shop.baristas"},
		{"an empty config name", []string{"--trace", keep, "--config", ""}, "--config: the file name is empty"},
		{"an empty trace name", []string{"--trace", ""}, "--trace: the file name is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(keep, []byte("keep\n"), 0o644)
			before := dirNames(t, dir)
			args := append([]string{"run", "--duration", "1m"}, tc.args...)
			code, out, errs := cli(t, args...)
			if code != 2 || !strings.Contains(errs, tc.want) || out != "" {
				t.Errorf("brewloop %v: exit %d, stdout %.60q, stderr %q; want exit 2 naming %q and nothing on stdout", args, code, out, errs, tc.want)
			}
			if got := mustRead(t, keep); got != "keep\n" {
				t.Errorf("brewloop %v changed %s to %.40q", args, keep, got)
			}
			if got := mustRead(t, cfg); got != "seed: 7\n" {
				t.Errorf("brewloop %v changed the config to %.40q", args, got)
			}
			if after := dirNames(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
				t.Errorf("brewloop %v left files: before %v, after %v", args, before, after)
			}
		})
	}
}

// TestOutputWriteErrorKeepsTheOldFile: when writing the trace fails (here the
// file size limit, as a full disk would), the run stops with exit 1 and a message,
// the old trace file is left as it was and no temporary file is left (item 4).
func TestOutputWriteErrorKeepsTheOldFile(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("needs sh to set a file size limit:", err)
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	trace := filepath.Join(dir, "t.jsonl")
	os.WriteFile(trace, []byte("old\n"), 0o644)
	cmd := exec.Command(sh, "-c", `ulimit -f 16 && exec "$0" run --duration 10h --trace "$1"`, bin, trace)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit code %d (%v), want 1; stderr %q", code, err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "t.jsonl") || !strings.Contains(stderr.String(), "left as it was") {
		t.Errorf("stderr %q does not say which output failed and that it was left as it was", stderr.String())
	}
	if got := mustRead(t, trace); got != "old\n" {
		t.Errorf("the old trace file became %d bytes starting %.40q, want it unchanged", len(got), got)
	}
	for _, n := range dirNames(t, dir) {
		if strings.HasSuffix(n, ".tmp") {
			t.Errorf("temporary file %s left behind", n)
		}
	}
}

// TestSpecialOutputs: a directory or a socket is refused up front (exit 2, nothing
// run, the socket left a socket); a FIFO is written in place, never renamed over
// (item 1).
func TestSpecialOutputs(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip("no unix sockets here:", err)
	}
	defer l.Close()
	for _, args := range [][]string{
		{"run", "--record", dir},
		{"run", "--trace", dir},
		{"run", "--record", sock},
		{"run", "--perfetto", sock},
		{"--record", dir},
	} {
		args = append(args, "--set", "run.duration=10000h")
		code, out, errs := cli(t, args...)
		if code != 2 || out != "" || !(strings.Contains(errs, "is a directory") || strings.Contains(errs, "socket")) {
			t.Errorf("brewloop %v: exit %d, stdout %.60q, stderr %q; want exit 2 up front", args, code, out, errs)
		}
	}
	if info, err := os.Lstat(sock); err != nil || info.Mode()&os.ModeSocket == 0 {
		t.Errorf("the socket is now %v (%v)", info.Mode(), err)
	}

	fifo := filepath.Join(dir, "rec.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("cannot make a FIFO:", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		var b bytes.Buffer
		b.ReadFrom(f)
		got <- b.Bytes()
	}()
	code, _, errs := cliCtx(t, context.Background(), "run", "--duration", "2m", "--record", fifo)
	if code != 0 {
		t.Fatalf("--record FIFO: exit %d, stderr %q", code, errs)
	}
	var rec map[string]any
	if err := json.Unmarshal(<-got, &rec); err != nil || rec["format"] != "brewloop-recording" {
		t.Errorf("the FIFO's reader got no recording: %v", err)
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO is now %v (%v): it was renamed over", info.Mode(), err)
	}
}

// TestLongFileName: a file name of 250 bytes is valid, and the temporary name
// beside it must not be too long (item 11).
func TestLongFileName(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, strings.Repeat("r", 245)+".json")
	code, _, errs := cli(t, "run", "--duration", "1m", "--record", name, "--trace", name[:len(name)-5]+".trac")
	if code != 0 {
		t.Fatalf("--record with a 250-byte name: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(name); err != nil {
		t.Error(err)
	}
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "brewloop")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
