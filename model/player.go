package model

import (
	"time"

	"github.com/brewloop/brewloop/model/config"
)

// Player replays recorded control changes on a shop as it advances: each change is
// applied at its virtual time, after every event at or before that time, so speed,
// frame rate and pauses never change the run. A control change made through the
// Player forks the run: the recorded changes still to come are dropped and from
// then on it is a new live run.
type Player struct {
	*Shop
	pending []ControlChange
	forked  bool
	until   time.Duration
}

// NewPlayer returns a player that feeds ctl (in time order, none before now) to
// shop, following a recorded run up to virtual time until.
func NewPlayer(shop *Shop, ctl []ControlChange, until time.Duration) *Player {
	return &Player{Shop: shop, pending: append([]ControlChange(nil), ctl...), until: until}
}

// Replaying reports whether the run is still the recorded one (the TUI shows
// REPLAY): not forked by a control change, and not past the end of what was
// recorded, after which it simply goes on live.
func (p *Player) Replaying() bool { return !p.forked && p.Now() < p.until }

// Pending returns the recorded changes not applied yet.
func (p *Player) Pending() []ControlChange { return append([]ControlChange(nil), p.pending...) }

// AdvanceTo runs to t like Shop.AdvanceTo, applying recorded changes on the way.
func (p *Player) AdvanceTo(t time.Duration, maxSteps int) bool {
	for len(p.pending) > 0 && p.pending[0].T <= t {
		c := p.pending[0]
		if !p.Shop.AdvanceTo(c.T, maxSteps) {
			return false
		}
		if err := p.Shop.Apply(c); err != nil {
			panic("model: recorded control no longer applies: " + err.Error()) // checked when the recording was read
		}
		p.pending = p.pending[1:]
	}
	return p.Shop.AdvanceTo(t, maxSteps)
}

// RunUntil runs to t with no work budget, applying recorded changes on the way.
func (p *Player) RunUntil(t time.Duration) error {
	for len(p.pending) > 0 && p.pending[0].T <= t {
		c := p.pending[0]
		if err := p.Shop.RunUntil(c.T); err != nil {
			return err
		}
		if err := p.Shop.Apply(c); err != nil {
			return err
		}
		p.pending = p.pending[1:]
	}
	return p.Shop.RunUntil(t)
}

// Step performs one scheduling step, first applying a recorded change whose time
// has come (every event at or before it has run).
func (p *Player) Step() bool {
	if len(p.pending) > 0 {
		c := p.pending[0]
		next, ok := p.e.NextTime()
		if !ok || next > c.T {
			p.Shop.RunUntil(c.T)
			p.Shop.Apply(c)
			p.pending = p.pending[1:]
			return true
		}
	}
	return p.Shop.Step()
}

func (p *Player) fork() {
	p.forked = true
	p.pending = nil
}

// SetArrivalRate forks the run and sets the arrival-rate factor.
func (p *Player) SetArrivalRate(f float64) { p.fork(); p.Shop.SetArrivalRate(f) }

// SetBrewRate forks the run and sets the brew-speed factor.
func (p *Player) SetBrewRate(f float64) { p.fork(); p.Shop.SetBrewRate(f) }

// SetBaristas forks the run and sets the number of baristas.
func (p *Player) SetBaristas(n int) { p.fork(); p.Shop.SetBaristas(n) }

// SetMachines forks the run and sets the number of machines.
func (p *Player) SetMachines(n int) { p.fork(); p.Shop.SetMachines(n) }

// SetBrewMode forks the run and sets the brew mode.
func (p *Player) SetBrewMode(m config.BrewMode) { p.fork(); p.Shop.SetBrewMode(m) }

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
	p := NewPlayer(shop, ctl, until)
	if err := p.RunUntil(t); err != nil {
		shop.Close()
		return nil, err
	}
	return p, nil
}
