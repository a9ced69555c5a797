package sim

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// job returns a body that sleeps d, then fails with err (nil: succeeds), logging
// its end or cancellation.
func job(l *log, d time.Duration, err error) Func {
	return func(t *Task) error {
		if e := t.Sleep(d); e != nil {
			l.add(t, "cancelled")
			return e
		}
		l.add(t, "finished")
		return err
	}
}

func TestGather(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		jobs    func(l *log) []Func
		wantErr error
		wantAt  time.Duration
		want    []string
	}{
		{"all succeed", func(l *log) []Func {
			return []Func{job(l, 2*time.Second, nil), job(l, time.Second, nil), job(l, 3*time.Second, nil)}
		}, nil, 3 * time.Second, []string{
			"finished c-1@1s", "finished c-0@2s", "finished c-2@3s", "gather returned <nil> p@3s",
		}},
		{"first failure returned at once, the others keep running", func(l *log) []Func {
			return []Func{job(l, 3*time.Second, nil), job(l, time.Second, boom), job(l, 2*time.Second, errors.New("second"))}
		}, boom, time.Second, []string{
			"finished c-1@1s", "gather returned sim: task \"c-1\" failed: boom p@1s", "finished c-2@2s", "finished c-0@3s",
		}},
		{"a cancelled child is a failure", func(l *log) []Func {
			return []Func{job(l, 3*time.Second, nil), func(t *Task) error { t.Cancel(); return job(l, time.Second, nil)(t) }}
		}, ErrCancelled, 0, []string{
			"cancelled c-1@0s", "gather returned sim: cancelled p@0s", "finished c-0@3s",
		}},
		{"no tasks", func(l *log) []Func { return nil }, nil, 0, []string{"gather returned <nil> p@0s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			var l log
			var got error
			var at time.Duration
			e.Spawn("p", func(t *Task) error {
				var cs []*Task
				for i, fn := range tt.jobs(&l) {
					cs = append(cs, t.SpawnN("c", i, fn))
				}
				got, at = Gather(t, cs...), t.Now()
				l.add(t, "gather returned "+errString(got))
				return nil
			})
			// The second failure was awaited through Gather: Run reports nothing.
			mustRun(t, e)
			if !errors.Is(got, tt.wantErr) || (got == nil) != (tt.wantErr == nil) || at != tt.wantAt {
				t.Errorf("Gather() = %v at %v, want %v at %v", got, at, tt.wantErr, tt.wantAt)
			}
			l.check(t, tt.want...)
		})
	}
}

// Gather of tasks that have already ended returns through one loop iteration.
func TestGatherAlreadyDone(t *testing.T) {
	e, _ := newTestEngine(t)
	a := e.Spawn("a", func(t *Task) error { return nil })
	b := e.Spawn("b", func(t *Task) error { return errors.New("b failed") })
	var got error
	e.Spawn("p", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		got = Gather(t, a, b)
		return nil
	})
	mustRun(t, e)
	if got == nil || got.Error() != `sim: task "b" failed: b failed` {
		t.Errorf("Gather() = %v, want b's failure", got)
	}
}

// Cancelling the task that gathers cancels every unfinished child, and the gather
// returns once the first of them has ended, as asyncio's gathering future does
// (checked against CPython 3.11: both children report, then gather raises).
func TestGatherParentCancelled(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	var got error
	p := e.Spawn("p", func(t *Task) error {
		c0 := t.Spawn("c-0", job(&l, time.Second, nil))
		c1 := t.Spawn("c-1", job(&l, 5*time.Second, nil))
		c2 := t.Spawn("c-2", job(&l, 5*time.Second, nil))
		got = Gather(t, c0, c1, c2)
		l.add(t, "gather returned "+errString(got))
		return got
	})
	e.After(2*time.Second, func() { p.Cancel() })
	mustRun(t, e)
	l.check(t, "finished c-0@1s", "cancelled c-1@2s", "cancelled c-2@2s", "gather returned sim: cancelled p@2s")
	if p.State() != StateCancelled {
		t.Errorf("p.State() = %v, want CANCELLED", p.State())
	}
}

