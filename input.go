package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"
)

// errInterrupted ends a command that was interrupted (Ctrl+C, SIGTERM) before it
// had anything to show (exit code 1).
var errInterrupted = errors.New("interrupted")

// maxRecording bounds a recording: brewloop writes a config, the control changes
// and fewer than replay.MaxCheckpoints checkpoints (under 1 MiB in all for any run
// length); recordings from before the checkpoints were bounded (up to ~1 GB of
// events per 64 MiB) are read too.
const maxRecording = 64 << 20

// readInput reads the file at path, at most limit bytes. A FIFO or a pipe (as
// `--config <(...)` gives) is read too, and opening or reading it waits only as long
// as ctx lives: an interrupt ends the wait.
func readInput(ctx context.Context, what, path string, limit int64, stdin io.Reader) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, errInterrupted
	}
	if path == "-" {
		return readStdin(ctx, what, stdin, limit)
	}
	name := quote(path)
	info, err := os.Stat(path)
	if err != nil {
		return nil, badInput(fmt.Errorf("cannot read %s %s: %v", what, name, pathErr(err)))
	}
	if info.IsDir() {
		return nil, badInput(fmt.Errorf("cannot read %s %s: is a directory", what, name))
	}
	if m := info.Mode(); !m.IsRegular() && m&(fs.ModeNamedPipe|fs.ModeCharDevice) == 0 {
		return nil, badInput(fmt.Errorf("cannot read %s %s: is %s, not a regular file or a pipe", what, name, describeMode(m)))
	}
	var fh *os.File
	if info.Mode().IsRegular() {
		fh, err = os.Open(path)
	} else {
		fh, err = openWaiting(ctx, path, os.O_RDONLY)
	}
	if errors.Is(err, errInterrupted) {
		return nil, err
	}
	if err != nil {
		return nil, badInput(fmt.Errorf("cannot read %s %s: %v", what, name, pathErr(err)))
	}
	defer fh.Close()
	// A pipe's read blocks until the writer writes or goes: an interrupt ends it.
	stop := context.AfterFunc(ctx, func() { fh.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	data, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if ctx.Err() != nil {
		return nil, errInterrupted
	}
	if err != nil {
		return nil, badInput(fmt.Errorf("cannot read %s %s: %v", what, name, pathErr(err)))
	}
	if int64(len(data)) > limit {
		return nil, badInput(fmt.Errorf("%s: larger than %s, the limit for %s", name, sizeText(limit), what))
	}
	return data, nil
}

// readStdin reads what from stdin (the path "-"), at most limit bytes; an interrupt
// ends the wait (the read itself, which may not be interruptible, is left to the
// process's exit).
func readStdin(ctx context.Context, what string, stdin io.Reader, limit int64) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(stdin, limit+1))
		done <- result{data, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		return nil, errInterrupted
	}
	if r.err != nil {
		return nil, badInput(fmt.Errorf("cannot read %s from stdin: %v", what, pathErr(r.err)))
	}
	if int64(len(r.data)) > limit {
		return nil, badInput(fmt.Errorf("stdin: larger than %s, the limit for %s", sizeText(limit), what))
	}
	return r.data, nil
}

// inputName is how messages name an input file: "-" is stdin.
func inputName(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// openWaiting opens a file that is not a regular file. Opening a FIFO blocks until
// the other end is opened, in the kernel, where no signal reaches it: the open runs
// on a goroutine of its own, and when ctx ends first, the other end is opened
// without blocking for a moment to release it.
func openWaiting(ctx context.Context, path string, flag int) (*os.File, error) {
	type result struct {
		f   *os.File
		err error
	}
	done := make(chan result, 1)
	go func() {
		f, err := os.OpenFile(path, flag, 0)
		done <- result{f, err}
	}()
	select {
	case r := <-done:
		return r.f, r.err
	case <-ctx.Done():
	}
	other := os.O_WRONLY | syscall.O_NONBLOCK
	if flag&(os.O_WRONLY|os.O_RDWR) != 0 {
		other = os.O_RDONLY | syscall.O_NONBLOCK
	}
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for range 200 {
		if g, err := os.OpenFile(path, other, 0); err == nil {
			g.Close()
		}
		select {
		case r := <-done:
			if r.f != nil {
				r.f.Close()
			}
			return nil, errInterrupted
		case <-tick.C:
		}
	}
	// The open never returned: leave it to the process's exit.
	go func() {
		if r := <-done; r.f != nil {
			r.f.Close()
		}
	}()
	return nil, errInterrupted
}

// quote returns s as it is when every character is printable and not a space or a
// quote, and as a Go quoted string otherwise: user text in a message never reaches
// the terminal as an escape sequence.
func quote(s string) string {
	if s == "" {
		return `""`
	}
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) || unicode.IsSpace(r) || r == '"' || r == '\\' {
			return strconv.Quote(s)
		}
	}
	return s
}
