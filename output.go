package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// How an output is written. Every output is checked (planOutput, checkOutputs)
// before any is created, so bad usage writes nothing; a regular file is written to
// a temporary file beside it and renamed over it only when complete, so an error,
// a full disk or a crash never leaves it cut in the middle; what is not a regular
// file is never renamed over.
type outKind int

const (
	outStdout  outKind = iota + 1 // "-", or the file that is stdout: written in place
	outInPlace                    // a FIFO, a pipe or a character device: written in place
	outFile                       // a regular file, existing or new: temporary file, then rename
)

// outSpec is an output checked but not yet opened.
type outSpec struct {
	flag   string      // the flag that names it, for messages ("--trace")
	path   string      // as given
	kind   outKind     //
	target string      // the file a regular output replaces (symbolic links followed)
	info   os.FileInfo // the existing file, nil when it is new
}

func (s outSpec) String() string {
	if s.kind == outStdout && s.path == "-" {
		return "stdout"
	}
	return s.path
}

// planOutput checks the output path for flag without creating anything. inPlace
// says whether the output may be a pipe, a FIFO or a character device written in
// place (a headless run's outputs may; a file written again and again, like the
// TUI's recording, may not).
func planOutput(flag, path string, stdout io.Writer, inPlace bool) (outSpec, error) {
	s := outSpec{flag: flag, path: path}
	if path == "-" {
		if !inPlace {
			return s, badInput(fmt.Errorf("%s -: stdout is the terminal the TUI draws on; give a file name", flag))
		}
		s.kind = outStdout
		return s, nil
	}
	if path == "" {
		return s, badInput(fmt.Errorf("%s: the file name is empty", flag))
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		dir := filepath.Dir(path)
		di, derr := os.Stat(dir)
		if derr != nil {
			return s, badInput(fmt.Errorf("%s %s: cannot write there: %v", flag, quote(path), pathErr(derr)))
		}
		if !di.IsDir() {
			return s, badInput(fmt.Errorf("%s %s: %s is not a directory", flag, quote(path), quote(dir)))
		}
		if filepath.Base(path) == "." || filepath.Base(path) == ".." || hasTrailingSlash(path) {
			return s, badInput(fmt.Errorf("%s %s: is a directory", flag, quote(path)))
		}
		s.kind, s.target = outFile, resolveDir(path)
		return s, nil
	case err != nil:
		return s, badInput(fmt.Errorf("%s %s: cannot write there: %v", flag, quote(path), pathErr(err)))
	}
	s.info = info
	if sameAsStdout(info, stdout) {
		if !inPlace {
			return s, badInput(fmt.Errorf("%s %s: that is stdout, where the TUI draws; give a file name", flag, quote(path)))
		}
		s.kind = outStdout
		return s, nil
	}
	switch m := info.Mode(); {
	case m.IsRegular():
		target, err := filepath.EvalSymlinks(path)
		if err == nil {
			target, err = filepath.Abs(target)
		}
		if err != nil {
			return s, badInput(fmt.Errorf("%s %s: %v", flag, quote(path), pathErr(err)))
		}
		s.kind, s.target = outFile, target
	case m.IsDir():
		return s, badInput(fmt.Errorf("%s %s: is a directory", flag, quote(path)))
	case inPlace && (m&fs.ModeNamedPipe != 0 || m&fs.ModeCharDevice != 0):
		s.kind = outInPlace
	default:
		return s, badInput(fmt.Errorf("%s %s: is %s, not a regular file; brewloop writes only regular files (or, for a headless run, a pipe)", flag, quote(path), describeMode(m)))
	}
	return s, nil
}

func hasTrailingSlash(p string) bool { return len(p) > 0 && os.IsPathSeparator(p[len(p)-1]) }

// resolveDir returns path with its directory's symbolic links followed, so that two
// names of one new file compare equal.
func resolveDir(path string) string {
	dir, err := filepath.EvalSymlinks(filepath.Dir(path))
	if err != nil {
		dir = filepath.Dir(path)
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Join(dir, filepath.Base(path))
}

func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m.IsDir():
		return "a directory"
	}
	return "a special file"
}

