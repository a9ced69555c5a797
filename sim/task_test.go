package sim

import (
	"errors"
	"testing"
	"time"
)

// Cancellation reaches a task at whatever await point it is suspended in, as
// ErrCancelled, and the task can clean up.
func TestCancelAtEveryAwaitPoint(t *testing.T) {
	tests := []struct {
		name  string
		await func(e *Engine) Func
	}{
		{"Sleep", func(e *Engine) Func { return func(t *Task) error { return t.Sleep(time.Hour) } }},
		{"Queue.Get", func(e *Engine) Func {
			q := NewQueue[int](e, "q", 0)
			return func(t *Task) error { _, err := q.Get(t); return err }
		}},
		{"Queue.Put", func(e *Engine) Func {
			q := NewQueue[int](e, "q", 1)
			q.TryPut(1)
			return func(t *Task) error { return q.Put(t, 2) }
		}},
		{"Lock.Acquire", func(e *Engine) Func {
			l := NewLock(e, "l")
			e.Spawn("holder", func(t *Task) error { return l.Acquire(t) })
			return l.Acquire
		}},
		{"Semaphore.Acquire", func(e *Engine) Func { return NewSemaphore(e, "s", 0).Acquire }},
		{"Event.Wait", func(e *Engine) Func { return NewEvent(e, "f").Wait }},
		{"Future.Wait", func(e *Engine) Func { return NewFuture[int](e, "f").Await }},
		{"Barrier.Wait", func(e *Engine) Func {
			b := NewBarrier(e, "b", 2)
			return func(t *Task) error { _, err := b.Wait(t); return err }
		}},
		{"Condition.Wait", func(e *Engine) Func {
			c := NewCondition(e, "c", nil)
			return func(t *Task) error {
				if err := c.Acquire(t); err != nil {
					return err
				}
				defer c.Release(t)
				return c.Wait(t)
			}
		}},
		{"Task.Wait", func(e *Engine) Func {
			other := e.Spawn("other", func(t *Task) error { return t.Sleep(time.Hour) })
			return other.Wait
		}},
		{"Gather", func(e *Engine) Func {
			return func(t *Task) error {
				return Gather(t, t.Spawn("child", func(t *Task) error { return t.Sleep(time.Hour) }))
			}
		}},
		{"Group.Wait", func(e *Engine) Func {
			return func(t *Task) error {
				g := NewGroup(t)
				g.Spawn("child", func(t *Task) error { return t.Sleep(time.Hour) })
				return g.Wait(t)
			}
		}},
		{"WaitFor", func(e *Engine) Func {
			return func(t *Task) error {
				return WaitFor(t, time.Hour, func(t *Task) error { return t.Sleep(2 * time.Hour) })
			}
		}},
		{"Executor.Run", func(e *Engine) Func {
			x := NewExecutor(e, "x", 1)
			return func(t *Task) error { return x.Run(t, "job", time.Hour) }
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, rec := newTestEngine(t)
			body := tt.await(e)
			var cleaned bool
			task := e.Spawn("victim", func(t *Task) error {
				defer func() { cleaned = true }()
				return body(t)
			})
			if err := e.RunUntil(time.Second); err != nil {
				t.Fatal(err)
			}
			if task.Done() {
				t.Fatalf("victim ended before the cancel: %v", task.Err())
			}
			if !task.Cancel() {
				t.Fatalf("Cancel() = false on a live task")
			}
			if err := e.RunUntil(2 * time.Second); err != nil {
				t.Fatal(err)
			}
			if err := taskErr(t, task, StateCancelled); err != ErrCancelled {
				t.Errorf("victim.Err() = %v, want ErrCancelled", err)
			}
			if !cleaned {
				t.Errorf("victim's deferred clean-up did not run")
			}
			if task.Cancel() {
				t.Errorf("Cancel() = true on an ended task")
			}
			var got []string
			for _, ev := range rec.Events {
				if ev.Kind == KindCancel && ev.Name == "victim" {
					got = append(got, kinds(&Recorder{Events: []Record{ev}})...)
				}
			}
			checkLines(t, "victim's cancel events", got, []string{"cancel victim@1s (requested)", "cancel victim@1s (ended)"})
		})
	}
}

