package sim

import (
	"errors"
	"testing"
	"time"
)

// consumer waits on c until *n > 0, then takes one.
func consumer(l *log, c *Condition, n *int) Func {
	return func(t *Task) error {
		if err := c.Acquire(t); err != nil {
			return err
		}
		defer c.Release(t)
		err := c.WaitUntil(t, func() bool { return *n > 0 })
		if c.Lock().Owner() != t {
			l.add(t, "does not hold the lock after Wait")
		}
		if err != nil {
			l.add(t, "wait: "+err.Error())
			return err
		}
		*n--
		l.add(t, "took")
		return nil
	}
}

func TestConditionNotifyOrder(t *testing.T) {
	e, rec := newTestEngine(t)
	var l log
	c := NewCondition(e, "stock", nil)
	n := 0
	for i := range 4 {
		e.SpawnN("c", i, consumer(&l, c, &n))
	}
	e.Spawn("producer", func(t *Task) error {
		for _, k := range []int{1, 2, 1} {
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := c.Acquire(t); err != nil {
				return err
			}
			n += k
			l.addf("waiting %d", c.Waiting())
			c.Notify(t, k)
			c.Release(t)
		}
		return nil
	})
	mustRun(t, e)
	l.check(t,
		"waiting 4", "took c-0@1s",
		"waiting 3", "took c-1@2s", "took c-2@2s",
		"waiting 1", "took c-3@3s",
	)
	checkLines(t, "notify trace", kinds(rec, KindSet), []string{
		"set producer@1s stock (notify c-0)",
		"set producer@2s stock (notify c-1)",
		"set producer@2s stock (notify c-2)",
		"set producer@3s stock (notify c-3)",
	})
	if c.Lock().Name() != "stock lock" {
		t.Errorf("default lock name = %q, want \"stock lock\"", c.Lock().Name())
	}
}

func TestConditionNotifyAll(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	c := NewCondition(e, "go", NewLock(e, "mine"))
	ready := false
	for i := range 3 {
		e.SpawnN("w", i, func(t *Task) error {
			if err := c.Acquire(t); err != nil {
				return err
			}
			defer c.Release(t)
			if err := c.WaitUntil(t, func() bool { return ready }); err != nil {
				return err
			}
			l.add(t, "go")
			return t.Sleep(time.Second) // holding the lock: the others queue on it
		})
	}
	e.Spawn("starter", func(t *Task) error {
		if err := c.Acquire(t); err != nil {
			return err
		}
		ready = true
		c.NotifyAll(t)
		c.Release(t)
		return nil
	})
	mustRun(t, e)
	l.check(t, "go w-0@0s", "go w-1@1s", "go w-2@2s")
	if c.Lock().Name() != "mine" {
		t.Errorf("Lock().Name() = %q, want mine", c.Lock().Name())
	}
}

// Wait re-acquires the lock before returning even when cancelled, and a cancel
// that arrives while it re-acquires is reported once the lock is held.
func TestConditionWaitCancelledReacquires(t *testing.T) {
	tests := []struct {
		name   string
		cancel func(e *Engine, c *Condition, w *Task)
		at     time.Duration
	}{
		{"cancelled while waiting", func(e *Engine, c *Condition, w *Task) {
			// hog holds the lock from 0.5s to 2s, so w re-acquires at 2s.
			e.Spawn("hog", func(t *Task) error {
				if err := t.Sleep(500 * time.Millisecond); err != nil {
					return err
				}
				if err := c.Acquire(t); err != nil {
					return err
				}
				defer c.Release(t)
				return t.Sleep(1500 * time.Millisecond)
			})
			e.After(time.Second, func() { w.Cancel() })
		}, 2 * time.Second},
		{"cancelled while re-acquiring", func(e *Engine, c *Condition, w *Task) {
			// notifier notifies at 1s and keeps the lock until 2s.
			e.Spawn("notifier", func(t *Task) error {
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				if err := c.Acquire(t); err != nil {
					return err
				}
				defer c.Release(t)
				c.Notify(t, 1)
				return t.Sleep(time.Second)
			})
			e.After(1500*time.Millisecond, func() { w.Cancel() })
		}, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			c := NewCondition(e, "c", nil)
			var got error
			var owner *Task
			var at time.Duration
			w := e.Spawn("w", func(t *Task) error {
				if err := c.Acquire(t); err != nil {
					return err
				}
				got = c.Wait(t)
				owner, at = c.Lock().Owner(), t.Now()
				c.Release(t)
				return got
			})
			tt.cancel(e, c, w)
			mustRun(t, e)
			if !errors.Is(got, ErrCancelled) || owner != w || at != tt.at {
				t.Errorf("Wait() = %v with owner %v at %v, want ErrCancelled, owner w at %v", got, owner, at, tt.at)
			}
		})
	}
}

// A cancel requested while the task runs reaches Condition.Wait at once, with the
// lock still held; the task does not wait to be notified.
func TestConditionWaitPendingCancel(t *testing.T) {
	e, _ := newTestEngine(t)
	c := NewCondition(e, "c", nil)
	var got error
	var owner *Task
	e.Spawn("w", func(t *Task) error {
		if err := c.Acquire(t); err != nil {
			return err
		}
		t.Cancel()
		got = c.Wait(t)
		owner = c.Lock().Owner()
		c.Release(t)
		return nil
	})
	mustRun(t, e)
	if got != ErrCancelled || owner == nil {
		t.Errorf("Wait() with a pending cancel = %v, lock owner %v; want ErrCancelled with the lock held", got, owner)
	}
}

// A waiter notified and cancelled at the same instant passes the notification on,
// so a notify is not lost (asyncio 3.13 does the same).
func TestConditionNotifiedThenCancelledPassesOn(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	c := NewCondition(e, "c", nil)
	n := 0
	w0 := e.Spawn("w-0", consumer(&l, c, &n))
	e.Spawn("w-1", consumer(&l, c, &n))
	e.Spawn("producer", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		if err := c.Acquire(t); err != nil {
			return err
		}
		n++
		c.Notify(t, 1) // wakes w-0 ...
		w0.Cancel()    // ... which is cancelled before it runs
		c.Release(t)
		return nil
	})
	mustRun(t, e)
	l.check(t, "wait: sim: cancelled w-0@1s", "took w-1@1s")
}

func TestConditionMisusePanics(test *testing.T) {
	e, _ := newTestEngine(test)
	c := NewCondition(e, "c", nil)
	e.Spawn("a", func(t *Task) error {
		wantPanic(test, "with its lock not acquired", func() { _ = c.Wait(t) })
		wantPanic(test, "with its lock not acquired", func() { c.Notify(t, 1) })
		return nil
	})
	mustRun(test, e)
}
