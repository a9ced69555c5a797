package sim

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// asyncio's call_later(delay) is call_at(loop.time() + delay) with no clamp: a
// negative float delay is a deadline in the past, ordered before a past
// deadline that is later than it (program 236).
func TestCallLaterSecondsNegativeIsInThePast(t *testing.T) {
	e := New()
	defer e.Close()
	var got []string
	e.Spawn("main", func(t *Task) error {
		if err := t.Sleep(2e9); err != nil {
			return err
		}
		e.CallAtTime(1.5, "", func() { got = append(got, "past-1.5") })
		h := e.CallLaterSeconds(-1, "", func() { got = append(got, "later-minus-1") })
		if h.when != 1.0 {
			t.Engine().CallSoon("", func() { got = append(got, "when was not 1.0") })
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(got, " "); s != "later-minus-1 past-1.5" {
		t.Fatalf("got %q, want the call_later(-1) timer (due 1.0) before the one due 1.5", s)
	}
}

// Sleeps beyond the Duration clock are timers ordered by their float deadline
// (asyncio.sleep(1e12), sleep(math.inf)): sleep(inf) is not a bare yield, and when
// the loop reaches the far ones the float clock is CPython's while Now saturates.
func TestSleepSecondsPastTheEndOfTheClock(t *testing.T) {
	e := New()
	defer e.Close()
	var got []string
	sleeper := func(name string, s float64) Func {
		return func(t *Task) error {
			if err := t.SleepSeconds(s); err != nil {
				got = append(got, name+" "+err.Error())
				return nil
			}
			got = append(got, fmt.Sprintf("%s at %g", name, t.Engine().Time()))
			return nil
		}
	}
	inf := e.Spawn("inf", sleeper("inf", math.Inf(1)))
	e.Spawn("1e12", sleeper("1e12", 1e12))
	e.Spawn("1e11", sleeper("1e11", 1e11))
	e.Spawn("1", sleeper("1", 1))
	e.CallAtTime(5e11, "", func() { inf.Cancel() })
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	want := "1 at 1 | 1e11 at 1e+11 | inf sim: cancelled | 1e12 at 1e+12"
	if s := strings.Join(got, " | "); s != want {
		t.Fatalf("got  %s\nwant %s", s, want)
	}
	if e.Now() != math.MaxInt64 || e.Time() != 1e12 {
		t.Errorf("clock at the end: Now %v, Time %g; want the Duration clock saturated and Time 1e12", e.Now(), e.Time())
	}
}

// Past the end of the Duration clock, deadlines are timers as sleeps are: at
// 9e9 s a Timeout, WaitFor, Wait and CallLater of 1e9 s (now + d overflows the
// Duration) fire at the float time 1e10, as asyncio's would.
func TestDeadlinesPastTheEndOfTheClock(t *testing.T) {
	e := New()
	defer e.Close()
	var got []string
	d := time.Duration(1e9) * time.Second
	e.Spawn("main", func(t *Task) error {
		if err := t.SleepSeconds(9e9); err != nil {
			return err
		}
		e.CallLater(d, "", func() { got = append(got, fmt.Sprintf("call_later at %g", e.Time())) })
		cm := t.Timeout(d)
		if err := cm.Exit(t.SleepSeconds(2e9)); errors.Is(err, ErrTimeout) {
			got = append(got, fmt.Sprintf("timeout at %g", e.Time()))
		}
		if err := WaitFor(t, d, func(t *Task) error { return t.SleepSeconds(2e9) }); errors.Is(err, ErrTimeout) {
			got = append(got, fmt.Sprintf("wait_for at %g", e.Time()))
		}
		long := t.Spawn("long", func(t *Task) error { return t.SleepSeconds(2e9) })
		if _, pending, err := Wait(t, []Awaitable{long}, AllCompleted, d); err == nil && len(pending) == 1 {
			got = append(got, fmt.Sprintf("wait at %g", e.Time()))
		}
		long.Cancel()
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	want := "call_later at 1e+10 | timeout at 1e+10 | wait_for at 1.1e+10 | wait at 1.2e+10"
	if s := strings.Join(got, " | "); s != want {
		t.Fatalf("got  %s\nwant %s", s, want)
	}
}