// A task spinning on Yield is ready, never parked: the cancel reaches it at the
// next Yield.
func TestCancelYield(t *testing.T) {
	e, _ := newTestEngine(t)
	spins := 0
	spinner := e.Spawn("spinner", func(t *Task) error {
		for {
			if err := t.Yield(); err != nil {
				return err
			}
			spins++
		}
	})
	e.Spawn("canceller", func(t *Task) error {
		for range 3 {
			if err := t.Yield(); err != nil {
				return err
			}
		}
		spinner.Cancel()
		return nil
	})
	mustRun(t, e)
	if spinner.State() != StateCancelled || spins != 3 {
		t.Errorf("spinner %v after %d spins, want CANCELLED after 3", spinner.State(), spins)
	}
}

// A task cancelled after its last await that then returns normally ends
// cancelled, as in asyncio; one that catches ErrCancelled and returns nil is done.
func TestCancelAfterLastAwait(t *testing.T) {
	e, _ := newTestEngine(t)
	self := e.Spawn("self", func(t *Task) error { t.Cancel(); return nil })
	caught := e.Spawn("caught", func(t *Task) error {
		t.Cancel()
		if err := t.Sleep(time.Second); !errors.Is(err, ErrCancelled) {
			return err
		}
		return nil // swallowed
	})
	mustRun(t, e)
	for _, tt := range []struct {
		task *Task
		want State
	}{{self, StateCancelled}, {caught, StateDone}} {
		if got := tt.task.State(); got != tt.want {
			t.Errorf("%s.State() = %v, want %v", tt.task.Name(), got, tt.want)
		}
	}
}

func TestCancelBeforeFirstStep(t *testing.T) {
	e, rec := newTestEngine(t)
	ran := false
	c := e.Spawn("c", func(t *Task) error { ran = true; return nil })
	c.Cancel()
	mustRun(t, e)
	if ran || c.State() != StateCancelled {
		t.Errorf("a task cancelled before its first step ran = %v, state %v; want false, CANCELLED", ran, c.State())
	}
	checkLines(t, "trace", kinds(rec), []string{"spawn c@0s", "cancel c@0s (requested)", "cancel c@0s (ended)"})
}

// A task that cancels itself (or is cancelled while ready) gets ErrCancelled at
// its next await, and only once.
func TestCancelWhileRunningIsDeliveredOnce(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	e.Spawn("self", func(t *Task) error {
		t.Cancel()
		t.Cancel()
		l.addf("first sleep: %v", t.Sleep(time.Second))
		l.addf("second sleep: %v", t.Sleep(time.Second))
		return nil
	})
	mustRun(t, e)
	l.check(t, "first sleep: sim: cancelled", "second sleep: <nil>")
}

// Two cancels before the task runs again reach it as one ErrCancelled, as in
// asyncio; a cleanup await after catching it works.
func TestDoubleCancelDeliveredOnce(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	q := NewQueue[int](e, "q", 0)
	v := e.Spawn("v", func(t *Task) error {
		_, err := q.Get(t)
		l.addf("get: %v", err)
		l.addf("cleanup sleep: %v", t.Sleep(time.Second))
		return err
	})
	e.Spawn("canceller", func(t *Task) error {
		v.Cancel()
		v.Cancel()
		return nil
	})
	mustRun(t, e)
	l.check(t, "get: sim: cancelled", "cleanup sleep: <nil>")
	if e.Now() != time.Second {
		t.Errorf("Now() = %v, want 1s", e.Now())
	}
}

func TestTaskWait(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name string
		body Func
		want error
	}{
		{"done", func(t *Task) error { return t.Sleep(time.Second) }, nil},
		{"failed", func(t *Task) error { _ = t.Sleep(time.Second); return boom }, boom},
		{"cancelled", func(t *Task) error { t.Cancel(); return t.Sleep(time.Second) }, ErrCancelled},
		{"already done", func(t *Task) error { return nil }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			child := e.Spawn("child", tt.body)
			var got error
			var at time.Duration
			e.Spawn("waiter", func(t *Task) error {
				if err := t.Yield(); err != nil {
					return err
				}
				got, at = child.Wait(t), t.Now()
				return nil
			})
			mustRun(t, e)
			if !errors.Is(got, tt.want) || (tt.want == nil) != (got == nil) {
				t.Errorf("child.Wait() = %v, want %v", got, tt.want)
			}
			if child.State().Live() || at != e.Now() {
				t.Errorf("Wait returned at %v (child %v), want at the child's end %v", at, child.State(), e.Now())
			}
		})
	}
}

