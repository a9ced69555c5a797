package sim

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCallLaterSecondsNegative: asyncio's call_later(delay) is call_at(time() +
// delay) without clamping, so call_later(-0.5) and call_later(-0.25) are due
// before a call_later(0) scheduled first, in deadline order.
func TestCallLaterSecondsNegative(t *testing.T) {
	e := New()
	defer e.Close()
	var got []string
	e.Spawn("main", func(t *Task) error {
		if err := t.Sleep(1e9); err != nil {
			return err
		}
		for _, s := range []float64{0, -0.5, -0.25} {
			name := strconv.FormatFloat(s, 'g', -1, 64)
			e.CallLaterSeconds(s, name, func() { got = append(got, name) })
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	if want := "-0.5 -0.25 0"; strings.Join(got, " ") != want {
		t.Errorf("callbacks ran as %q, want %q", strings.Join(got, " "), want)
	}
}

// TestFloatDelaysBeyondTheClock: asyncio.sleep(1e10), sleep(float("inf")) and
// call_later(1e300) are timers like any other, due far away: the tasks sleep
// until cancelled and the callback never runs, while nearer work goes on; the
// heap orders them by their float deadlines. wait_for(sleep(inf), 0.1) times
// out at 0.1. Sleep with a Duration beyond the clock stays an error.
func TestFloatDelaysBeyondTheClock(t *testing.T) {
	e := New()
	defer e.Close()
	var log []string
	add := func(s string) { log = append(log, pyFloatish(e.Time())+" "+s) }
	var sleepers []*Task
	for _, s := range []float64{1e10, math.Inf(1), 1e300} {
		sleepers = append(sleepers, e.Spawn(strconv.FormatFloat(s, 'g', -1, 64), func(t *Task) error {
			err := t.SleepSeconds(s)
			add(t.Name() + " woke: " + fmt.Sprint(errors.Is(err, ErrCancelled)))
			return err
		}))
	}
	far := e.CallLaterSeconds(1e300, "far", func() { add("far fired") })
	e.Spawn("main", func(t *Task) error {
		err := WaitForSeconds(t, 0.1, func(t *Task) error { return t.SleepSeconds(math.Inf(1)) })
		add("wait_for: " + fmt.Sprint(errors.Is(err, ErrTimeout)))
		if err := t.SleepSeconds(1); err != nil {
			return err
		}
		if err := t.Sleep(math.MaxInt64); !errors.Is(err, ErrClockOverflow) {
			add("Sleep(MaxInt64) = " + fmt.Sprint(err))
		}
		for i := len(sleepers) - 1; i >= 0; i-- {
			sleepers[i].Cancel()
		}
		return nil
	})
	if err := e.RunUntil(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	want := "0.1 wait_for: true|1.1 1e+300 woke: true|1.1 +Inf woke: true|1.1 1e+10 woke: true"
	if got := strings.Join(log, "|"); got != want {
		t.Errorf("log = %q, want %q", got, want)
	}
	if far.Cancelled() || !e.timers[0].scheduled || e.timers[0] != far {
		t.Errorf("the far callback should still wait at the head of the heap")
	}
}

func pyFloatish(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
