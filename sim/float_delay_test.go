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

// TestWaitSecondsFloatTimeout: asyncio.wait([task], timeout=0.1 + 0.2) called
// before the task starts its sleep(0.3): the sleep's timer (0.3) is due before
// the wait's (0.30000000000000004), so the task ends first and is done; with a
// Duration of 300ms the two deadlines tie and the wait's timer, pushed first,
// pops first: the task is still pending.
func TestWaitSecondsFloatTimeout(t *testing.T) {
	tenth, fifth := 0.1, 0.2
	for _, c := range []struct {
		name     string
		wait     func(t *Task, fs []Awaitable) (done bool, err error)
		wantDone bool
	}{
		{"WaitSeconds", func(t *Task, fs []Awaitable) (bool, error) {
			done, _, err := WaitSeconds(t, fs, AllCompleted, tenth+fifth)
			return len(done) == 1, err
		}, true},
		{"Wait 300ms", func(t *Task, fs []Awaitable) (bool, error) {
			done, _, err := Wait(t, fs, AllCompleted, 300*time.Millisecond)
			return len(done) == 1, err
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := New()
			defer e.Close()
			var done bool
			var err error
			e.Spawn("main", func(t *Task) error {
				w := t.Spawn("w", func(t *Task) error { return t.SleepSeconds(0.3) })
				done, err = c.wait(t, []Awaitable{w})
				return nil
			})
			if rerr := e.RunUntilIdle(); rerr != nil {
				t.Fatal(rerr)
			}
			if err != nil || done != c.wantDone {
				t.Errorf("done=%v err=%v, want done=%v", done, err, c.wantDone)
			}
		})
	}
}

// TestAsCompletedSecondsFloatTimeout: as_completed(fs, timeout=0.1 + 0.2) is due
// after a 0.3 callback scheduled after it; with 300ms it ties and, pushed
// first, fires first (the callback then sees the timeout's None queued).
func TestAsCompletedSecondsFloatTimeout(t *testing.T) {
	tenth, fifth := 0.1, 0.2
	for _, c := range []struct {
		name   string
		start  func(t *Task, fs []Awaitable) *AsCompleted
		queued int
	}{
		{"float", func(t *Task, fs []Awaitable) *AsCompleted { return NewAsCompletedSeconds(t, fs, tenth+fifth) }, 0},
		{"300ms", func(t *Task, fs []Awaitable) *AsCompleted { return NewAsCompleted(t, fs, 300*time.Millisecond) }, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := New()
			defer e.Close()
			seen := -1
			var err error
			e.Spawn("main", func(t *Task) error {
				w := t.Spawn("w", func(t *Task) error { return t.SleepSeconds(10) })
				ac := c.start(t, []Awaitable{w})
				e.CallLaterSeconds(0.3, "probe", func() { seen = ac.done.Len() })
				_, _, err = ac.Next(t)
				w.Cancel()
				return nil
			})
			if rerr := e.RunUntilIdle(); rerr != nil {
				t.Fatal(rerr)
			}
			if !errors.Is(err, ErrTimeout) || seen != c.queued {
				t.Errorf("Next = %v, the 0.3 callback saw %d queued; want ErrTimeout and %d", err, seen, c.queued)
			}
		})
	}
}
