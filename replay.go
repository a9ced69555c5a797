package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/replay"
	"github.com/brewloop/brewloop/sim"
)

func recordingData(shop *model.Shop) ([]byte, error) {
	rec, err := replay.New(shop, version)
	if err != nil {
		return nil, err
	}
	return rec.Marshal()
}

func newReplayCmd(env *env) *cobra.Command {
	var (
		headless, verify, asJSON bool
		speed                    speedValue
	)
	cmd := &cobra.Command{
		Use:   "replay FILE",
		Short: "Replay a recording (TUI, or --headless for the summary)",
		Long: "replay re-simulates a recording: the same config, seed and control changes at\n" +
			"the same virtual times give the same run, event for event. In the TUI, changing\n" +
			"a control forks a new live run, and the replay pauses at the recording's end\n" +
			"(space goes on live). --verify re-simulates to the recorded end and compares\n" +
			"the engine's fingerprints of the two runs (exit 0 when they match, 1 naming\n" +
			"where they differ; 2 for a version-1 recording, made by an older engine).",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return badInput(fmt.Errorf("replay takes one recording file, got %d arguments", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := readInput(cmd.Context(), "the recording", args[0], maxRecording, env.stdin)
			if err != nil {
				return err
			}
			rec, cfg, err := replay.Parse(inputName(args[0]), data)
			if err != nil {
				return badInput(err)
			}
			switch {
			case verify && asJSON:
				return badInput(errors.New("--verify prints a verdict, not a summary: it cannot go with --json"))
			case verify:
				return verifyRecording(cmd.Context(), env, args[0], rec, cfg)
			case headless || asJSON: // --json implies --headless
				f := &flags{json: asJSON}
				return runHeadlessTo(cmd, env, f, rec, cfg)
			}
			return runReplayTUI(cmd.Context(), cmd, env, rec, cfg, float64(speed))
		},
	}
	cmd.Flags().BoolVar(&headless, "headless", false, "print the summary instead of opening the TUI")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON (implies --headless)")
	cmd.Flags().BoolVar(&verify, "verify", false, "simulate again to the recorded end and compare the runs' fingerprints")
	cmd.Flags().Var(&speed, "speed", "the start speed in the TUI (default: ui.speed of the recorded config)")
	onlyOnce(cmd.Flags())
	return cmd
}

// runHeadlessTo replays rec to its recorded end and prints the summary.
func runHeadlessTo(cmd *cobra.Command, env *env, f *flags, rec *replay.Recording, cfg *config.Config) error {
	return runHeadless(cmd.Context(), env, f, cfg, rec.Scenario, rec.Changes(), rec.End(), [3]*outSpec{}) // no outputs
}

// verifyRecording re-simulates rec and compares the engine's fingerprint of the
// run with the recorded one. A version-1 recording was made by the engine before
// the asyncio-exact one: its hashes cannot match, and saying so is bad input.
func verifyRecording(ctx context.Context, env *env, name string, rec *replay.Recording, cfg *config.Config) error {
	v, err := replay.Verify(ctx, rec, cfg)
	var cerr *config.Error
	switch {
	case errors.Is(err, replay.ErrOlderEngine):
		return badInput(fmt.Errorf("%s: %w", name, err))
	case errors.As(err, &cerr):
		return badInput(err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "verified: %d events to %s reproduce fingerprint %s\n", v.Events, sim.FormatClock(rec.End()), v.Fingerprint)
	return nil
}
