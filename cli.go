package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/sim"
)

// flags are the options shared by the TUI and the headless commands.
type flags struct {
	config    string
	scenario  string
	seed      seedValue
	sets      []string
	duration  durationValue
	customers countValue

	json       bool
	trace      string
	perfetto   string
	record     string
	transcript bool

	fs  *pflag.FlagSet // the command's flags, to tell which were given
	cmd *cobra.Command // the command, for its stdin (--config -)
}

// changed says whether the flag (with its dashes) was given.
func (f *flags) changed(flag string) bool {
	if f.fs == nil {
		return false
	}
	fl := f.fs.Lookup(strings.TrimPrefix(flag, "--"))
	return fl != nil && fl.Changed
}

func (f *flags) register(cmd *cobra.Command, tui bool) {
	fs := cmd.Flags()
	f.fs, f.cmd = fs, cmd
	defer onlyOnce(fs)
	fs.StringVar(&f.config, "config", "", "a YAML file layered over the embedded defaults (it may be partial)")
	fs.StringVar(&f.scenario, "scenario", "", "a scenario by name (see brewloop scenarios; default coffee-shop)")
	fs.Var(&f.seed, "seed", "random seed (overrides the config's seed)")
	fs.StringArrayVar(&f.sets, "set", nil, "override a config key as key=value, e.g. shop.baristas=4 (repeatable)")
	fs.StringVar(&f.record, "record", "", "write a recording (config, seed, control changes) to this file")
	if tui {
		return
	}
	fs.Var(&f.duration, "duration", "stop after this much virtual time (default: run.duration)")
	fs.Var(&f.customers, "customers", "stop arrivals after N customers and let the shop drain")
	fs.BoolVar(&f.json, "json", false, "print the summary as one JSON object")
	fs.StringVar(&f.trace, "trace", "", "write the event trace as JSON Lines to this file (- for stdout)")
	fs.StringVar(&f.perfetto, "perfetto", "", "write a Chrome trace event file that ui.perfetto.dev opens")
}

// resolve builds the configuration: embedded defaults, --config, --scenario, --set,
// then --seed, --duration and --customers. Every problem is bad input (exit 2).
func (f *flags) resolve(ctx context.Context) (*model.Config, string, error) {
	opts := model.Options{
		Base:     model.Source{Name: "config.yaml (embedded)", Data: defaultConfig},
		Scenario: f.scenario,
		Sets:     f.sets,
	}
	if f.config == "" && f.changed("--config") {
		return nil, "", badInput(errors.New("--config: the file name is empty"))
	}
	if f.config != "" {
		data, err := readInput(ctx, "the config", f.config, model.MaxConfigBytes, f.cmd.InOrStdin())
		if err != nil {
			return nil, "", err
		}
		opts.File = &model.Source{Name: inputName(f.config), Data: data}
	}
	cfg, err := model.Resolve(opts)
	if err != nil {
		return nil, "", badInput(err)
	}
	// Each flag is checked as it is applied, so a message names the flag as typed.
	for _, fl := range []struct {
		name  string
		apply func()
	}{
		{"--seed", func() { cfg.Seed = uint64(f.seed) }},
		{"--duration", func() { cfg.Run.Duration = time.Duration(f.duration) }},
		{"--customers", func() { cfg.Run.Customers = int(f.customers) }},
	} {
		if !f.changed(fl.name) {
			continue
		}
		fl.apply()
		if err := cfg.Validate(); err != nil {
			return nil, "", badInput(f.flagError(fl.name, err))
		}
	}
	name := f.scenario
	if name == "" {
		name = "coffee-shop"
	}
	return cfg, name, nil
}

func newRunCmd(env *env) *cobra.Command {
	f := &flags{}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Simulate headless and print a summary",
		Long: "run simulates without the TUI until run.duration of virtual time has passed or,\n" +
			"with --customers (run.customers), until that many customers have arrived and\n" +
			"left. It prints a summary: a table, or one JSON object with --json.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.transcript && f.json {
				return badInput(errors.New("--transcript prints only the tasks' lines on stdout: it cannot go with --json"))
			}
			cfg, name, err := f.resolve(cmd.Context())
			if err != nil {
				return err
			}
			return runHeadless(cmd.Context(), env, f, cfg, name, nil, stopTime(cfg, f), f.inputs())
		},
	}
	f.register(cmd, false)
	cmd.Flags().BoolVar(&f.transcript, "transcript", false, "print only what the tasks say, one line each (lessons)")
	return cmd
}

