package sim

import (
	"errors"
	"testing"
	"time"
)

func TestWaitFor(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		d       time.Duration
		fn      func(l *log) Func
		wantErr error
		wantAt  time.Duration
		want    []string
	}{
		{"finishes in time", 2 * time.Second, func(l *log) Func { return job(l, time.Second, nil) },
			nil, time.Second, []string{"finished w@1s"}},
		{"fails in time", 2 * time.Second, func(l *log) Func { return job(l, time.Second, boom) },
			boom, time.Second, []string{"finished w@1s"}},
		{"times out: inner work cancelled, its defers run", time.Second, func(l *log) Func {
			return func(t *Task) error {
				defer l.add(t, "deferred")
				return job(l, 5*time.Second, nil)(t)
			}
		}, ErrTimeout, time.Second, []string{"cancelled w@1s", "deferred w@1s"}},
		{"deadline at the same instant as the sleep: timeout wins", time.Second, func(l *log) Func {
			return job(l, time.Second, nil)
		}, ErrTimeout, time.Second, []string{"cancelled w@1s"}},
		// wait_for(x, 0) since 3.12: x becomes a task, cancelled before it starts.
		{"zero timeout with an await", 0, func(l *log) Func { return job(l, time.Second, nil) },
			ErrTimeout, 0, nil},
		{"negative timeout without an await", -time.Second, func(l *log) Func {
			return func(t *Task) error { l.add(t, "no await"); return nil }
		}, ErrTimeout, 0, nil},
		{"inner work swallows the cancellation", time.Second, func(l *log) Func {
			return func(t *Task) error {
				if err := t.Sleep(5 * time.Second); err != nil {
					l.add(t, "swallowed")
				}
				return nil
			}
		}, nil, time.Second, []string{"swallowed w@1s"}},
		{"inner work turns the cancellation into its own error", time.Second, func(l *log) Func {
			return func(t *Task) error {
				if err := t.Sleep(5 * time.Second); err != nil {
					return boom
				}
				return nil
			}
		}, boom, time.Second, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, rec := newTestEngine(t)
			var l log
			var got error
			var at time.Duration
			var after error
			e.Spawn("w", func(t *Task) error {
				got, at = WaitFor(t, tt.d, tt.fn(&l)), t.Now()
				after = t.Sleep(time.Second) // no cancellation left over
				return nil
			})
			mustRun(t, e)
			if !errors.Is(got, tt.wantErr) || (got == nil) != (tt.wantErr == nil) || at != tt.wantAt {
				t.Errorf("WaitFor() = %v at %v, want %v at %v", got, at, tt.wantErr, tt.wantAt)
			}
			if after != nil {
				t.Errorf("Sleep after WaitFor = %v, want nil", after)
			}
			l.check(t, tt.want...)
			timeouts := kinds(rec, KindTimeout)
			if wantTimeout := tt.d > 0 && tt.wantAt == tt.d && tt.name != "finishes in time" && tt.name != "fails in time" && tt.name != "negative timeout without an await"; wantTimeout != (len(timeouts) == 1) {
				t.Errorf("timeout events = %q", timeouts)
			}
		})
	}
}

func TestWaitForNested(t *testing.T) {
	tests := []struct {
		name         string
		outer, inner time.Duration
		wantOuter    error
		wantInner    error
		wantAt       time.Duration
	}{
		{"outer fires first", time.Second, 2 * time.Second, ErrTimeout, ErrCancelled, time.Second},
		{"inner fires first", 2 * time.Second, time.Second, ErrTimeout, ErrTimeout, time.Second},
		{"neither fires", 3 * time.Second, 4 * time.Second, nil, nil, 2500 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, rec := newTestEngine(t)
			var outer, inner error
			var at time.Duration
			e.Spawn("w", func(t *Task) error {
				outer = WaitFor(t, tt.outer, func(t *Task) error {
					inner = WaitFor(t, tt.inner, func(t *Task) error { return t.Sleep(2500 * time.Millisecond) })
					return inner
				})
				at = t.Now()
				return nil
			})
			mustRun(t, e)
			if outer != tt.wantOuter || inner != tt.wantInner || at != tt.wantAt {
				t.Errorf("outer, inner = %v, %v at %v; want %v, %v at %v", outer, inner, at, tt.wantOuter, tt.wantInner, tt.wantAt)
			}
			if n := len(kinds(rec, KindTimeout)); (tt.wantOuter != nil) != (n == 1) {
				t.Errorf("%d timeout events", n)
			}
			if e.Now() != at {
				t.Errorf("Run ended at %v, want %v: a deadline timer was left behind", e.Now(), at)
			}
		})
	}
}

