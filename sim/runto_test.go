package sim

import (
	"slices"
	"testing"
	"time"
)

// RunTo stops the clock at the last event when the work runs out, and moves it to
// the limit when work remains.
func TestRunTo(t *testing.T) {
	e := New()
	defer e.Close()
	e.Spawn("once", func(t *Task) error { return t.Sleep(1500 * time.Millisecond) })
	if err := e.RunTo(time.Minute); err != nil || e.Now() != 1500*time.Millisecond {
		t.Errorf("RunTo(1m) with work ending at 1.5s: Now() = %v, err %v; want 1.5s", e.Now(), err)
	}
	e.Spawn("long", func(t *Task) error { return t.Sleep(time.Hour) })
	if err := e.RunTo(2 * time.Minute); err != nil || e.Now() != 2*time.Minute {
		t.Errorf("RunTo(2m) with a timer at 1h: Now() = %v, err %v; want 2m", e.Now(), err)
	}
}

// OnWake reports every sleep's lateness: zero normally, positive after a blocking call.
func TestOnWake(t *testing.T) {
	e := New()
	defer e.Close()
	var late []time.Duration
	e.OnWake(func(d time.Duration) { late = append(late, d) })
	e.Spawn("sleeper", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		return t.Sleep(time.Second)
	})
	e.Spawn("blocker", func(t *Task) error {
		if err := t.Sleep(1500 * time.Millisecond); err != nil {
			return err
		}
		t.Block(time.Second)
		return nil
	})
	mustRun(t, e)
	// sleeper wakes at 1s (on time), blocker at 1.5s (on time), sleeper's second
	// sleep was due at 2s but the loop was frozen until 2.5s.
	if want := []time.Duration{0, 0, 500 * time.Millisecond}; !slices.Equal(late, want) {
		t.Errorf("OnWake saw %v, want %v", late, want)
	}
}

// Step never reports a timer cancelled after it fell due: that did nothing.
func TestStepSkipsDeadTimers(t *testing.T) {
	e := New()
	defer e.Close()
	var cancel func()
	e.Spawn("a", func(t *Task) error {
		cancel()
		return nil
	})
	cancel = e.After(0, func() { panic("a cancelled callback ran") })
	// The callback is due at 0 and moves to the ready queue behind a; a cancels it.
	var whats []string
	for {
		r, err := e.Step()
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK {
			break
		}
		whats = append(whats, r.What)
	}
	if want := []string{"run"}; !slices.Equal(whats, want) {
		t.Errorf("Step() reported %q, want %q (the dead timer is not a step)", whats, want)
	}
}
