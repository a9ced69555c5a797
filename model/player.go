package model

import (
	"context"
	"time"

	"github.com/brewloop/brewloop/model/config"
)

// Player runs a shop and owns its control log: it is the one way to advance a shop.
// The TUI (live or replaying), headless runs, replay, verify and seek all drive a
// Player, so "advance to t, applying the recorded controls at their instants" is
// written once, here.
//
// A recorded change is applied at its virtual time, after every event at or before
// that time, so speed, frame rate, slicing and pauses never change the run. A live
// change (Apply) takes effect at the current virtual time and forks the run: the
// recorded changes still to come are dropped and from then on it is a new live run.
type Player struct {
	*Shop
	pending []ControlChange
	forked  bool
	until   time.Duration
	exact   bool // a replay: land exactly on the recorded end, even when the work runs out
}

// Live returns a player for a live run of shop: no recorded controls.
func Live(shop *Shop) *Player { return &Player{Shop: shop} }

// Replay returns a player that feeds ctl (in time order, none before now) to shop,
// following a recorded run up to virtual time until.
func Replay(shop *Shop, ctl []ControlChange, until time.Duration) *Player {
	return &Player{Shop: shop, pending: append([]ControlChange(nil), ctl...), until: until, exact: true}
}

// Replaying reports whether the run is still the recorded one (the TUI shows
// REPLAY): not forked by a control change, and not past the end of what was
// recorded, after which it simply goes on live.
func (p *Player) Replaying() bool { return !p.forked && p.Now() < p.until }

// RecordingEnd returns the virtual time a replay follows its recording to (0 for a
// live run). The TUI pauses a replay there rather than carry on live unannounced.
func (p *Player) RecordingEnd() time.Duration { return p.until }

// Pending returns the recorded changes not applied yet.
func (p *Player) Pending() []ControlChange { return append([]ControlChange(nil), p.pending...) }

// Log returns the run's whole control log: the changes applied so far and, in a
// replay, the recorded ones still to come.
func (p *Player) Log() []ControlChange { return append(p.Changes(), p.pending...) }

// AdvanceTo runs to t in at most maxSteps scheduling steps per stretch between
// recorded changes, applying them on the way, and reports whether it reached t
// (false: the work budget ran out first, or a task failed, and the clock stopped
// short). It is how the TUI advances a frame. A failure of a task stops it at the
// failing step and is kept for Err.
func (p *Player) AdvanceTo(t time.Duration, maxSteps int) bool {
	for len(p.pending) > 0 && p.pending[0].T <= t {
		if !p.Shop.advanceTo(p.pending[0].T, maxSteps) {
			return false
		}
		p.applyNext()
	}
	return p.Shop.advanceTo(t, maxSteps)
}

// RunUntil runs to t with no work budget, applying recorded changes on the way,
// and returns the first failure of a task.
func (p *Player) RunUntil(t time.Duration) error {
	for len(p.pending) > 0 && p.pending[0].T <= t {
		if err := p.Shop.runUntil(p.pending[0].T); err != nil {
			return err
		}
		p.applyNext()
	}
	return p.Shop.runUntil(t)
}

// Step performs one scheduling step (the TUI's step mode), first applying a
// recorded change whose time has come (every event at or before it has run), and
// reports whether there was anything to do.
func (p *Player) Step() bool {
	if len(p.pending) > 0 {
		c := p.pending[0]
		next, ok := p.e.NextTime()
		if !ok || next > c.T {
			p.Shop.runUntil(c.T) // a task failure is kept for Err; the clock is at c.T
			p.applyNext()
			return true
		}
	}
	return p.Shop.step()
}

// applyNext applies the first pending change, whose time has come. The changes
// were checked when the recording was read, and the clock is at their time, so
// applying cannot fail.
func (p *Player) applyNext() {
	c := p.pending[0]
	p.pending = p.pending[1:]
	if err := p.Shop.applyAt(c); err != nil {
		panic("model: recorded control no longer applies: " + err.Error())
	}
}

// Play runs to stop (or until the shop drains, when no recorded change is left)
// in slices of virtual time, applying recorded changes at their times and
// checking ctx between slices: headless runs, replay and verify. interrupted says
// ctx ended first; err is the first failure of a task.
//
// A live run stops its clock at the last event when the work runs out (a lesson
// that has ended, a drained shop), so a summary's time is true; a replay lands
// exactly on each recorded change and on its end.
func (p *Player) Play(ctx context.Context, stop time.Duration) (interrupted bool, err error) {
	// The slice adapts to the load so that each holds some 16k events: short
	// enough to notice an interrupt within a millisecond or so, long enough that
	// the loop's per-call work (it unwinds its chain of coroutines at the end of
	// each call) stays out of the way. Slicing never changes the run's events.
	slice := time.Minute
	for {
		if ctx.Err() != nil {
			return true, nil
		}
		now := p.Now()
		if now >= stop || (p.Finished() && len(p.pending) == 0) {
			return false, nil
		}
		next := min(now+slice, stop)
		before := p.Events()
		if p.exact || len(p.pending) > 0 {
			err = p.RunUntil(next)
		} else {
			err = p.Shop.runTo(next)
		}
		if err != nil {
			return false, err
		}
		switch n := p.Events() - before; {
		case n < 1<<13 && slice < 24*time.Hour:
			slice *= 2
		case n > 1<<15 && slice > time.Second:
			slice /= 2
		}
	}
}

// Apply makes a live control change at the current virtual time, after every
// event at or before it has run (the point a replay reaches with RunUntil), and
// forks the run. It fails only for a change Check rejects.
func (p *Player) Apply(c Control) error {
	if err := c.Check(); err != nil {
		return err
	}
	p.forked = true
	p.pending = nil
	p.Shop.settle()
	return p.Shop.applyAt(ControlChange{T: p.Now(), Control: c})
}

// Seek re-simulates cfg from the start to virtual time t, applying the control
// changes of ctl up to t, and returns a player holding the rest (so moving forward
// again replays them) that follows the known run up to until. Seeking is how the
// TUI steps back in time: a run is fully determined by its config, seed and
// controls, so re-simulating reaches exactly the same state as going straight there.
func Seek(cfg *config.Config, ctl []ControlChange, t, until time.Duration, opts ...Option) (*Player, error) {
	shop, err := NewShop(cfg, opts...)
	if err != nil {
		return nil, err
	}
	p := Replay(shop, ctl, until)
	if err := p.RunUntil(t); err != nil {
		shop.Close()
		return nil, err
	}
	return p, nil
}
