package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/brewloop/brewloop/model/perfetto"
	"github.com/brewloop/brewloop/sim"
)

// outputs are the files a headless run writes. All of them are checked before any
// is created (plan), then created (open): regular files as temporary files, which
// commit renames over their targets, and abort removes. When the command ends with
// bad input nothing is left behind.
type outputs struct {
	trace, perfetto, record *output
	all                     []*output

	traceW   *sim.JSONWriter
	perfExp  *perfetto.Writer
	toStdout bool // an output goes to stdout, so the summary goes to stderr
}

// planOutputs checks every output of a headless run against each other and the
// inputs, creating nothing.
func planOutputs(env *env, f *flags, ins []input) (specs [3]*outSpec, err error) {
	var list []outSpec
	for i, o := range []struct{ flag, path string }{{"--trace", f.trace}, {"--perfetto", f.perfetto}, {"--record", f.record}} {
		if o.path == "" && !f.changed(o.flag) {
			continue
		}
		s, err := planOutput(o.flag, o.path, env.stdout, true)
		if err != nil {
			return specs, err
		}
		specs[i] = &s
		list = append(list, s)
	}
	if err := checkOutputs(list, ins); err != nil {
		return specs, err
	}
	if f.transcript {
		for _, s := range list {
			if s.kind == outStdout {
				return specs, badInput(fmt.Errorf("--transcript prints only the tasks' lines on stdout: it cannot go with %s %s", s.flag, quote(s.path)))
			}
		}
		if f.json {
			return specs, badInput(errors.New("--transcript prints only the tasks' lines on stdout: it cannot go with --json"))
		}
	}
	return specs, nil
}

// open creates the planned outputs: regular files first (they fail fast), then
// the pipes and FIFOs (opening one waits for its reader). onError is called with
// the first write error of any output.
func (o *outputs) open(ctx context.Context, env *env, specs [3]*outSpec, onError func(error)) error {
	slots := []**output{&o.trace, &o.perfetto, &o.record}
	for _, inPlace := range []bool{false, true} {
		for i, s := range specs {
			if s == nil || (s.kind != outFile) != inPlace {
				continue
			}
			out, err := openOutput(ctx, *s, env.stdout, onError)
			if err != nil {
				o.abort()
				return err
			}
			*slots[i] = out
			o.all = append(o.all, out)
			if s.kind == outStdout {
				o.toStdout = true
			}
		}
	}
	return nil
}

// writers attaches the trace and Perfetto encoders; hash says whether the trace
// writer also hashes (when the summary shows the hash and no recording does it).
func (o *outputs) writers(hash bool) {
	switch {
	case o.trace != nil && hash:
		o.traceW = sim.NewJSONWriter(o.trace)
	case o.trace != nil:
		o.traceW = sim.NewJSONEncoder(o.trace)
	case hash:
		o.traceW = sim.NewHasher()
	}
	if o.perfetto != nil {
		o.perfExp = perfetto.New(o.perfetto)
	}
}

// finish flushes the encoders and commits every output but the recording (written
// later with the run's result). It returns the first error.
func (o *outputs) finish() error {
	var errs []error
	if o.traceW != nil {
		o.traceW.Flush() // a write error is the output's own, reported by commit
	}
	if o.perfExp != nil {
		o.perfExp.Close()
	}
	for _, out := range []*output{o.trace, o.perfetto} {
		if out == nil {
			continue
		}
		if err := out.commit(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// abort removes every temporary file; targets stay as they were.
func (o *outputs) abort() {
	for _, out := range o.all {
		out.abort()
	}
}

// notes tells on w what ended early without failing the run.
func (o *outputs) notes(w io.Writer) {
	for _, out := range o.all {
		if n := out.note(); n != "" {
			fmt.Fprintln(w, "brewloop: "+n)
		}
	}
}
