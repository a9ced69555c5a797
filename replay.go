package main

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/sim"
)

// writeRecording re-runs nothing: it captures the finished headless run. The shop's
// trace was hashed by a TraceHasher attached for the purpose.
func writeRecording(out *output, shop *model.Shop, h *model.TraceHasher) error {
	data, err := recordingData(shop, h)
	if err != nil {
		out.abort()
		return err
	}
	out.Write(data)
	return out.commit()
}

func recordingData(shop *model.Shop, h *model.TraceHasher) ([]byte, error) {
	rec, err := model.NewRecording(shop, h, version)
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
			"compares trace hashes (exit 0 when they match, 1 naming where they differ).",
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
				return verifyRecording(cmd.Context(), env, rec, cfg)
			case headless || asJSON: // --json implies --headless
				f := &flags{json: asJSON}
				return runHeadlessTo(cmd, env, f, rec, cfg)
			}
			return runReplayTUI(cmd.Context(), cmd, env, rec, cfg, float64(speed))
		},
	}
	cmd.Flags().BoolVar(&headless, "headless", false, "print the summary instead of opening the TUI")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON (implies --headless)")
	cmd.Flags().BoolVar(&verify, "verify", false, "simulate again to the recorded end and compare trace hashes")
	cmd.Flags().Var(&speed, "speed", "the start speed in the TUI (default: ui.speed of the recorded config)")
	onlyOnce(cmd.Flags())
	return cmd
}

// runHeadlessTo replays rec to its recorded end and prints the summary.
func runHeadlessTo(cmd *cobra.Command, env *env, f *flags, rec *model.Recording, cfg *model.Config) error {
	return runHeadless(cmd.Context(), env, f, cfg, rec.Scenario, rec.Controls, rec.End(), nil)
}

// verifyRecording re-simulates rec and compares the trace with the recorded hashes.
func verifyRecording(ctx context.Context, env *env, rec *model.Recording, cfg *model.Config) error {
	h := model.NewTraceHasher()
	var replayed []sim.Record // the first event of the first differing block, once known
	shop, err := model.NewShop(cfg, model.WithScenario(rec.Scenario), model.WithTracer(h))
	if err != nil {
		return badInput(err)
	}
	defer shop.Close()
	if err := replayTo(ctx, shop, rec.Controls, rec.End()); err != nil {
		return err
	}
	if h.Sum() == rec.TraceSHA256 && h.Count() == rec.Events {
		fmt.Fprintf(env.stdout, "verified: %d events to %s reproduce trace %s\n", h.Count(), sim.FormatClock(rec.End()), rec.TraceSHA256[:16])
		return nil
	}
	// Compare checkpoints of the same size: the longer run may have coarsened
	// them more.
	every := max(h.Every(), rec.CheckpointEvery)
	got := model.CombineCheckpoints(h.Checkpoints(), bits.Len64(every/h.Every())-1)
	want := model.CombineCheckpoints(rec.Checkpoints, bits.Len64(every/rec.CheckpointEvery)-1)
	if h.Count() == rec.Events && slices.Equal(got, want) {
		// Every event block matches, yet the whole-trace hash does not: the
		// difference is in the last, partial block, or the recording's own hash
		// is damaged.
		first := uint64(len(got))*every + 1
		return fmt.Errorf("trace differs from the recording: the %d events and their checkpoints match, but the trace hash does not (recorded %s…, replayed %s…): the difference is among events #%d to #%d, or the recording's trace_sha256 is damaged",
			h.Count(), rec.TraceSHA256[:16], h.Sum()[:16], first, h.Count())
	}
	// Locate the divergence: the first block whose checkpoint differs, then the
	// replay's first event of that block.
	block := min(len(got), len(want))
	for i := 0; i < block; i++ {
		if got[i] != want[i] {
			block = i
			break
		}
	}
	first := uint64(block)*every + 1
	last := first + every - 1
	re, _ := model.NewShop(cfg, model.WithScenario(rec.Scenario), model.WithTracer(sim.TracerFunc(func(ev sim.Record) {
		if ev.Seq == first {
			replayed = append(replayed, ev)
		}
	})))
	defer re.Close()
	if err := replayTo(ctx, re, rec.Controls, rec.End()); err != nil {
		return err
	}
	msg := fmt.Sprintf("trace differs from the recording: recorded %d events (sha256 %s…), replayed %d (sha256 %s…); the first difference is among events #%d to #%d",
		rec.Events, rec.TraceSHA256[:16], h.Count(), h.Sum()[:16], first, last)
	if len(replayed) > 0 {
		msg += fmt.Sprintf("; the replay's event #%d is: %s", first, replayed[0])
	} else {
		msg += fmt.Sprintf("; the replay ended after %d events", h.Count())
	}
	return errors.New(msg)
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
