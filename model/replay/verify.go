package replay

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/sim"
)

// Verify re-simulates rec, whose config is cfg, to its recorded end and compares
// the trace with the recorded hashes. It returns the number of events replayed
// when every one matches. Otherwise the error says where the runs part: the block
// of events whose checkpoint first differs and the replay's first event in it.
// A config that does not validate comes back as a *config.Error; a ctx that ends
// first stops the replay with an error that says nothing was verified.
func Verify(ctx context.Context, rec *Recording, cfg *config.Config) (events uint64, err error) {
	h := NewHasher()
	if err := replayTo(ctx, cfg, rec, h); err != nil {
		return 0, err
	}
	if h.Sum() == rec.TraceSHA256 && h.Count() == rec.Events {
		return h.Count(), nil
	}
	// Compare checkpoints of the same size: the longer run may have coarsened
	// them more.
	every := max(h.Every(), rec.CheckpointEvery)
	got := CombineCheckpoints(h.Checkpoints(), bits.Len64(every/h.Every())-1)
	want := CombineCheckpoints(rec.Checkpoints, bits.Len64(every/rec.CheckpointEvery)-1)
	if h.Count() == rec.Events && slices.Equal(got, want) {
		// Every event block matches, yet the whole-trace hash does not: the
		// difference is in the last, partial block, or the recording's own hash
		// is damaged.
		first := uint64(len(got))*every + 1
		return 0, fmt.Errorf("trace differs from the recording: the %d events and their checkpoints match, but the trace hash does not (recorded %s…, replayed %s…): the difference is among events #%d to #%d, or the recording's trace_sha256 is damaged",
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
	var replayed []sim.Record
	err = replayTo(ctx, cfg, rec, sim.TracerFunc(func(ev sim.Record) {
		if ev.Seq == first {
			replayed = append(replayed, ev)
		}
	}))
	if err != nil {
		return 0, err
	}
	msg := fmt.Sprintf("trace differs from the recording: recorded %d events (sha256 %s…), replayed %d (sha256 %s…); the first difference is among events #%d to #%d",
		rec.Events, rec.TraceSHA256[:16], h.Count(), h.Sum()[:16], first, last)
	if len(replayed) > 0 {
		msg += fmt.Sprintf("; the replay's event #%d is: %s", first, replayed[0])
	} else {
		msg += fmt.Sprintf("; the replay ended after %d events", h.Count())
	}
	return 0, errors.New(msg)
}

// replayTo replays rec on a fresh shop traced by tr to the recorded end, and
// stops early (with an error) when ctx ends.
func replayTo(ctx context.Context, cfg *config.Config, rec *Recording, tr sim.Tracer) error {
	shop, err := model.NewShop(cfg, model.WithScenario(rec.Scenario), model.WithTracer(tr))
	if err != nil {
		return err
	}
	defer shop.Close()
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
