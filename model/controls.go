package model

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/sim"
)

// Knob names a live control: a slider or a key of the TUI, and the name a
// recording gives it.
type Knob uint8

// The live controls.
const (
	KnobArrivalRate Knob = iota // factor on the arrival rate
	KnobBrewRate                // factor on the brew speed
	KnobBaristas                // how many baristas work
	KnobMachines                // how many espresso machines there are
	KnobBrewMode                // how baristas brew
	numKnobs
)

var knobNames = [...]string{"arrival_rate", "brew_rate", "baristas", "machines", "brew_mode"}

// String returns the knob's name in a recording.
func (k Knob) String() string {
	if k < numKnobs {
		return knobNames[k]
	}
	return fmt.Sprintf("knob(%d)", uint8(k))
}

// Control is one setting of one live control, as a typed value. Build one with
// ArrivalRate, BrewRate, Baristas, Machines or BrewMode (which clamp to the allowed
// range) or ParseControl (which checks), and apply it with Player.Apply.
type Control struct {
	Knob Knob
	Rate float64         // KnobArrivalRate, KnobBrewRate: 1 = as configured
	N    int             // KnobBaristas, KnobMachines
	Mode config.BrewMode // KnobBrewMode
}

// ArrivalRate sets the arrival-rate factor (1 = as configured), from the next
// arrival on; f is clamped to [config.MinRate, config.MaxRate] (NaN: 1).
func ArrivalRate(f float64) Control { return Control{Knob: KnobArrivalRate, Rate: clampRate(f)} }

// BrewRate sets the brew-speed factor (1 = as configured), for brews that start
// from now on; f is clamped as by ArrivalRate.
func BrewRate(f float64) Control { return Control{Knob: KnobBrewRate, Rate: clampRate(f)} }

// Baristas hires or lets go baristas until n work (1 to config.MaxBaristas); one
// who leaves finishes the current order first.
func Baristas(n int) Control {
	return Control{Knob: KnobBaristas, N: min(max(n, 1), config.MaxBaristas)}
}

// Machines sets the number of espresso machines (1 to config.MaxMachines); a
// machine taken away finishes its brew first.
func Machines(n int) Control {
	return Control{Knob: KnobMachines, N: min(max(n, 1), config.MaxMachines)}
}

// BrewMode switches the brew mode for orders taken from now on.
func BrewMode(m config.BrewMode) Control { return Control{Knob: KnobBrewMode, Mode: m} }

func clampRate(f float64) float64 {
	if math.IsNaN(f) {
		return 1
	}
	return min(max(f, config.MinRate), config.MaxRate)
}

// Value returns the control's value as a recording writes it: a rate in the
// shortest form that reads back exactly, a count, or a brew mode's name.
func (c Control) Value() string {
	switch c.Knob {
	case KnobArrivalRate, KnobBrewRate:
		return strconv.FormatFloat(c.Rate, 'g', -1, 64)
	case KnobBaristas, KnobMachines:
		return strconv.Itoa(c.N)
	}
	return c.Mode.String()
}

// String returns "knob=value".
func (c Control) String() string { return c.Knob.String() + "=" + c.Value() }

// Check reports whether c is a value its knob accepts.
func (c Control) Check() error {
	switch c.Knob {
	case KnobArrivalRate, KnobBrewRate:
		if math.IsNaN(c.Rate) || c.Rate < config.MinRate || c.Rate > config.MaxRate {
			return fmt.Errorf("%s = %q: want a number from %v to %v", c.Knob, c.Value(), config.MinRate, config.MaxRate)
		}
	case KnobBaristas, KnobMachines:
		if c.N < 1 || c.N > config.MaxMachines {
			return fmt.Errorf("%s = %q: want a whole number from 1 to %d", c.Knob, c.Value(), config.MaxMachines)
		}
	case KnobBrewMode:
		if _, ok := config.ParseBrewMode(c.Mode.String()); !ok {
			return fmt.Errorf("%s = %q: want one of %v", c.Knob, c.Value(), config.BrewModeNames())
		}
	default:
		return fmt.Errorf("unknown control %s", c.Knob)
	}
	return nil
}

// ParseControl reads a control as a recording writes it: the knob's name and the
// value's text. Errors name both.
func ParseControl(name, value string) (Control, error) {
	var c Control
	var err error
	switch name {
	case "arrival_rate", "brew_rate":
		c.Knob = KnobArrivalRate
		if name == "brew_rate" {
			c.Knob = KnobBrewRate
		}
		c.Rate, err = strconv.ParseFloat(value, 64)
		if err != nil || math.IsNaN(c.Rate) || c.Rate < config.MinRate || c.Rate > config.MaxRate {
			return Control{}, fmt.Errorf("%s = %q: want a number from %v to %v", name, value, config.MinRate, config.MaxRate)
		}
	case "baristas", "machines":
		c.Knob = KnobBaristas
		if name == "machines" {
			c.Knob = KnobMachines
		}
		c.N, err = strconv.Atoi(value)
		if err != nil || c.N < 1 || c.N > config.MaxMachines {
			return Control{}, fmt.Errorf("%s = %q: want a whole number from 1 to %d", name, value, config.MaxMachines)
		}
	case "brew_mode":
		m, ok := config.ParseBrewMode(value)
		if !ok {
			return Control{}, fmt.Errorf("%s = %q: want one of %v", name, value, config.BrewModeNames())
		}
		c = BrewMode(m)
	default:
		return Control{}, fmt.Errorf("unknown control %q: want one of %s, %s, %s, %s, %s", name,
			KnobArrivalRate, KnobBrewRate, KnobBaristas, KnobMachines, KnobBrewMode)
	}
	return c, nil
}