func TestGroup(t *testing.T) {
	boom, bang := errors.New("boom"), errors.New("bang")
	tests := []struct {
		name    string
		jobs    func(l *log) []Func
		wantErr []error
		want    []string
	}{
		{"all succeed", func(l *log) []Func {
			return []Func{job(l, time.Second, nil), job(l, 2*time.Second, nil)}
		}, nil, []string{"finished c-0@1s", "finished c-1@2s", "wait returned <nil> p@2s"}},
		{"first failure cancels siblings", func(l *log) []Func {
			return []Func{job(l, time.Second, boom), job(l, 5*time.Second, nil), job(l, 5*time.Second, nil)}
		}, []error{boom}, []string{
			"finished c-0@1s", "cancelled c-1@1s", "cancelled c-2@1s",
			"wait returned sim: unhandled errors in a task group: [sim: task \"c-0\" failed: boom] p@1s",
		}},
		{"failures at the same instant are joined", func(l *log) []Func {
			return []Func{job(l, time.Second, boom), job(l, time.Second, bang), job(l, 5*time.Second, nil)}
		}, []error{boom, bang}, []string{
			"finished c-0@1s", "finished c-1@1s", "cancelled c-2@1s",
			"wait returned sim: unhandled errors in a task group: [sim: task \"c-0\" failed: boom] [sim: task \"c-1\" failed: bang] p@1s",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			var l log
			var got error
			e.Spawn("p", func(t *Task) error {
				g := NewGroup(t)
				for i, fn := range tt.jobs(&l) {
					g.Spawn("c-"+string(rune('0'+i)), fn)
				}
				got = g.Wait(t)
				l.add(t, "wait returned "+errString(got))
				return nil
			})
			mustRun(t, e)
			for _, w := range tt.wantErr {
				if !errors.Is(got, w) {
					t.Errorf("Group.Wait() = %v, want it to wrap %v", got, w)
				}
			}
			if (got == nil) != (tt.wantErr == nil) {
				t.Errorf("Group.Wait() = %v, want %v", got, tt.wantErr)
			}
			l.check(t, tt.want...)
		})
	}
}

// Cancelling the waiting task cancels the children and waits for them to end.
func TestGroupWaitCancelled(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	var got error
	p := e.Spawn("p", func(t *Task) error {
		g := NewGroup(t)
		g.Spawn("c-0", job(&l, 5*time.Second, nil))
		g.Spawn("slow-cleanup", func(t *Task) error {
			err := t.Sleep(5 * time.Second)
			// The clean-up takes a second even after the cancel.
			if err2 := t.Sleep(time.Second); err2 != nil {
				return err2
			}
			l.add(t, "cleaned up")
			return err
		})
		got = g.Wait(t)
		l.add(t, "wait returned "+errString(got))
		return got
	})
	e.After(time.Second, func() { p.Cancel() })
	mustRun(t, e)
	l.check(t, "cancelled c-0@1s", "cleaned up slow-cleanup@2s", "wait returned sim: cancelled p@2s")
}

// A child spawned into a group after the others ended is waited for too.
func TestGroupSpawnAfterChildrenEnded(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	e.Spawn("p", func(t *Task) error {
		g := NewGroup(t)
		g.Spawn("first", job(&l, time.Second, nil))
		if err := t.Sleep(2 * time.Second); err != nil {
			return err
		}
		g.Spawn("second", job(&l, time.Second, nil))
		err := g.Wait(t)
		l.add(t, "wait returned "+errString(err))
		return err
	})
	mustRun(t, e)
	l.check(t, "finished first@1s", "finished second@3s", "wait returned <nil> p@3s")
}

// A child's failure cancels the body of the task in the group (asyncio's
// TaskGroup cancels its parent task), and the group then refuses new children.
func TestGroupSpawnAfterFailure(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	var bodyErr, exitErr error
	var spawnPanic any
	e.Spawn("p", func(t *Task) error {
		g := NewGroup(t)
		g.Spawn("bad", job(&l, time.Second, errors.New("bad")))
		bodyErr = t.Sleep(2 * time.Second)
		func() {
			defer func() { spawnPanic = recover() }()
			g.Spawn("late", job(&l, time.Second, nil))
		}()
		exitErr = g.Exit(bodyErr)
		return nil
	})
	mustRun(t, e)
	if !errors.Is(bodyErr, ErrCancelled) || e.Now() != time.Second {
		t.Errorf("body's Sleep = %v, run ended at %v; want ErrCancelled at 1s", bodyErr, e.Now())
	}
	if s, _ := spawnPanic.(string); !strings.Contains(s, "shutting down") {
		t.Errorf("Spawn after the failure panicked with %v, want shutting down", spawnPanic)
	}
	var ge *GroupError
	if !errors.As(exitErr, &ge) || len(ge.Errs) != 1 || !strings.Contains(ge.Errs[0].Error(), "bad") {
		t.Errorf("Exit() = %v, want a GroupError with bad's failure", exitErr)
	}
}

// A cancel that reaches the gathering task after Gather already completed (a
// child failed and woke it) does not cancel the other children: asyncio cancels
// them only while the gather is still pending.
func TestGatherCancelAfterCompletion(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	var got error
	p := e.Spawn("p", func(t *Task) error {
		bad := t.Spawn("bad", job(&l, time.Second, errors.New("bad")))
		slow := t.Spawn("slow", job(&l, 3*time.Second, nil))
		got = Gather(t, bad, slow)
		return got
	})
	e.Spawn("canceller", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		// At 1s bad fails after this task ran; its done callback runs in the
		// next iteration and wakes p. Yield twice to cancel p after the
		// callback but before p resumes.
		for range 2 {
			if err := t.Yield(); err != nil {
				return err
			}
		}
		if p.State() != StateReady {
			return errors.New("p is not ready: the race is not set up")
		}
		p.Cancel()
		return nil
	})
	mustRun(t, e)
	if got != ErrCancelled {
		t.Errorf("Gather() = %v, want ErrCancelled", got)
	}
	l.check(t, "finished bad@1s", "finished slow@3s")
}