// pathErr drops the operation and path from an *fs.PathError: messages name the
// path once, themselves.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func sameAsStdout(info os.FileInfo, stdout io.Writer) bool {
	f, ok := stdout.(*os.File)
	if !ok {
		return false
	}
	si, err := f.Stat()
	return err == nil && os.SameFile(info, si)
}

// input is a file brewloop reads, for the check that no output overwrites it.
type input struct {
	flag, path string
}

// checkOutputs rejects two outputs that are the same file, or an output that is an
// input: compared by device and inode where the files exist, and by cleaned path.
func checkOutputs(outs []outSpec, ins []input) error {
	for i, a := range outs {
		for _, b := range outs[:i] {
			if sameOutput(a, b) {
				what := "the same file"
				if a.kind == outStdout {
					what = "stdout"
				}
				return badInput(fmt.Errorf("%s %s and %s %s are %s: give each output its own file", b.flag, quote(b.path), a.flag, quote(a.path), what))
			}
		}
		for _, in := range ins {
			if in.path == "" || a.kind == outStdout {
				continue
			}
			info, err := os.Stat(in.path)
			same := err == nil && a.info != nil && os.SameFile(info, a.info)
			if same || (a.target != "" && resolveDir(in.path) == a.target) || filepath.Clean(in.path) == filepath.Clean(a.path) {
				return badInput(fmt.Errorf("%s %s is the input %s %s: brewloop does not write over its input", a.flag, quote(a.path), in.flag, quote(in.path)))
			}
		}
	}
	return nil
}

func sameOutput(a, b outSpec) bool {
	if a.kind == outStdout || b.kind == outStdout {
		return a.kind == b.kind
	}
	if a.info != nil && b.info != nil && os.SameFile(a.info, b.info) {
		return true
	}
	if a.target != "" && a.target == b.target {
		return true
	}
	return filepath.Clean(a.path) == filepath.Clean(b.path)
}

// output is an opened output. Writes after the first error do nothing; a pipe
// whose reader has gone (EPIPE) ends the output without failing the run.
type output struct {
	spec    outSpec
	w       io.Writer // where the bytes go: the temporary file, the file in place, or stdout
	f       *os.File  // the temporary file or the file in place; nil for stdout
	tmp     string    // the temporary file's name
	n       int64     // bytes written
	err     error     // the first write error
	closed  bool      // the reader went away (EPIPE), or the run was interrupted
	onError func(error)
	stop    func() bool // stops the interrupt hook
}

// stdoutOutput is w (stdout, or stderr for the summary) as an output that ends,
// with a note, when its reader goes away. what names it in the note.
func stdoutOutput(what string, w io.Writer) *output {
	return &output{spec: outSpec{flag: what, path: "-", kind: outStdout}, w: w}
}

// errOutputClosed is the error an output reports after the reader of a pipe went
// away: the run goes on without that output. errOutputStalled: after an interrupt,
// the reader did not take the rest in time.
var (
	errOutputClosed  = errors.New("the reader closed the pipe")
	errOutputStalled = errors.New("the reader stopped reading")
)

// openOutput creates the output s. A regular file becomes a temporary file in the
// same directory (the target is untouched until commit); a FIFO or pipe is opened
// write-only in place, and opening it waits for a reader for as long as ctx lives.
// onError, if not nil, is called once with the first write error that is not the
// end of a pipe (to stop the run).
func openOutput(ctx context.Context, s outSpec, stdout io.Writer, onError func(error)) (*output, error) {
	o := &output{spec: s, onError: onError}
	switch s.kind {
	case outStdout:
		o.w = stdout
		return o, nil
	case outInPlace:
		f, err := openWaiting(ctx, s.path, os.O_WRONLY)
		if err != nil {
			return nil, openErr(s, err)
		}
		o.f, o.w = f, f
		// A pipe whose reader stalls must not hold brewloop past an interrupt: after
		// one, a live reader has a moment to take the rest.
		o.stop = context.AfterFunc(ctx, func() { f.SetWriteDeadline(time.Now().Add(2 * time.Second)) })
		return o, nil
	}
	f, err := createTemp(s.target)
	if err != nil {
		return nil, badInput(fmt.Errorf("%s %s: cannot write there: %v", s.flag, quote(s.path), pathErr(err)))
	}
	o.f, o.w, o.tmp = f, f, f.Name()
	return o, nil
}

