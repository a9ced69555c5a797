package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/sim"
)

// writeRecording re-runs nothing: it captures the finished headless run, whose
// shop kept a fingerprint for the purpose.
func writeRecording(out *output, shop *model.Shop) error {
	data, err := recordingData(shop)
	if err != nil {
		out.abort()
		return err
	}
	out.Write(data)
	return out.commit()
}

func recordingData(shop *model.Shop) ([]byte, error) {
	rec, err := model.NewRecording(shop, version)
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
			"a control forks a new live run. --verify re-simulates to the recorded end and\n" +
			"compares the engine's fingerprints of the two runs (exit 0 when they match, 1\n" +
			"naming where they differ; 2 for a version-1 recording, made by an older engine).",
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
			rec, cfg, err := model.ParseRecording(inputName(args[0]), data)
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
func runHeadlessTo(cmd *cobra.Command, env *env, f *flags, rec *model.Recording, cfg *model.Config) error {
	return runHeadless(cmd.Context(), env, f, cfg, rec.Scenario, rec.Controls, rec.End(), nil)
}

// verifyRecording re-simulates rec and compares the engine's fingerprint of the
// run with the recorded one. A version-1 recording was made by the engine before
// the asyncio-exact one: its hashes cannot match, and saying so is bad input.
func verifyRecording(ctx context.Context, env *env, name string, rec *model.Recording, cfg *model.Config) error {
	if rec.Version == 1 {
		return badInput(fmt.Errorf("%s: recorded by an older engine (recording version 1); this brewloop's engine orders events as CPython 3.14's asyncio does, so the run cannot be verified against it (replay it without --verify, or record it again)", name))
	}
	shop, err := model.NewShop(cfg, model.WithScenario(rec.Scenario), model.WithFingerprint())
	if err != nil {
		return badInput(err)
	}
	defer shop.Close()
	if err := replayTo(ctx, shop, rec.Controls, rec.End()); err != nil {
		return err
	}
	fp, events, every0, cps := shop.Fingerprint()
	if fp == rec.Fingerprint && events == rec.Events {
		fmt.Fprintf(env.stdout, "verified: %d events to %s reproduce fingerprint %s\n", events, sim.FormatClock(rec.End()), fp)
		return nil
	}
	// Compare checkpoints of the same spacing: the longer run may have thinned
	// them more.
	every := max(every0, rec.CheckpointEvery)
	got, want := thin(cps, every/every0), thin(rec.Checkpoints, every/rec.CheckpointEvery)
	if events == rec.Events && slices.Equal(got, want) {
		// Every checkpoint matches, yet the fingerprint does not: the difference
		// is after the last checkpoint, or the recording's fingerprint is damaged.
		first := uint64(len(got))*every + 1
		return fmt.Errorf("run differs from the recording: the %d events and their checkpoints match, but the fingerprint does not (recorded %s, replayed %s): the difference is among events #%d to #%d, or the recording's fingerprint is damaged",
			events, rec.Fingerprint, fp, first, events)
	}
	// Locate the divergence: the first checkpoint that differs, then the
	// replay's first event after the last one that matched.
	block := min(len(got), len(want))
	for i := 0; i < block; i++ {
		if got[i] != want[i] {
			block = i
			break
		}
	}
	first := uint64(block)*every + 1
	last := first + every - 1
	var replayed []sim.Record
	re, _ := model.NewShop(cfg, model.WithScenario(rec.Scenario), model.WithTracer(sim.TracerFunc(func(ev sim.Record) {
		if ev.Seq == first {
			replayed = append(replayed, ev)
		}
	})))
	defer re.Close()
	if err := replayTo(ctx, re, rec.Controls, rec.End()); err != nil {
		return err
	}
	msg := fmt.Sprintf("run differs from the recording: recorded %d events (fingerprint %s), replayed %d (fingerprint %s); the first difference is among events #%d to #%d",
		rec.Events, rec.Fingerprint, events, fp, first, last)
	if len(replayed) > 0 {
		msg += fmt.Sprintf("; the replay's event #%d is: %s", first, replayed[0])
	} else {
		msg += fmt.Sprintf("; the replay ended after %d events", events)
	}
	return errors.New(msg)
}

// thin keeps every k-th checkpoint (those after a multiple of k times their
// spacing), to compare checkpoints of two spacings.
func thin(cps []string, k uint64) []string {
	if k <= 1 {
		return cps
	}
	var out []string
	for i := k - 1; i < uint64(len(cps)); i += k {
		out = append(out, cps[i])
	}
	return out
}

// replayTo runs shop to end, applying each control change at its time, and stops
// early (with an error) when ctx ends.
func replayTo(ctx context.Context, shop *model.Shop, ctl []model.ControlChange, end time.Duration) error {
	interrupted, err := advance(ctx, shop, end, ctl, true)
	if err != nil {
		return err
	}
	if interrupted {
		return fmt.Errorf("interrupted at %s of virtual time, before the recorded end (%s): nothing was verified", sim.FormatClock(shop.Now()), sim.FormatClock(end))
	}
	return nil
}