// Cancelling the task from outside is reported as ErrCancelled, not as a timeout,
// also when it races the deadline at the same instant.
func TestWaitForExternalCancel(t *testing.T) {
	tests := []struct {
		name     string
		cancelAt time.Duration
		first    bool // the cancel is scheduled before the WaitFor starts
	}{
		{"before the deadline", 500 * time.Millisecond, true},
		{"same instant, cancel first", time.Second, true},
		{"same instant, deadline first", time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			var got, after error
			var w *Task
			if tt.first {
				e.After(tt.cancelAt, func() { w.Cancel() })
			}
			w = e.Spawn("w", func(t *Task) error {
				got = WaitFor(t, time.Second, func(t *Task) error { return t.Sleep(5 * time.Second) })
				after = t.Sleep(time.Second)
				return got
			})
			if !tt.first {
				// Scheduled after w's deadline: both fire in the same iteration, the
				// deadline first, and w has not run in between.
				e.Spawn("canceller", func(t *Task) error {
					e.After(tt.cancelAt, func() { w.Cancel() })
					return nil
				})
			}
			mustRun(t, e)
			if got != ErrCancelled {
				t.Errorf("WaitFor() = %v, want ErrCancelled", got)
			}
			if after != nil {
				t.Errorf("Sleep after WaitFor = %v, want nil (the cancel was delivered once)", after)
			}
			if w.State() != StateCancelled {
				t.Errorf("w.State() = %v, want CANCELLED", w.State())
			}
		})
	}
}

// A resource handed to a task at the very instant its deadline cancels it is
// passed on, never lost, whichever of the two comes first in that instant. At 1s
// impatient enters asyncio.timeout(0), whose deadline fires in the next loop
// iteration; the holder yields 1 to 3 times after its own 1s sleep, which puts
// its release before or after the deadline; both orders must occur.
func TestWaitForGrantRace(t *testing.T) {
	type resource struct {
		take, give func(t *Task) error
	}
	for _, kind := range []string{"Semaphore", "Lock", "Queue"} {
		orders := map[bool]bool{}
		for yields := 1; yields <= 3; yields++ {
			e, rec := newTestEngine(t)
			var l log
			s := NewSemaphore(e, "s", 1)
			lk := NewLock(e, "l")
			q := NewQueue[int](e, "q", 0)
			var r resource
			switch kind {
			case "Semaphore":
				r = resource{s.Acquire, func(*Task) error { s.Release(); return nil }}
			case "Lock":
				r = resource{lk.Acquire, func(t *Task) error { lk.Release(t); return nil }}
			case "Queue":
				r = resource{func(t *Task) error { _, err := q.Get(t); return err }, func(t *Task) error { return q.Put(t, 1) }}
			}
			e.Spawn("holder", func(t *Task) error {
				if kind != "Queue" {
					if err := r.take(t); err != nil {
						return err
					}
				}
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				for range yields {
					if err := t.Yield(); err != nil {
						return err
					}
				}
				return r.give(t)
			})
			e.Spawn("impatient", func(t *Task) error {
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				to := t.Timeout(0)
				l.addf("impatient: %v", to.Exit(r.take(t)))
				return nil
			})
			e.Spawn("patient", func(t *Task) error {
				if err := t.Sleep(time.Second); err != nil { // queues behind impatient
					return err
				}
				if err := r.take(t); err != nil {
					return err
				}
				l.add(t, "got it")
				if kind != "Queue" {
					return r.give(t)
				}
				return nil
			})
			mustRun(t, e)
			var give, timeout uint64
			for _, ev := range rec.Events {
				if ev.Name == "holder" && (ev.Kind == KindRelease || ev.Kind == KindPut) && give == 0 {
					give = ev.Seq
				}
				if ev.Kind == KindTimeout {
					timeout = ev.Seq
				}
			}
			orders[give < timeout] = true
			l.check(t, "impatient: sim: timeout", "got it patient@1s")
			if s.Held() != 0 || lk.Locked() || q.Len() != 0 {
				t.Errorf("%s, %d yields: Held() = %d, Locked() = %v, Len() = %d; want 0, false, 0", kind, yields, s.Held(), lk.Locked(), q.Len())
			}
		}
		if !orders[true] || !orders[false] {
			t.Errorf("%s: grant-first and deadline-first races seen: %v, want both", kind, orders)
		}
	}
}