// inputs are the files the run reads, which no output may overwrite.
func (f *flags) inputs() []input {
	return []input{{"--config", f.config}}
}

// stopTime is when a headless run stops: run.duration, also for run.customers from
// a config (config.yaml says so); --customers N on the command line without
// --duration runs until N customers have arrived and left (or 10000h have passed).
func stopTime(cfg *model.Config, f *flags) time.Duration {
	if f.changed("--customers") && cfg.Run.Customers > 0 && !f.changed("--duration") {
		// Still within the longest run a recording may replay.
		return model.MaxRunDuration
	}
	return cfg.Run.Duration
}

// runHeadless simulates until stop, the shop draining, or an interrupt, and prints
// the summary. ctl, when not nil, feeds recorded control changes (replay). ins are
// the files read, which no output may overwrite.
func runHeadless(ctx context.Context, env *env, f *flags, cfg *model.Config, name string, ctl []model.ControlChange, stop time.Duration, ins []input) error {
	specs, err := planOutputs(env, f, ins)
	if err != nil {
		return err
	}
	// A headless run is a batch job whose live heap is small and flat: trading a
	// little memory for fewer collections is worth ~10% (peak RSS stays ~20 MiB; see
	// BENCHMARKS.md). GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	// A write error (a full disk) stops the run: runCtx ends with it as the cause.
	runCtx, fail := context.WithCancelCause(ctx)
	defer fail(nil)
	var out outputs
	if err := out.open(ctx, env, specs, fail); err != nil {
		return err
	}
	// The engine fingerprints the run for a recording or a JSON summary; the
	// trace's SHA-256 is computed only when --trace writes it.
	fingerprint := out.record != nil || f.json
	out.writers(out.trace != nil)
	// The JSON trace and the recording's hash are encoded on a goroutine of their
	// own, beside the loop on the other core; the bytes are the same. The Perfetto
	// exporter stays on the loop (it also takes the shop's counters, in step with
	// its events), and so does the transcript (it prints as the tasks speak).
	var bg, fg []sim.Tracer
	if out.traceW != nil {
		bg = append(bg, out.traceW)
	}
	var async *sim.Async
	if t := sim.Tee(bg...); t != nil {
		async = sim.NewAsync(t)
		defer async.Close()
		fg = append(fg, async)
	}
	if out.perfExp != nil {
		fg = append(fg, out.perfExp)
	}
	var transcript *model.Transcript
	if f.transcript {
		tw := stdoutOutput("--transcript", env.stdout)
		out.all = append(out.all, tw)
		transcript = model.NewTranscript(tw)
		fg = append(fg, transcript)
	}
	tr := sim.Tee(fg...)
	opts := []model.Option{model.WithScenario(name), model.WithTracer(tr)}
	if fingerprint {
		opts = append(opts, model.WithFingerprint())
	}
	if out.perfExp != nil {
		opts = append(opts, model.WithCounters(out.perfExp.Counter))
	}
	shop, err := model.NewShop(cfg, opts...)
	if err != nil {
		if async != nil {
			async.Close() // the trace writer is the async goroutine's until then
		}
		out.abort()
		return badInput(err)
	}
	defer shop.Close()

	interrupted, runErr := advance(runCtx, shop, stop, ctl, ctl != nil)
	if async != nil {
		async.Close() // every event encoded and hashed before the outputs close
	}
	var outputFailed error // the write error that stopped the run
	if cause := context.Cause(runCtx); interrupted && ctx.Err() == nil && cause != nil {
		interrupted, runErr, outputFailed = false, cause, cause // an output failed: that is the error
	}
	// What was written is valid even when the run failed: outputs are committed
	// unless their own writing failed.
	if err := out.finish(); err != nil && runErr == nil {
		runErr = err
	}
	hash := ""
	switch {
	case out.trace.failed():
		// The trace was not written: no hash for bytes that are not there.
	case out.traceW != nil:
		hash = out.traceW.Sum()
	}
	sum := shop.Summary(hash)
	var overload *model.OverloadError
	switch {
	case errors.As(runErr, &overload):
		runErr = overload // the message without the task's name: it is the shop's
		sum.StoppedEarly = overload.Error()
	case interrupted:
		sum.StoppedEarly = "interrupted"
	case outputFailed != nil:
		sum.StoppedEarly = outputFailed.Error()
	}
	w := env.stdout
	if out.toStdout {
		w = env.stderr
	}
	if transcript != nil {
		// --transcript prints what the tasks say and nothing else on stdout.
		if err := transcript.Err(); err != nil && runErr == nil {
			runErr = err
		}
	} else {
		sw := stdoutOutput("the summary", w)
		out.all = append(out.all, sw)
		if err := printSummary(sw, sum, f.json); err != nil && runErr == nil {
			runErr = err
		}
	}
	if out.record != nil {
		if runErr == nil {
			runErr = writeRecording(out.record, shop)
		} else {
			out.record.abort()
		}
	}
	out.notes(env.stderr)
	if runErr != nil {
		return runErr
	}
	if interrupted {
		return fmt.Errorf("interrupted at %s of virtual time; the summary above is the run so far", sim.FormatClock(shop.Now()))
	}
	return nil
}

