package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func mkfifo(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("cannot make a FIFO:", err)
	}
	return p
}

// interruptSoon cancels the returned context a moment after the command started,
// as Ctrl+C would; the command must then end whatever it waits for.
func interruptSoon() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	return ctx
}

// TestFIFOsDoNotHang: opening or reading a FIFO input, and opening or writing a
// FIFO output nobody reads, all end on an interrupt (exit 1); a FIFO output whose
// reader goes away ends that output, not the run (item 2).
func TestFIFOsDoNotHang(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  func(fifo string) []string
		other func(fifo string) // what the other end of the FIFO does, if anything
	}{
		{"config nobody writes", func(p string) []string { return []string{"validate", p} }, nil},
		{"config whose writer stalls", func(p string) []string { return []string{"run", "--config", p} }, holdOpen(os.O_WRONLY)},
		{"recording nobody writes", func(p string) []string { return []string{"replay", p, "--verify"} }, nil},
		{"trace nobody reads", func(p string) []string { return []string{"run", "--duration", "10000h", "--trace", p} }, nil},
		{"trace whose reader stalls", func(p string) []string { return []string{"run", "--duration", "10000h", "--trace", p} }, holdOpen(os.O_RDONLY)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fifo := mkfifo(t, "f")
			if tc.other != nil {
				go tc.other(fifo)
			}
			code, _, errs := cliCtx(t, interruptSoon(), tc.args(fifo)...)
			if code != 1 || !strings.Contains(errs, "interrupted") {
				t.Errorf("brewloop %v, interrupted: exit %d, stderr %q; want exit 1, interrupted", tc.args(fifo), code, errs)
			}
		})
	}

	// A reader that takes 100 bytes and goes: the trace ends there, the run goes on.
	fifo := mkfifo(t, "head")
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			return
		}
		io.ReadFull(f, make([]byte, 100))
		f.Close()
	}()
	code, out, errs := cliCtx(t, context.Background(), "run", "--duration", "1h", "--trace", fifo, "--json")
	if code != 0 || !strings.Contains(errs, "closed the pipe") || summaryOf(t, out)["sim_time_s"] != 3600.0 {
		t.Errorf("--trace to a reader that leaves: exit %d, stderr %q, stdout %.80q; want exit 0, a note, the whole run", code, errs, out)
	}
	// The summary claims no hash for the trace it did not write whole.
	if h := summaryOf(t, out)["trace_sha256"]; h != "" {
		t.Errorf("--trace to a reader that leaves: trace_sha256 %q, want empty (the trace was cut short)", h)
	}
}

// holdOpen opens the FIFO's other end and keeps it open without reading or writing.
func holdOpen(flag int) func(string) {
	return func(p string) {
		f, err := os.OpenFile(p, flag, 0)
		if err != nil {
			return
		}
		time.Sleep(5 * time.Second)
		f.Close()
	}
}

// TestInterruptWithSIGINTIgnored: a background job of a script starts with SIGINT
// ignored; brewloop asks for it before it opens anything, so SIGINT still stops it,
// here while it waits for a FIFO config's writer (item 10).
func TestInterruptWithSIGINTIgnored(t *testing.T) {
	bin := buildBinary(t)
	fifo := mkfifo(t, "c.yaml")
	signal.Ignore(os.Interrupt) // inherited by the child, as a shell's & does
	cmd := exec.Command(bin, "validate", fifo)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Start()
	signal.Reset(os.Interrupt)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Opening the writing end returns once brewloop has opened the FIFO to read
	// it, so its signal handling is in place; it then waits for the config.
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-done:
	case <-time.After(time.Minute): // a hang guard
		cmd.Process.Kill()
		t.Fatal("SIGINT did not stop brewloop waiting for its config")
	}
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("after SIGINT: exit %d, stderr %q; want 1, interrupted", code, stderr.String())
	}
}

// A FIFO given as both the config and an output is refused before anything is
// opened: no read waits for a writer, and a writer's data is not used up.
func TestFIFOInputAsOutputRefusedFirst(t *testing.T) {
	fifo := mkfifo(t, "both")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, args := range [][]string{
		{"run", "--config", fifo, "--trace", fifo},
		{"--config", fifo, "--record", fifo}, // stdout is not a terminal: headless
	} {
		code, out, errs := cliCtx(t, ctx, args...)
		if code != 2 || !strings.Contains(errs, "brewloop does not write over its input") || out != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and the input named at once", args, code, out, errs)
		}
	}
}
