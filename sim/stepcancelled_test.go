package sim

import (
	"errors"
	"testing"
	"time"
)

// A sleep cancelled after its timer fell due (here by a wait_for deadline due at
// the same instant, which the heap pops first) leaves a handle that still runs,
// as asyncio's _set_result_unless_cancelled does: Step reports it with its
// label, like CPython's trace of conformance program 030 (iteration 2: the
// deadline, then the sleep's timer; iteration 3: the task).
func TestStepCancelledSleepTimer(t *testing.T) {
	e, _ := newTestEngine(t)
	var got error
	e.Spawn("main", func(t *Task) error {
		got = WaitFor(t, time.Second, func(t *Task) error { return t.Sleep(time.Second) })
		return nil
	})
	var steps []string
	for {
		r, err := e.Step()
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK {
			break
		}
		who := "-"
		if r.Task != nil {
			who = r.Task.Name()
		}
		steps = append(steps, Dur(r.Time)+" "+r.What+" "+who+" | "+r.Label)
	}
	checkLines(t, "steps", steps, []string{
		"0s run main | step main",
		"1s timeout main | timer: wait_for deadline of main",
		"1s timer - | timer: sleep of main",
		"1s run main | step main",
	})
	if !errors.Is(got, ErrTimeout) {
		t.Errorf("WaitFor = %v, want ErrTimeout", got)
	}
}