// ControlChange is one live control change: at virtual time T, the control took
// its value.
type ControlChange struct {
	T time.Duration
	Control
}

// Controls returns the live control values.
func (s *Shop) Controls() Controls { return s.controls }

// Changes returns the control changes so far, in the order applied.
func (s *Shop) Changes() []ControlChange { return append([]ControlChange(nil), s.changes...) }

// Settle finishes the current instant: it runs the steps left at the current time
// (after a Step, or a frame that ran out of budget), so nothing at or before now is
// pending. A recording made after it ends where a replay's RunUntil(end) does.
func (s *Shop) Settle() { s.settle() }

// settle runs the steps left at the current instant, so that nothing at or before
// now is still pending.
func (s *Shop) settle() {
	for {
		next, ok := s.e.NextTime()
		if !ok || next > s.e.Now() {
			return
		}
		_, err := s.e.Step()
		s.noteErr(err)
	}
}

// applyAt applies a change whose time is the current time, after finishing the
// current instant.
func (s *Shop) applyAt(c ControlChange) error {
	if c.T != s.e.Now() {
		return fmt.Errorf("model: control %s at %v applied at %v", c.Knob, c.T, s.e.Now())
	}
	if err := c.Check(); err != nil {
		return err
	}
	s.settle()
	now := s.e.Now()
	switch c.Knob {
	case KnobArrivalRate:
		s.controls.ArrivalRate = c.Rate
	case KnobBrewRate:
		s.controls.BrewRate = c.Rate
	case KnobBaristas:
		s.controls.Baristas = c.N
		for s.working() < c.N {
			s.addBarista()
		}
		for s.working() > c.N {
			s.removeBarista()
		}
	case KnobMachines:
		s.controls.Machines = c.N
		s.machines.SetLimit(c.N)
		for len(s.slots) < c.N {
			s.slots = append(s.slots, nil)
		}
		for len(s.slots) > c.N && s.slots[len(s.slots)-1] == nil {
			s.slots = s.slots[:len(s.slots)-1]
		}
		s.m.machines.Set(now, float64(c.N))
	case KnobBrewMode:
		s.controls.Mode = c.Mode
	}
	s.changes = append(s.changes, c)
	return nil
}

// working counts the baristas not on their way out.
func (s *Shop) working() int {
	n := 0
	for _, b := range s.baristas {
		if !b.leaving {
			n++
		}
	}
	return n
}

// advanceTo runs the shop up to virtual time t, doing at most maxSteps scheduling
// steps, and reports whether it reached t (false: the work budget ran out first, or
// a task failed, and the clock stopped short; Err says which). Chart samples are
// taken on the way.
func (s *Shop) advanceTo(t time.Duration, maxSteps int) bool {
	for i := 0; i < maxSteps; i++ {
		next, ok := s.e.NextTime()
		if !ok || next > t {
			s.sampleUpTo(t)
			s.noteErr(s.e.RunUntil(t)) // nothing due: just move the clock
			return true
		}
		s.sampleUpTo(next - 1)
		if _, err := s.e.Step(); err != nil {
			s.noteErr(err)
			return false // stop at the failure: the clock and the log show where it happened
		}
	}
	next, ok := s.e.NextTime()
	if !ok || next > t {
		s.sampleUpTo(t)
		s.noteErr(s.e.RunUntil(t))
		return true
	}
	return false
}

// noteErr keeps the first task failure for Err.
func (s *Shop) noteErr(err error) {
	if err != nil && s.err == nil {
		s.err = err
	}
}

// Err returns the first failure of a shop task seen while advancing (a bug in the
// shop, or an overloaded shop; never an expected outcome), or nil.
func (s *Shop) Err() error { return s.err }

// step performs exactly one scheduling step and reports whether there was anything
// to do. Snapshot.LastStep says what it did.
func (s *Shop) step() bool {
	if next, ok := s.e.NextTime(); ok {
		s.sampleUpTo(next - 1)
	}
	r, err := s.e.Step()
	s.noteErr(err)
	s.lastStep, s.stepTask = describeStep(r), 0
	if r.Task != nil {
		s.stepTask = r.Task.ID()
	}
	return r.OK
}

// describeStep puts a step into words for the step-mode header: "ran #4 count-3",
// "woke #4 count-3 (its timer fired)", "timed out #7 customer-3".
func describeStep(r sim.StepResult) string {
	if !r.OK {
		return "nothing left to run"
	}
	who := ""
	if r.Task != nil {
		who = " #" + strconv.Itoa(r.Task.ID()) + " " + r.Task.Name()
	}
	switch r.What {
	case "run":
		return "ran" + who
	case "wake":
		return "timer fired: woke" + who
	case "timeout":
		return "deadline passed:" + who + " cancelled at its await"
	case "unblock":
		return "blocking call ended:" + who + " runs on"
	case "timer":
		return "timer fired" + who
	}
	return r.What + who
}

// runTo runs the shop to virtual time t like runUntil, but when the loop runs out of
// work first (a lesson that has ended, a customers-limited shop that has drained)
// the clock stays at its last event, so a summary reports when the run really ended.
func (s *Shop) runTo(t time.Duration) error {
	err := s.e.RunTo(t)
	s.noteErr(err)
	return err
}

// runUntil runs the shop to virtual time t with no work budget. It returns the first
// failure of a task.
func (s *Shop) runUntil(t time.Duration) error {
	err := s.e.RunUntil(t)
	s.noteErr(err)
	return err
}
