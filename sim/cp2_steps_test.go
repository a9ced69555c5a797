package sim

import (
	"fmt"
	"testing"
	"time"
)

// stepLabels steps e until nothing is left and returns each step as "t label".
func stepLabels(tb testing.TB, e *Engine) []string {
	tb.Helper()
	var got []string
	for range 1000 {
		r, err := e.Step()
		if err != nil {
			tb.Fatalf("Step: %v", err)
		}
		if !r.OK {
			return got
		}
		got = append(got, fmt.Sprintf("%v %s", r.Time, r.Label))
	}
	tb.Fatal("Step: still running after 1000 steps")
	return nil
}

// A job cancelled while it waits for a worker: the concurrent future's
// cancellation reaches the loop as one handle (call_soon_threadsafe of
// wrap_future's _set_state), which finds the awaited future cancelled and does
// nothing; a running job's result handle comes at its end (conformance program
// 085).
func TestExecutorCancelledJobHandles(t *testing.T) {
	e, _ := newTestEngine(t)
	x := NewExecutor(e, "pool", 1)
	e.Spawn("main", func(t *Task) error {
		running := RunInExecutor(x, "running", 2*time.Second, 0, nil)
		queued := RunInExecutor(x, "queued", time.Second, 0, nil)
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		running.Cancel()
		queued.Cancel()
		return t.Sleep(2 * time.Second)
	})
	checkLines(t, "steps", stepLabels(t, e), []string{
		"0s step main",
		"1s timer: sleep of main",
		"1s step main",
		"1s done-callback for main", // _call_check_cancel of running: it runs on
		"1s done-callback for main", // _call_check_cancel of queued: dropped
		"1s executor pool: cancelled queued",
		"2s executor pool: result of running",
		"3s timer: sleep of main",
		"3s step main",
	})
}

// shield(task) as 3.14 writes it gives the inner task a callback that clears
// its awaited-by record before the one that completes the outer future, and,
// when the outer future ends first, one that would log inner's failure: each a
// handle of its own (conformance programs 092, 094 and 103).
func TestShieldHandlesOrder(t *testing.T) {
	e, _ := newTestEngine(t)
	e.Spawn("main", func(t *Task) error {
		roast := t.Spawn("roast", func(t *Task) error { return t.Sleep(3 * time.Second) })
		if err := WaitFor(t, time.Second, func(t *Task) error { return Shield(t, roast) }); err != ErrTimeout {
			return fmt.Errorf("WaitFor(Shield) = %v, want ErrTimeout", err)
		}
		short := t.Spawn("short", func(t *Task) error { return t.Sleep(time.Second) })
		if err := Shield(t, short); err != nil {
			return err
		}
		return roast.Wait(t)
	})
	checkLines(t, "steps", stepLabels(t, e), []string{
		"0s step main",
		"0s step roast",
		"1s timer: wait_for deadline of main",
		"1s shield done-callback for main", // outer's: inner pending, log callback added
		"1s step main",
		"1s step short",
		"2s timer: sleep of short",
		"2s step short",
		"2s shield awaited-by callback for main",
		"2s shield done-callback for main", // inner done: sets outer
		"2s shield done-callback for main", // outer done: inner done already
		"2s step main",
		"3s timer: sleep of roast",
		"3s step roast",
		"3s shield awaited-by callback for main",
		"3s shield log-on-exception callback",
		"3s step main",
	})
}

// call_later(-1) is due at loop.time() - 1, not now: among timers already due
// it comes before one due at now - 0.5 (call_at of a past time) and one due
// now; CPython 3.14 prints negative, past, now.
func TestCallLaterNegativeDelayOrder(t *testing.T) {
	e, _ := newTestEngine(t)
	var got []string
	e.Spawn("main", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		e.CallAt(500*time.Millisecond, "", func() { got = append(got, "past 0.5") })
		e.CallLater(-time.Second, "", func() { got = append(got, "negative") })
		e.CallAt(e.Now(), "", func() { got = append(got, "now") })
		return t.Sleep(time.Second)
	})
	mustRun(t, e)
	checkLines(t, "callbacks", got, []string{"negative", "past 0.5", "now"})
}

// asyncio.wait(timeout=-1) and as_completed(timeout=-1) arm a timer in the
// past (call_later of a negative delay): wait returns an iteration later with
// everything pending, as_completed raises TimeoutError; only NoTimeout means
// none (CPython 3.14: after a call_soon queued before, both at t=0).
func TestWaitNegativeTimeout(t *testing.T) {
	e, _ := newTestEngine(t)
	var got []string
	e.Spawn("main", func(t *Task) error {
		b := t.Spawn("brew", func(t *Task) error { return t.Sleep(time.Second) })
		e.CallSoon("", func() { got = append(got, fmt.Sprintf("soon at %v", e.Now())) })
		done, pending, err := Wait(t, []Awaitable{b}, AllCompleted, -time.Second)
		if err != nil {
			return err
		}
		got = append(got, fmt.Sprintf("wait at %v: done=%d pending=%d", e.Now(), len(done), len(pending)))
		ac := NewAsCompleted(t, []Awaitable{b}, -time.Second)
		_, _, err = ac.Next(t)
		got = append(got, fmt.Sprintf("as_completed at %v: %v", e.Now(), err))
		return b.Wait(t)
	})
	mustRun(t, e)
	checkLines(t, "main", got, []string{
		"soon at 0s",
		"wait at 0s: done=0 pending=1",
		"as_completed at 0s: " + ErrTimeout.Error(),
	})
}