// A task that panics inside WaitFor leaves no deadline behind: no timeout event
// after the task ended, and the loop does not wait for the dead deadline.
func TestWaitForPanicLeavesNoDeadline(t *testing.T) {
	e, rec := newTestEngine(t)
	e.Spawn("w", func(t *Task) error {
		return WaitFor(t, time.Hour, func(t *Task) error {
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			panic("oops")
		})
	})
	err := e.RunUntilIdle()
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Task != "w" {
		t.Fatalf("Run() = %v, want w's panic", err)
	}
	if e.Now() != time.Second {
		t.Errorf("Run ended at %v, want 1s", e.Now())
	}
	if got := kinds(rec, KindTimeout); len(got) != 0 {
		t.Errorf("timeout events after the task ended: %q", got)
	}
}

// TestWaitForSecondsFloatDeadline: asyncio.wait_for(aw, 0.1 + 0.2) is due at
// loop.time() + 0.30000000000000004, after a timer due at 0.3 pushed later; a
// Duration deadline of 300ms is due at 0.3 itself and, pushed first, pops first.
func TestWaitForSecondsFloatDeadline(t *testing.T) {
	for _, c := range []struct {
		name      string
		waitFor   func(t *Task, fn Func) error
		cancelled int // the waiting task's cancel requests when the 0.3 callback runs
	}{
		{"float 0.1+0.2", func(t *Task, fn Func) error {
			a, b := 0.1, 0.2
			return WaitForSeconds(t, a+b, fn)
		}, 0},
		{"Duration 300ms", func(t *Task, fn Func) error { return WaitFor(t, 300*time.Millisecond, fn) }, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := New()
			defer e.Close()
			seen := -1
			var err error
			var w *Task
			w = e.Spawn("w", func(t *Task) error {
				err = c.waitFor(t, func(t *Task) error {
					e.CallLaterSeconds(0.3, "probe", func() { seen = w.Cancelling() })
					return t.SleepSeconds(1)
				})
				return nil
			})
			if rerr := e.RunUntilIdle(); rerr != nil {
				t.Fatal(rerr)
			}
			if !errors.Is(err, ErrTimeout) {
				t.Errorf("wait_for returned %v, want ErrTimeout", err)
			}
			if seen != c.cancelled {
				t.Errorf("the 0.3 callback saw cancelling()=%d, want %d", seen, c.cancelled)
			}
		})
	}
}

// TestWaitForSecondsNonPositive: wait_for(aw, 0) and a negative float timeout
// make aw a task cancelled before it starts; a tiny positive one still waits.
func TestWaitForSecondsNonPositive(t *testing.T) {
	for _, s := range []float64{0, -0.5, 1e-10} {
		e := New()
		ran := false
		var err error
		e.Spawn("w", func(t *Task) error {
			err = WaitForSeconds(t, s, func(t *Task) error { ran = true; return nil })
			return nil
		})
		if rerr := e.RunUntilIdle(); rerr != nil {
			t.Fatal(rerr)
		}
		if s <= 0 && (ran || !errors.Is(err, ErrTimeout)) {
			t.Errorf("WaitForSeconds(%v): ran=%v err=%v, want a timeout before it runs", s, ran, err)
		}
		if s > 0 && (!ran || err != nil) {
			t.Errorf("WaitForSeconds(%v): ran=%v err=%v, want it to run and finish", s, ran, err)
		}
		e.Close()
	}
}
