package sim

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// Step runs one handle at a time and names it as the loop view does; ReadyLabels
// and Timers show the ready queue and the heap in between.
func TestStepLabels(t *testing.T) {
	e, _ := newTestEngine(t)
	main := e.Spawn("main", func(t *Task) error {
		a := t.Spawn("a", func(t *Task) error { return t.Sleep(time.Second) })
		return WaitFor(t, 2*time.Second, func(t *Task) error { return Gather(t, a) })
	})
	var labels []string
	for i := 0; i < 100; i++ {
		if i == 1 {
			if got := e.ReadyLabels(nil); !slices.Equal(got, []string{"step a"}) {
				t.Errorf("ReadyLabels() after main's first step = %q, want [step a]", got)
			}
			var timers []string
			for _, ti := range e.Timers(nil) {
				timers = append(timers, ti.Label+"@"+ti.When.String())
			}
			if !slices.Equal(timers, []string{"timer: wait_for deadline of main@2s"}) {
				t.Errorf("Timers() = %q", timers)
			}
		}
		r, err := e.Step()
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK {
			break
		}
		labels = append(labels, r.Label)
	}
	want := []string{"step main", "step a", "timer: sleep of a", "step a", "gather done-callback for main", "step main"}
	if !slices.Equal(labels, want) {
		t.Errorf("step labels = %q\nwant %q", labels, want)
	}
	if !main.Done() || main.Err() != nil {
		t.Errorf("main: done %v, err %v", main.Done(), main.Err())
	}
}

// A sleep past the end of the Duration clock parks the task, as asyncio's
// sleep(1e12) does, until it is cancelled: not an error, not an instant return.
func TestSleepOverflow(t *testing.T) {
	e, _ := newTestEngine(t)
	var got error
	s := e.Spawn("s", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		got = t.Sleep(time.Duration(math.MaxInt64))
		return nil
	})
	if err := e.RunUntil(2 * time.Second); err != nil {
		t.Fatal(err)
	}
	if s.Done() || s.State() != StateSleeping {
		t.Fatalf("after Sleep(max) at 1s: done %v, state %v; want the task asleep", s.Done(), s.State())
	}
	s.Cancel()
	if err := e.RunUntil(3 * time.Second); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(got, ErrCancelled) {
		t.Errorf("Sleep(max) at 1s, cancelled at 2s = %v, want ErrCancelled", got)
	}
}

// A panic keeps its stack and the file:line of the panicking code.
func TestPanicSite(t *testing.T) {
	e, _ := newTestEngine(t)
	e.Spawn("p", func(t *Task) error {
		panic("spilled the milk") // the site PanicError names
	})
	err := e.RunUntilIdle()
	var pe *PanicError
	if !errors.As(err, &pe) || !strings.Contains(pe.At, "loopview_test.go:") || !strings.Contains(pe.Stack, "goroutine") {
		t.Fatalf("RunUntilIdle() = %v, want a PanicError at loopview_test.go with a stack", err)
	}
	if !strings.Contains(err.Error(), "(at ") {
		t.Errorf("PanicError.Error() = %q, want the site in it", err.Error())
	}
}

// Run returns main's own error, and a deadlock when main can never end.
func TestRunMain(t *testing.T) {
	boom := errors.New("boom")
	if err := Run(func(t *Task) error { return boom }); err != boom {
		t.Errorf("Run(returns boom) = %v, want boom itself", err)
	}
	var d *DeadlockError
	err := Run(func(t *Task) error { return NewEvent(t.Engine(), "never").Wait(t) })
	if !errors.As(err, &d) || len(d.Tasks) != 1 || d.Tasks[0].Awaiting != "never" {
		t.Errorf("Run(waits for ever) = %v, want a deadlock naming main on never", err)
	}
}

// SpawnValue's result, and TimeoutNever with a reschedule.
func TestSpawnValueAndTimeoutNever(t *testing.T) {
	var got int
	var timeoutErr error
	err := Run(func(t *Task) error {
		v := SpawnValue(t, "v", func(t *Task) (int, error) { return 42, t.Sleep(time.Second) })
		if _, _, ok := v.Result(); ok {
			t.Engine().Emit(KindSay, "", "done too early")
		}
		var err error
		if got, err = v.Wait(t); err != nil {
			return err
		}
		to := t.TimeoutNever()
		to.Reschedule(t.Now() + time.Second)
		timeoutErr = to.Exit(t.Sleep(5 * time.Second))
		return nil
	})
	if err != nil || got != 42 || !errors.Is(timeoutErr, ErrTimeout) {
		t.Errorf("Run = %v, value %d, rescheduled timeout %v; want nil, 42, ErrTimeout", err, got, timeoutErr)
	}
}
