package model

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/sim"
)

// The names of the live controls, as they appear in a recording.
const (
	CtlArrivalRate = "arrival_rate"
	CtlBrewRate    = "brew_rate"
	CtlBaristas    = "baristas"
	CtlMachines    = "machines"
	CtlBrewMode    = "brew_mode"
)

// ControlChange is one live control change: at virtual time T, Control took Value
// (a number, or a brew mode name).
type ControlChange struct {
	T       time.Duration `json:"t"`
	Control string        `json:"control"`
	Value   string        `json:"value"`
}

// Controls returns the live control values.
func (s *Shop) Controls() Controls { return s.controls }

// Changes returns the control changes so far, in the order applied.
func (s *Shop) Changes() []ControlChange { return append([]ControlChange(nil), s.changes...) }

// SetArrivalRate sets the arrival-rate factor (1 = as configured), from the next
// arrival on.
func (s *Shop) SetArrivalRate(f float64) { s.control(CtlArrivalRate, formatFloat(clampRate(f))) }

// SetBrewRate sets the brew-speed factor (1 = as configured), for brews that start
// from now on.
func (s *Shop) SetBrewRate(f float64) { s.control(CtlBrewRate, formatFloat(clampRate(f))) }

// SetBaristas hires or lets go baristas until n work; one who leaves finishes the
// current order first.
func (s *Shop) SetBaristas(n int) {
	s.control(CtlBaristas, strconv.Itoa(min(max(n, 1), config.MaxBaristas)))
}

// SetMachines sets the number of espresso machines; a machine taken away finishes
// its brew first.
func (s *Shop) SetMachines(n int) {
	s.control(CtlMachines, strconv.Itoa(min(max(n, 1), config.MaxMachines)))
}

// SetBrewMode switches the brew mode for orders taken from now on.
func (s *Shop) SetBrewMode(m config.BrewMode) { s.control(CtlBrewMode, m.String()) }

func clampRate(f float64) float64 {
	if math.IsNaN(f) {
		return 1
	}
	return min(max(f, config.MinRate), config.MaxRate)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// control applies a change at the current virtual time. A change takes effect after
// every event at or before that time has run — the same point a replay reaches with
// RunUntil(t) — so first it finishes the current instant.
func (s *Shop) control(name, value string) {
	s.settle()
	c := ControlChange{T: s.e.Now(), Control: name, Value: value}
	if err := s.apply(c); err != nil {
		panic("model: " + err.Error()) // the setters above only build valid changes
	}
}

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
		s.e.Step()
	}
}

// Apply applies a recorded control change; its time must be the current time. It
// is how a replay feeds its log back in.
func (s *Shop) Apply(c ControlChange) error {
	if c.T != s.e.Now() {
		return fmt.Errorf("model: control %s at %v applied at %v", c.Control, c.T, s.e.Now())
	}
	s.settle()
	return s.apply(c)
}

// checkControl reports whether c names a control and a value it accepts.
func checkControl(c ControlChange) error {
	switch c.Control {
	case CtlArrivalRate, CtlBrewRate:
		f, err := strconv.ParseFloat(c.Value, 64)
		if err != nil || math.IsNaN(f) || f < config.MinRate || f > config.MaxRate {
			return fmt.Errorf("%s = %q: want a number from %v to %v", c.Control, c.Value, config.MinRate, config.MaxRate)
		}
	case CtlBaristas, CtlMachines:
		n, err := strconv.Atoi(c.Value)
		if err != nil || n < 1 || n > config.MaxMachines {
			return fmt.Errorf("%s = %q: want a whole number from 1 to %d", c.Control, c.Value, config.MaxMachines)
		}
	case CtlBrewMode:
		if _, ok := config.ParseBrewMode(c.Value); !ok {
			return fmt.Errorf("%s = %q: want one of %v", c.Control, c.Value, config.BrewModeNames())
		}
	default:
		return fmt.Errorf("unknown control %q: want one of %s, %s, %s, %s, %s", c.Control,
			CtlArrivalRate, CtlBrewRate, CtlBaristas, CtlMachines, CtlBrewMode)
	}
	return nil
}

func (s *Shop) apply(c ControlChange) error {
	if err := checkControl(c); err != nil {
		return err
	}
	now := s.e.Now()
	switch c.Control {
	case CtlArrivalRate:
		s.controls.ArrivalRate, _ = strconv.ParseFloat(c.Value, 64)
	case CtlBrewRate:
		s.controls.BrewRate, _ = strconv.ParseFloat(c.Value, 64)
	case CtlBaristas:
		n, _ := strconv.Atoi(c.Value)
		s.controls.Baristas = n
		for s.working() < n {
			s.addBarista()
		}
		for s.working() > n {
			s.removeBarista()
		}
	case CtlMachines:
		n, _ := strconv.Atoi(c.Value)
		s.controls.Machines = n
		s.machines.SetLimit(n)
		for len(s.slots) < n {
			s.slots = append(s.slots, nil)
		}
		for len(s.slots) > n && s.slots[len(s.slots)-1] == nil {
			s.slots = s.slots[:len(s.slots)-1]
		}
		s.m.machines.Set(now, float64(n))
	case CtlBrewMode:
		s.controls.Mode, _ = config.ParseBrewMode(c.Value)
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

// AdvanceTo runs the shop up to virtual time t, doing at most maxSteps scheduling
// steps, and reports whether it reached t (false: the work budget ran out first and
// the clock stopped short). Chart samples are taken on the way.
func (s *Shop) AdvanceTo(t time.Duration, maxSteps int) bool {
	for i := 0; i < maxSteps; i++ {
		next, ok := s.e.NextTime()
		if !ok || next > t {
			s.sampleUpTo(t)
			s.noteErr(s.e.RunUntil(t)) // nothing due: just move the clock
			return true
		}
		s.sampleUpTo(next - 1)
		_, err := s.e.Step()
		s.noteErr(err)
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
// shop, never an expected outcome), or nil.
func (s *Shop) Err() error { return s.err }

// Step performs exactly one scheduling step (the TUI's step mode) and reports
// whether there was anything to do. Snapshot.LastStep says what it did.
func (s *Shop) Step() bool {
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

// RunTo runs the shop to virtual time t like RunUntil, but when the loop runs out of
// work first (a lesson that has ended, a customers-limited shop that has drained)
// the clock stays at its last event, so a summary reports when the run really ended.
func (s *Shop) RunTo(t time.Duration) error {
	err := s.e.RunTo(t)
	s.noteErr(err)
	return err
}

// RunUntil runs the shop to virtual time t with no work budget (headless runs). It
// returns the first failure of a task, which is a bug in the shop.
func (s *Shop) RunUntil(t time.Duration) error {
	err := s.e.RunUntil(t)
	s.noteErr(err)
	return err
}
