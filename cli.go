package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/brewloop/brewloop/headless"
	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
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
func (f *flags) resolve(ctx context.Context) (*config.Config, string, error) {
	opts := config.Options{
		Base:     config.Source{Name: "config.yaml (embedded)", Data: defaultConfig},
		Scenario: f.scenario,
		Sets:     f.sets,
	}
	if f.config == "" && f.changed("--config") {
		return nil, "", badInput(errors.New("--config: the file name is empty"))
	}
	if f.config != "" {
		data, err := readInput(ctx, "the config", f.config, config.MaxConfigBytes, f.cmd.InOrStdin())
		if err != nil {
			return nil, "", err
		}
		opts.File = &config.Source{Name: inputName(f.config), Data: data}
	}
	cfg, err := config.Resolve(opts)
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
			// The outputs are checked before any input is read: a FIFO given as
			// both the config and an output is refused, not read first.
			specs, err := planOutputs(env, f, f.inputs())
			if err != nil {
				return err
			}
			cfg, name, err := f.resolve(cmd.Context())
			if err != nil {
				return err
			}
			return runHeadless(cmd.Context(), env, f, cfg, name, nil, stopTime(cfg, f), specs)
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
func stopTime(cfg *config.Config, f *flags) time.Duration {
	if f.changed("--customers") && cfg.Run.Customers > 0 && !f.changed("--duration") {
		// Still within the longest run a recording may replay.
		return config.MaxRunDuration
	}
	return cfg.Run.Duration
}

// runHeadless simulates until stop, the shop draining, or an interrupt, and prints
// the summary. ctl, when not nil, feeds recorded control changes (replay). specs
// are the outputs, planned by planOutputs before any input was read.
func runHeadless(ctx context.Context, env *env, f *flags, cfg *config.Config, name string, ctl []model.ControlChange, stop time.Duration, specs [3]*outSpec) error {
	// A write error (a full disk) stops the run: runCtx ends with it as the cause.
	runCtx, fail := context.WithCancelCause(ctx)
	defer fail(nil)
	var out outputs
	if err := out.open(ctx, env, specs, fail); err != nil {
		return err
	}
	// The engine fingerprints the run for a recording or a JSON summary; the
	// trace's SHA-256 is computed only when --trace writes it.
	out.writers(out.trace != nil)
	job := headless.Job{
		Config: cfg, Scenario: name, Stop: stop, Replay: ctl != nil, Controls: ctl,
		Trace: out.traceW, Perfetto: out.perfExp, Record: out.record != nil,
		JSON: f.json, Version: version, Fingerprint: out.record != nil || f.json,
		OutputErr: func() error {
			if ctx.Err() != nil {
				return nil // the interrupt came from outside
			}
			return context.Cause(runCtx)
		},
		Finish:    out.finish,
		TraceLost: out.trace.cut,
	}
	if f.transcript {
		tw := stdoutOutput("--transcript", env.stdout)
		out.all = append(out.all, tw)
		job.Transcript = tw
	} else {
		w := env.stdout
		if out.toStdout {
			w = env.stderr
		}
		sw := stdoutOutput("the summary", w)
		out.all = append(out.all, sw)
		job.Summary = sw
	}
	res, err := headless.Run(runCtx, job)
	var cerr *config.Error
	if errors.As(err, &cerr) {
		out.abort()
		return badInput(err)
	}
	if out.record != nil {
		if res.Recording != nil {
			out.record.Write(res.Recording)
			if rerr := out.record.commit(); err == nil {
				err = rerr
			}
		} else {
			out.record.abort()
		}
	}
	out.notes(env.stderr)
	return err
}

func newScenariosCmd(env *env) *cobra.Command {
	return &cobra.Command{
		Use:   "scenarios",
		Short: "List the scenarios",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			for _, s := range config.Scenarios() {
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
			data, err := readInput(cmd.Context(), "the config", args[0], config.MaxConfigBytes, env.stdin)
			if err != nil {
				return err
			}
			_, err = config.Resolve(config.Options{
				Base: config.Source{Name: "config.yaml (embedded)", Data: defaultConfig},
				File: &config.Source{Name: inputName(args[0]), Data: data},
			})
			if err != nil {
				return badInput(err)
			}
			fmt.Fprintf(env.stdout, "%s: ok\n", inputName(args[0]))
			return nil
		},
	}
}