// Cancelling the waiter cancels the awaited task too, and the waiter resumes only
// once it has ended, as in asyncio. A child that cleans up after the cancel keeps
// the waiter waiting until it is done.
func TestTaskWaitCancelWaiter(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	child := e.Spawn("child", func(t *Task) error {
		err := t.Sleep(5 * time.Second)
		l.add(t, "child: "+errString(err))
		if err != nil {
			t.Sleep(500 * time.Millisecond) // clean-up takes a while
			l.add(t, "child cleaned up")
		}
		return err
	})
	var got error
	w := e.Spawn("waiter", func(t *Task) error { got = child.Wait(t); l.add(t, "waiter: "+errString(got)); return got })
	e.After(time.Second, func() { w.Cancel() })
	mustRun(t, e)
	if got != ErrCancelled || child.State() != StateCancelled || w.State() != StateCancelled {
		t.Errorf("waiter got %v, child %v, waiter %v; want ErrCancelled, CANCELLED, CANCELLED", got, child.State(), w.State())
	}
	l.check(t, "child: sim: cancelled child@1s", "child cleaned up child@1.5s", "waiter: sim: cancelled waiter@1.5s")
}

// WaitFor around awaiting a task cancels that task on timeout, like
// asyncio.wait_for(task, timeout).
func TestWaitForTaskCancelsIt(t *testing.T) {
	e, _ := newTestEngine(t)
	child := e.Spawn("brew", func(t *Task) error { return t.Sleep(5 * time.Second) })
	var got error
	e.Spawn("customer", func(t *Task) error { got = WaitFor(t, 2*time.Second, child.Wait); return nil })
	mustRun(t, e)
	if got != ErrTimeout || child.State() != StateCancelled || e.Now() != 2*time.Second {
		t.Errorf("WaitFor(2s, brew.Wait) = %v, brew %v, run ends at %v; want ErrTimeout, CANCELLED, 2s", got, child.State(), e.Now())
	}
}

func TestOnDoneOrder(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	a := e.Spawn("a", func(t *Task) error { return t.Sleep(time.Second) })
	a.OnDone(func(t *Task) { l.addf("cb1 %s %v@%v", t.Name(), t.State(), t.Now()) })
	a.OnDone(func(t *Task) { l.addf("cb2 %s@%v", t.Name(), t.Now()) })
	e.Spawn("b", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		l.add(t, "b woke")
		return nil
	})
	mustRun(t, e)
	a.OnDone(func(t *Task) { l.addf("late cb %s@%v", t.Name(), t.Now()) })
	mustRun(t, e)
	// Callbacks go through the ready queue: after b, which was ready when a ended.
	l.check(t, "b woke b@1s", "cb1 a DONE@1s", "cb2 a@1s", "late cb a@1s")
}

// A failure whose only waiter is cancelled before it could see it is still
// reported by Run: nobody observed it.
func TestTaskWaitCancelledWaiterDoesNotHideFailure(t *testing.T) {
	e, _ := newTestEngine(t)
	boom := errors.New("boom")
	child := e.Spawn("child", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		return boom
	})
	var got error
	waiter := e.Spawn("waiter", func(t *Task) error { got = child.Wait(t); return got })
	e.Spawn("canceller", func(t *Task) error {
		// Runs after child at 1s and before the waiter child's end woke.
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		waiter.Cancel()
		return nil
	})
	err := e.RunUntilIdle()
	if got != ErrCancelled {
		t.Fatalf("child.Wait() = %v, want ErrCancelled (the race was not set up)", got)
	}
	if !errors.Is(err, boom) {
		t.Errorf("Run() = %v, want child's unobserved failure", err)
	}
}
