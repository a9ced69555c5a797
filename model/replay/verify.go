package replay

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/sim"
)

// ErrOlderEngine is Verify's answer for a version-1 recording: it was made by the
// engine before the asyncio-exact one, whose order of events differs, so its hashes
// cannot match. It is the recording's fault, not the replay's (bad input).
var ErrOlderEngine = errors.New("recorded by an older engine (recording version 1); this brewloop's engine orders events as CPython 3.14's asyncio does, so the run cannot be verified against it (replay it without --verify, or record it again)")

// Verified is what Verify reproduced: the number of events and the fingerprint.
type Verified struct {
	Events      uint64
	Fingerprint string
}

// Verify re-simulates rec, whose config is cfg, to its recorded end and compares
// the engine's fingerprint of the run with the recorded one. When they differ the
// error says where the runs part: the first checkpoint that differs and the
// replay's first event after the last one that matched. A version-1 recording
// gives ErrOlderEngine; a config that does not validate, a *config.Error; a ctx
// that ends first stops the replay with an error that says nothing was verified.
func Verify(ctx context.Context, rec *Recording, cfg *config.Config) (Verified, error) {
	if rec.Version == 1 {
		return Verified{}, ErrOlderEngine
	}
	shop, err := model.NewShop(cfg, model.WithScenario(rec.Scenario), model.WithFingerprint())
	if err != nil {
		return Verified{}, err
	}
	defer shop.Close()
	if err := replayTo(ctx, shop, rec); err != nil {
		return Verified{}, err
	}
	fp, events, every0, cps := shop.Fingerprint()
	if fp == rec.Fingerprint && events == rec.Events {
		return Verified{Events: events, Fingerprint: fp}, nil
	}
	// Compare checkpoints of the same spacing: the longer run may have thinned
	// them more.
	every := max(every0, rec.CheckpointEvery)
	got, want := thin(cps, every/every0), thin(rec.Checkpoints, every/rec.CheckpointEvery)
	if events == rec.Events && slices.Equal(got, want) {
		// Every checkpoint matches, yet the fingerprint does not: the difference
		// is after the last checkpoint, or the recording's fingerprint is damaged.
		first := uint64(len(got))*every + 1
		return Verified{}, fmt.Errorf("run differs from the recording: both have %d events and every checkpoint (to event #%d) matches, but the fingerprint does not (recorded %s, replayed %s): the difference is among events #%d to #%d, after the last checkpoint, or the recording's fingerprint is damaged",
			events, first-1, rec.Fingerprint, fp, first, events)
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
	re, err := model.NewShop(cfg, model.WithScenario(rec.Scenario), model.WithTracer(sim.TracerFunc(func(ev sim.Record) {
		if ev.Seq == first {
			replayed = append(replayed, ev)
		}
	})))
	if err != nil {
		return Verified{}, err
	}
	defer re.Close()
	if err := replayTo(ctx, re, rec); err != nil {
		return Verified{}, err
	}
	msg := fmt.Sprintf("run differs from the recording: recorded %d events (fingerprint %s), replayed %d (fingerprint %s); the first difference is among events #%d to #%d",
		rec.Events, rec.Fingerprint, events, fp, first, last)
	if len(replayed) > 0 {
		msg += fmt.Sprintf("; the replay's event #%d is: %s", first, replayed[0])
	} else {
		msg += fmt.Sprintf("; the replay ended after %d events", events)
	}
	return Verified{}, errors.New(msg)
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

// replayTo replays rec on shop to the recorded end, and stops early (with an
// error) when ctx ends.
func replayTo(ctx context.Context, shop *model.Shop, rec *Recording) error {
	p := model.Replay(shop, rec.Changes(), rec.End())
	interrupted, err := p.Play(ctx, rec.End())
	if err != nil {
		return err
	}
	if interrupted {
		return fmt.Errorf("interrupted at %s of virtual time, before the recorded end (%s): nothing was verified", sim.FormatClock(shop.Now()), sim.FormatClock(rec.End()))
	}
	return nil
}
