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
