// Command brewloop shows cooperative concurrency through a coffee shop: customers,
// baristas and brew tasks are coroutines on one event loop with a virtual clock.
package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/brewloop/brewloop/internal/say"
)

// version is the brewloop version, set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// defaultConfig is the embedded config.yaml: the shop `go run .` opens.
//
//go:embed config.yaml
var defaultConfig []byte

// exitError carries an exit code: 2 for bad usage or bad input, 1 for failures.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// badInput marks err as bad usage or input (exit code 2).
func badInput(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: 2, err: err}
}

// exitCode maps an error from the command to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "invalid argument", "flag needs an argument", "accepts ", "requires at least", "requires at most"} {
		if strings.HasPrefix(msg, p) {
			return 2
		}
	}
	return 1
}

// printError prints the error once, every line escaped: no text from a file or a
// flag reaches the terminal as an escape sequence.
func printError(w io.Writer, err error) {
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		lines[i] = say.Escape(l)
	}
	fmt.Fprintln(w, "brewloop: "+strings.Join(lines, "\n"))
}

func main() {
	// First of all, before any file is opened: a background job of a shell script
	// starts with SIGINT ignored, and only asking for it brings it back.
	ctx, stop := interruptContext()
	code := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// interruptContext returns a context that the first SIGINT, SIGTERM or SIGHUP (the
// terminal closed, an ssh connection dropped) ends, so the command stops cleanly (outputs flushed and closed). A second one ends brewloop
// at once, for when stopping cleanly itself is stuck (a reader of stdout that
// stopped reading): only the temporary files are removed.
func interruptContext() (context.Context, func()) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	// Asking for SIGPIPE (and then ignoring it) turns a write to stdout whose
	// reader went away (`| head`) into an EPIPE error, which ends that output with
	// a note, instead of a silent death that leaves temporary files behind.
	pipe := make(chan os.Signal, 1)
	signal.Notify(pipe, syscall.SIGPIPE)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-ch
		cancel()
		<-ch
		removeTemps()
		fmt.Fprintln(os.Stderr, "brewloop: interrupted twice: stopped at once")
		os.Exit(1)
	}()
	return ctx, func() {
		signal.Stop(ch)
		signal.Stop(pipe)
		cancel()
	}
}

// run executes the command line and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// runContext executes the command line until done or ctx ends, and returns the
// exit code.
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(&env{stdin: stdin, stdout: stdout, stderr: stderr})
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := execute(ctx, root, version, printError)
	return exitCode(err)
}

// env is the process's I/O, passed explicitly so tests can run commands in process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func newRootCmd(env *env) *cobra.Command {
	f := &flags{}
	root := &cobra.Command{
		Use:   "brewloop",
		Short: "A coffee shop that makes cooperative concurrency visible",
		Long: "brewloop runs customers, baristas and brew tasks as cooperative tasks on one\n" +
			"event loop with a virtual clock, and shows the queue, every task's state and\n" +
			"the stream of sleep/resume events live. Without a subcommand it opens the TUI.",
		Example: "  brewloop                          # the live TUI on the embedded config.yaml\n" +
			"  brewloop --scenario mmc --seed 7   # a textbook M/M/4 queue\n" +
			"  brewloop run --json                # headless summary as JSON\n" +
			"  brewloop run --scenario count --transcript",
		Args:         noArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), cmd, env, f)
		},
	}
	root.SuggestionsMinimumDistance = 2 // brewloop replya: did you mean replay?
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return badInput(err) })
	f.register(root, true)
	root.AddCommand(newRunCmd(env), newScenariosCmd(env), newValidateCmd(env), newReplayCmd(env))
	return root
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if s := cmd.SuggestionsFor(args[0]); cmd.HasSubCommands() && len(s) > 0 {
		return badInput(fmt.Errorf("unknown command %s: did you mean %s? (see brewloop --help)", quote(args[0]), strings.Join(s, " or ")))
	}
	return badInput(fmt.Errorf("unexpected argument %s (see brewloop --help)", quote(args[0])))
}
