// Package headless runs a shop without the TUI: `brewloop run` and `brewloop replay
// --headless`. It wires the tracers (the JSON trace encoded beside the loop;
// Perfetto and the transcript on it), plays the run to its stop with a
// model.Player, and prints the summary. Opening and committing the
// output files is the caller's (package main's); this package only writes to them.
package headless

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/lesson"
	"github.com/brewloop/brewloop/model/perfetto"
	"github.com/brewloop/brewloop/model/replay"
	"github.com/brewloop/brewloop/sim"
)

// Job is one headless run: what to simulate and where its outputs go.
type Job struct {
	Config   *config.Config
	Scenario string
	Stop     time.Duration // run.duration, or the recorded end of a replay

	// Replay says the run follows a recording: Controls are applied at their
	// times and the run lands exactly on Stop.
	Replay   bool
	Controls []model.ControlChange

	// Trace receives the JSON Lines trace, encoded on a goroutine beside the loop
	// (the bytes are the same); nil for none. Its hash, if it keeps one, is the
	// summary's trace_sha256.
	Trace *sim.JSONWriter
	// Perfetto receives the events and the shop's counters, on the loop; nil for none.
	Perfetto *perfetto.Writer
	// Record asks for a recording: Result.Recording holds its bytes.
	Record bool
	// Fingerprint has the engine fingerprint the run (the summary's fingerprint;
	// a recording always has one).
	Fingerprint bool
	// Transcript, when not nil, receives what the tasks say, one line each, and the
	// summary is not printed.
	Transcript io.Writer
	// Summary receives the summary: a table, or one JSON object when JSON is set
	// (nil with a Transcript).
	Summary io.Writer
	JSON    bool
	// Version is brewloop's version, written into a recording.
	Version string
	// OutputErr, when not nil, returns the write error that made ctx end, if one
	// did: then that error, not an interrupt, stopped the run.
	OutputErr func() error
	// TraceLost, when not nil, reports that the trace was not written whole (a
	// write error, or a pipe whose reader went away): then the summary claims no
	// trace hash, for bytes that are not there.
	TraceLost func() bool
	// Finish is called when the run has stopped and every event is encoded, before
	// the summary is printed: it flushes and commits the trace and Perfetto files.
	// Its error fails the run; nil for nothing to do.
	Finish func() error
}

// Result is what a run leaves besides its printed summary.
type Result struct {
	Now       time.Duration // the virtual time the run stopped at
	Recording []byte        // the recording file's bytes, when Job.Record and the run succeeded
}

// Run simulates j until its stop, the shop draining, or ctx ending, and prints the
// summary. The error is, in this order: the first failure of a task (the shop's
// overload, or a bug), the cause of ctx when it was cancelled with one (an output
// that failed to write), Finish's, printing's, or "interrupted" when ctx ended.
// A config that does not validate comes back as a *config.Error, before anything
// ran. The summary is printed even when the run failed, saying why it stopped early.
func Run(ctx context.Context, j Job) (Result, error) {
	// A headless run is a batch job whose live heap is small and flat: trading a
	// little memory for fewer collections is worth ~10% (peak RSS stays ~20 MiB; see
	// BENCHMARKS.md). GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	tr, async, transcript := tracers(j)
	if async != nil {
		defer async.Close()
	}
	opts := []model.Option{model.WithScenario(j.Scenario), model.WithTracer(tr)}
	if j.Fingerprint || j.Record {
		opts = append(opts, model.WithFingerprint())
	}
	if j.Perfetto != nil {
		opts = append(opts, model.WithCounters(j.Perfetto.Counter))
	}
	shop, err := model.NewShop(j.Config, opts...)
	if err != nil {
		return Result{}, err
	}
	defer shop.Close()
	p := model.Live(shop)
	if j.Replay {
		p = model.Replay(shop, j.Controls, j.Stop)
	}

	interrupted, runErr := p.Play(ctx, j.Stop)
	if async != nil {
		async.Close() // every event encoded and hashed before the outputs close
	}
	interrupted, outputErr, runErr := j.settle(interrupted, runErr)
	hash := ""
	if j.Trace != nil && (j.TraceLost == nil || !j.TraceLost()) {
		hash = j.Trace.Sum() // empty when it keeps no hash
	}
	sum := shop.Summary(hash)
	runErr = stoppedEarly(&sum, interrupted, outputErr, runErr)
	runErr = firstErr(runErr, j.report(sum, transcript))
	res := Result{Now: shop.Now()}
	if j.Record && runErr == nil {
		res.Recording, runErr = recording(shop, j.Version)
	}
	if runErr == nil && interrupted {
		runErr = fmt.Errorf("interrupted at %s of virtual time; the summary above is the run so far", sim.FormatClock(shop.Now()))
	}
	return res, runErr
}

// settle decides what stopped the run once it has: when ctx ended because an
// output failed, that error (outputErr), not an interrupt. Then it commits the
// outputs (what was written is valid even when the run failed), whose own error
// comes after the run's.
func (j Job) settle(interrupted bool, runErr error) (stillInterrupted bool, outputErr, err error) {
	if interrupted && j.OutputErr != nil {
		if outputErr = j.OutputErr(); outputErr != nil {
			interrupted, runErr = false, outputErr
		}
	}
	if j.Finish != nil {
		runErr = firstErr(runErr, j.Finish())
	}
	return interrupted, outputErr, runErr
}

// stoppedEarly says in sum why the run stopped before its end (an overload, an
// interrupt, an output that failed), and returns the run's error: an overload
// without the task's name (it is the shop's).
func stoppedEarly(sum *model.Summary, interrupted bool, outputErr, runErr error) error {
	var overload *model.OverloadError
	switch {
	case errors.As(runErr, &overload):
		sum.StoppedEarly = overload.Error()
		return overload
	case interrupted:
		sum.StoppedEarly = "interrupted"
	case outputErr != nil:
		sum.StoppedEarly = outputErr.Error()
	}
	return runErr
}

// report prints the summary, or with a transcript, which prints what the tasks
// say and nothing else, returns its write error.
func (j Job) report(sum model.Summary, transcript *lesson.Transcript) error {
	if transcript != nil {
		return transcript.Err()
	}
	return PrintSummary(j.Summary, sum, j.JSON)
}

// recording returns the recording file's bytes for the run so far.
func recording(shop *model.Shop, version string) ([]byte, error) {
	rec, err := replay.New(shop, version)
	if err != nil {
		return nil, err
	}
	return rec.Marshal()
}

// firstErr returns a unless it is nil, else b.
func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// tracers builds the run's tracer: the JSON trace on a goroutine of its own (an
// *sim.Async, to close when the run ends), then Perfetto and the transcript on the
// loop (Perfetto also takes the shop's counters, in step with its events; the
// transcript prints as the tasks speak).
func tracers(j Job) (sim.Tracer, *sim.Async, *lesson.Transcript) {
	var fg []sim.Tracer
	var async *sim.Async
	if j.Trace != nil {
		async = sim.NewAsync(j.Trace)
		fg = append(fg, async)
	}
	if j.Perfetto != nil {
		fg = append(fg, j.Perfetto)
	}
	var transcript *lesson.Transcript
	if j.Transcript != nil {
		transcript = lesson.NewTranscript(j.Transcript)
		fg = append(fg, transcript)
	}
	return sim.Tee(fg...), async, transcript
}

// PrintSummary writes sum to w as a table, or as one indented JSON object.
func PrintSummary(w io.Writer, sum model.Summary, asJSON bool) error {
	if asJSON {
		b, err := json.MarshalIndent(sum, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, string(b))
		return err
	}
	return sum.WriteTable(w)
}
