package sim

import (
	"slices"
	"testing"
	"time"
)

func submit(l *log, x *Executor, d time.Duration) Func {
	return func(t *Task) error {
		if err := x.Run(t, "brew "+t.Name(), d); err != nil {
			l.add(t, "run: "+err.Error())
			return err
		}
		l.add(t, "done")
		return nil
	}
}

func TestExecutorWorkersFIFO(t *testing.T) {
	e, rec := newTestEngine(t)
	var l log
	x := NewExecutor(e, "pool", 2)
	for i, d := range []time.Duration{3, 1, 1, 2} {
		e.SpawnN("j", i, submit(&l, x, d*time.Second))
	}
	var snaps []int
	snap := func() { snaps = append(snaps, x.Busy(), x.Queued()) }
	e.After(500*time.Millisecond, snap)
	e.After(2500*time.Millisecond, snap)
	e.After(3500*time.Millisecond, snap)
	// The loop keeps running beside the pool.
	e.Spawn("ticker", func(t *Task) error {
		for range 4 {
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			l.add(t, "tick")
		}
		return nil
	})
	var onWorker []string
	e.After(1500*time.Millisecond, func() {
		for i := range x.Workers() {
			if j := x.Running(i); j != nil {
				onWorker = append(onWorker, j.Label+" "+j.Start.String()+"-"+j.End.String())
			}
		}
	})
	mustRun(t, e)
	// A job's result reaches the loop before the timers due at its end instant
	// (its thread wakes the loop before the timers are moved; vtloop rule (f)).
	l.check(t,
		"done j-1@1s", "tick ticker@1s",
		"done j-2@2s", "tick ticker@2s",
		"done j-0@3s", "tick ticker@3s",
		"done j-3@4s", "tick ticker@4s",
	)
	if want := []int{2, 2, 2, 0, 1, 0}; !slices.Equal(snaps, want) {
		t.Errorf("Busy(), Queued() at 0.5s, 2.5s, 3.5s = %v, want %v", snaps, want)
	}
	checkLines(t, "Running()", onWorker, []string{"brew j-0 0s-3s", "brew j-2 1s-2s"})
	checkLines(t, "trace", kinds(rec, KindAcquire, KindRelease), []string{
		"acquire j-0@0s pool (brew j-0 on worker 1/2)",
		"acquire j-1@0s pool (brew j-1 on worker 2/2)",
		"release j-1@1s pool (brew j-1 done on worker 2)",
		"acquire j-2@1s pool (brew j-2 on worker 2/2)",
		"release j-2@2s pool (brew j-2 done on worker 2)",
		"acquire j-3@2s pool (brew j-3 on worker 2/2)",
		"release j-0@3s pool (brew j-0 done on worker 1)",
		"release j-3@4s pool (brew j-3 done on worker 2)",
	})
	if x.Name() != "pool" || x.Workers() != 2 {
		t.Errorf("Name(), Workers() = %q, %d", x.Name(), x.Workers())
	}
	wantPanic(t, "at least one worker", func() { NewExecutor(e, "x", 0) })
}

// Cancelling a task whose job still waits for a worker drops the job, one hop
// later (the done-callback of the future the task awaited, as wrap_future does).
func TestExecutorCancelQueued(t *testing.T) {
	e, rec := newTestEngine(t)
	var l log
	x := NewExecutor(e, "pool", 1)
	e.Spawn("a", submit(&l, x, 2*time.Second))
	b := e.Spawn("b", submit(&l, x, 2*time.Second))
	e.Spawn("c", submit(&l, x, 2*time.Second))
	var queued []int
	e.After(time.Second, func() {
		queued = append(queued, x.Queued())
		b.Cancel()
		queued = append(queued, x.Queued())
		e.CallSoon("", func() { queued = append(queued, x.Queued()) })
	})
	mustRun(t, e)
	l.check(t, "run: sim: cancelled b@1s", "done a@2s", "done c@4s")
	if !slices.Equal(queued, []int{2, 2, 1}) {
		t.Errorf("Queued() before, after the cancel and an iteration later = %v, want [2 2 1]", queued)
	}
	for _, ev := range rec.Events {
		if ev.Kind == KindAcquire && ev.Name == "b" {
			t.Errorf("the dropped job started: %v", ev)
		}
	}
}

// Cancelling a task whose job runs returns at once; the worker finishes the job
// (a thread cannot be interrupted) and its result is discarded.
func TestExecutorCancelRunning(t *testing.T) {
	e, rec := newTestEngine(t)
	var l log
	x := NewExecutor(e, "pool", 1)
	a := e.Spawn("a", submit(&l, x, 3*time.Second))
	e.Spawn("b", submit(&l, x, time.Second))
	var busy []int
	e.After(time.Second, func() { a.Cancel(); busy = append(busy, x.Busy()) })
	mustRun(t, e)
	l.check(t, "run: sim: cancelled a@1s", "done b@4s")
	if !slices.Equal(busy, []int{1}) {
		t.Errorf("Busy() after the cancel = %v, want [1]", busy)
	}
	checkLines(t, "trace", kinds(rec, KindAcquire, KindRelease), []string{
		"acquire a@0s pool (brew a on worker 1/1)",
		"release @3s pool (brew a done on worker 1)", // nobody awaits it any more
		"acquire b@3s pool (brew b on worker 1/1)",
		"release b@4s pool (brew b done on worker 1)",
	})
}