// advance runs the shop to stop (or until it drains) in slices of virtual time,
// applying recorded control changes at their times and checking for an interrupt
// between slices.
func advance(ctx context.Context, shop *model.Shop, stop time.Duration, ctl []model.ControlChange, replayEnd bool) (interrupted bool, err error) {
	// The slice adapts to the load so that each holds some 16k events: short
	// enough to notice an interrupt within a millisecond or so, long enough that
	// the loop's per-call work (it unwinds its chain of coroutines at the end of
	// each call) stays out of the way. Slicing never changes the run's events.
	slice := time.Minute
	for {
		if ctx.Err() != nil {
			return true, nil
		}
		now := shop.Now()
		if now >= stop || (shop.Finished() && len(ctl) == 0) {
			return false, nil
		}
		next := min(now+slice, stop)
		if len(ctl) > 0 && ctl[0].T <= next {
			next = ctl[0].T
		}
		// RunTo, not RunUntil: when the work runs out (a lesson ends, a drained
		// shop) the clock stays at the last event, so the summary's time is true.
		// A replay lands exactly on each recorded control time and on its end.
		run := shop.RunTo
		if len(ctl) > 0 || replayEnd {
			run = shop.RunUntil
		}
		before := shop.Events()
		if err := run(next); err != nil {
			return false, err
		}
		switch n := shop.Events() - before; {
		case n < 1<<13 && slice < 24*time.Hour:
			slice *= 2
		case n > 1<<15 && slice > time.Second:
			slice /= 2
		}
		for len(ctl) > 0 && ctl[0].T == shop.Now() {
			if err := shop.Apply(ctl[0]); err != nil {
				return false, badInput(err)
			}
			ctl = ctl[1:]
		}
	}
}

func printSummary(w io.Writer, sum model.Summary, asJSON bool) error {
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

func newScenariosCmd(env *env) *cobra.Command {
	return &cobra.Command{
		Use:   "scenarios",
		Short: "List the scenarios",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			for _, s := range model.Scenarios() {
				fmt.Fprintf(env.stdout, "%-18s %s\n", s.Name, s.Summary)
			}
			return nil
		},
	}
}

func newValidateCmd(env *env) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a config file and report every error",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return badInput(fmt.Errorf("validate takes one config file, got %d arguments", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := readInput(cmd.Context(), "the config", args[0], model.MaxConfigBytes, env.stdin)
			if err != nil {
				return err
			}
			_, err = model.Resolve(model.Options{
				Base: model.Source{Name: "config.yaml (embedded)", Data: defaultConfig},
				File: &model.Source{Name: inputName(args[0]), Data: data},
			})
			if err != nil {
				return badInput(err)
			}
			fmt.Fprintf(env.stdout, "%s: ok\n", inputName(args[0]))
			return nil
		},
	}
}