func openErr(s outSpec, err error) error {
	if errors.Is(err, errInterrupted) {
		return err
	}
	return badInput(fmt.Errorf("%s %s: cannot write there: %v", s.flag, quote(s.path), pathErr(err)))
}

// Write writes p, remembering the first error.
func (o *output) Write(p []byte) (int, error) {
	if o.closed {
		return len(p), nil
	}
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	o.n += int64(n)
	if err == nil {
		return n, nil
	}
	if o.spec.kind != outFile && (errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrDeadlineExceeded)) {
		o.closed, o.err = true, errOutputClosed
		if errors.Is(err, os.ErrDeadlineExceeded) {
			o.err = errOutputStalled
		}
		return len(p), nil
	}
	o.err = err
	if o.onError != nil {
		o.onError(o.describe(err))
	}
	return n, err
}

func (o *output) describe(err error) error {
	if o.spec.kind == outFile {
		left := "it was not created"
		if o.spec.info != nil {
			left = "it was left as it was"
		}
		return fmt.Errorf("writing %s %s failed after %d bytes: %v; %s", o.spec.flag, quote(o.spec.path), o.n, pathErr(err), left)
	}
	return fmt.Errorf("writing %s %s failed after %d bytes: %v", o.spec.flag, quote(o.spec.String()), o.n, pathErr(err))
}

// note returns what the user should know about an output that ended early without
// failing the run (a pipe whose reader went away), or "".
func (o *output) note() string {
	what := o.spec.flag // "the summary"
	if strings.HasPrefix(what, "-") {
		what += " " + quote(o.spec.String())
	}
	switch o.err {
	case errOutputClosed:
		return fmt.Sprintf("%s: the reader closed the pipe after %d bytes; the rest was not written", what, o.n)
	case errOutputStalled:
		return fmt.Sprintf("%s: the reader stopped reading after %d bytes; after the interrupt, the rest was not written", what, o.n)
	}
	return ""
}

// commit completes the output: a temporary file is synced and renamed over the
// target; a file in place is closed. On any error nothing is renamed and the
// temporary file is removed.
func (o *output) commit() error {
	if o.stop != nil {
		o.stop()
	}
	if o.err != nil && !o.closed {
		o.abort()
		return o.describe(o.err)
	}
	switch o.spec.kind {
	case outStdout:
		return nil
	case outInPlace:
		if err := o.f.Close(); err != nil && !o.closed {
			return o.describe(err)
		}
		return nil
	}
	mode := fs.FileMode(0o644)
	if o.spec.info != nil {
		mode = o.spec.info.Mode().Perm()
	}
	err := o.f.Chmod(mode)
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// The target may have changed since it was checked: never rename over
		// something that is not a regular file.
		if info, serr := os.Lstat(o.spec.target); serr == nil && !info.Mode().IsRegular() {
			err = fmt.Errorf("%s is now %s", quote(o.spec.target), describeMode(info.Mode()))
		}
	}
	if err == nil {
		err = os.Rename(o.tmp, o.spec.target)
	}
	if err != nil {
		o.f, o.err = nil, err
		o.abort()
		return o.describe(err)
	}
	forgetTemp(o.tmp)
	return nil
}

// cut says whether the output holds less than the whole: writing it failed, or the
// reader of its pipe went away or stopped reading.
func (o *output) cut() bool { return o != nil && o.err != nil }

// abort closes the output and removes its temporary file; the target is untouched.
func (o *output) abort() {
	if o.stop != nil {
		o.stop()
	}
	if o.f != nil {
		o.f.Close()
		o.f = nil
	}
	if o.tmp != "" {
		os.Remove(o.tmp)
		forgetTemp(o.tmp)
		o.tmp = ""
	}
}
