package sim

import (
	"errors"
	"testing"
	"time"
)

func TestFlag(t *testing.T) {
	e, rec := newTestEngine(t)
	var l log
	f := NewEvent(e, "open")
	waiter := func(t *Task) error {
		if err := f.Wait(t); err != nil {
			return err
		}
		l.add(t, "through")
		return nil
	}
	for i := range 3 {
		e.SpawnN("w", i, waiter)
	}
	e.Spawn("opener", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		l.addf("waiting %d set %v", f.Waiting(), f.IsSet())
		f.Set()
		f.Set() // no second event
		return nil
	})
	e.Spawn("late", func(t *Task) error {
		if err := t.Sleep(2 * time.Second); err != nil {
			return err
		}
		return waiter(t) // already set: no wait
	})
	e.Spawn("after-clear", func(t *Task) error {
		if err := t.Sleep(3 * time.Second); err != nil {
			return err
		}
		f.Clear()
		e.After(time.Second, f.Set)
		return waiter(t)
	})
	mustRun(t, e)
	l.check(t, "waiting 3 set false", "through w-0@1s", "through w-1@1s", "through w-2@1s", "through late@2s", "through after-clear@4s")
	checkLines(t, "set events", kinds(rec, KindSet), []string{"set opener@1s open", "set @4s open"})
	if f.Name() != "open" || !f.IsSet() {
		t.Errorf("Name(), IsSet() = %q, %v", f.Name(), f.IsSet())
	}
}

func TestFlagCancelledWaiter(t *testing.T) {
	e, _ := newTestEngine(t)
	f := NewEvent(e, "f")
	a := e.Spawn("a", f.Wait)
	b := e.Spawn("b", f.Wait)
	e.After(time.Second, func() { a.Cancel() })
	e.After(2*time.Second, f.Set)
	mustRun(t, e)
	if a.State() != StateCancelled || b.State() != StateDone || f.Waiting() != 0 {
		t.Errorf("a %v, b %v, Waiting %d; want CANCELLED, DONE, 0", a.State(), b.State(), f.Waiting())
	}
}

func TestBarrier(t *testing.T) {
	e, rec := newTestEngine(t)
	var l log
	b := NewBarrier(e, "start", 3)
	for i, d := range []time.Duration{1, 3, 2, 4, 4, 6} {
		e.SpawnN("p", i, func(t *Task) error {
			if err := t.Sleep(d * time.Second); err != nil {
				return err
			}
			idx, err := b.Wait(t)
			if err != nil {
				return err
			}
			l.addf("%s index %d @%v", t.Name(), idx, t.Now())
			return nil
		})
	}
	mustRun(t, e)
	// Cyclic: arrivals at 1,2,3 form round one; 4,4,6 round two.
	l.check(t,
		"p-1 index 2 @3s", "p-0 index 0 @3s", "p-2 index 1 @3s",
		"p-5 index 2 @6s", "p-3 index 0 @6s", "p-4 index 1 @6s",
	)
	// The barrier is asyncio's: a condition (of the same name) that the last
	// arrival notifies.
	checkLines(t, "set events", kinds(rec, KindSet), []string{
		"set p-1@3s start (3 arrived)", "set p-1@3s start (notify p-0)", "set p-1@3s start (notify p-2)",
		"set p-5@6s start (3 arrived)", "set p-5@6s start (notify p-3)", "set p-5@6s start (notify p-4)",
	})
	if b.Parties() != 3 || b.Waiting() != 0 || b.Broken() {
		t.Errorf("Parties(), Waiting(), Broken() = %d, %d, %v", b.Parties(), b.Waiting(), b.Broken())
	}
	wantPanic(t, "at least one party", func() { NewBarrier(e, "x", 0) })
}

func TestBarrierAbort(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	b := NewBarrier(e, "b", 3)
	body := func(t *Task) error {
		_, err := b.Wait(t)
		l.addf("%s: %v (is ErrBrokenBarrier: %v) @%v", t.Name(), err, errors.Is(err, ErrBrokenBarrier), t.Now())
		return nil
	}
	e.Spawn("a", body)
	e.Spawn("b", body)
	e.Spawn("aborter", func(t *Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		return b.Abort(t)
	})
	e.Spawn("late", func(t *Task) error {
		if err := t.Sleep(2 * time.Second); err != nil {
			return err
		}
		return body(t)
	})
	mustRun(t, e)
	// asyncio's two messages: a wait the abort broke, and a call after it.
	l.check(t, "a: sim: broken barrier: Abort or reset of barrier (is ErrBrokenBarrier: true) @1s",
		"b: sim: broken barrier: Abort or reset of barrier (is ErrBrokenBarrier: true) @1s",
		"late: sim: broken barrier: Barrier aborted (is ErrBrokenBarrier: true) @2s")
	if !b.Broken() {
		t.Errorf("Broken() = false after Abort")
	}
}

// A task cancelled while waiting leaves the round, which then needs one more.
func TestBarrierCancelledParty(t *testing.T) {
	e, _ := newTestEngine(t)
	var l log
	b := NewBarrier(e, "b", 2)
	body := func(t *Task) error {
		idx, err := b.Wait(t)
		l.addf("%s: %d %v @%v", t.Name(), idx, err, t.Now())
		return nil
	}
	first := e.Spawn("first", body)
	e.After(time.Second, func() { first.Cancel() })
	e.Spawn("second", func(t *Task) error {
		if err := t.Sleep(2 * time.Second); err != nil {
			return err
		}
		return body(t)
	})
	e.Spawn("third", func(t *Task) error {
		if err := t.Sleep(3 * time.Second); err != nil {
			return err
		}
		return body(t)
	})
	mustRun(t, e)
	l.check(t, "first: 0 sim: cancelled @1s", "third: 1 <nil> @3s", "second: 0 <nil> @3s")
}

func TestFuture(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name     string
		complete func(f *Future[string])
		wantV    string
		wantErr  error
	}{
		{"SetResult", func(f *Future[string]) { f.SetResult("latte") }, "latte", nil},
		{"SetError", func(f *Future[string]) { f.SetError(boom) }, "", boom},
		{"Cancel", func(f *Future[string]) {
			if !f.Cancel() {
				panic("Cancel() = false on a pending future")
			}
		}, "", ErrCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, rec := newTestEngine(t)
			var l log
			f := NewFuture[string](e, "drink")
			for i := range 2 {
				e.SpawnN("w", i, func(t *Task) error {
					v, err := f.Wait(t)
					l.addf("%s got %q %v @%v", t.Name(), v, err, t.Now())
					return nil
				})
			}
			e.Spawn("barista", func(t *Task) error {
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				if _, _, ok := f.Result(); ok || f.Done() {
					l.addf("done before completion")
				}
				tt.complete(f)
				return nil
			})
			e.Spawn("late", func(t *Task) error {
				if err := t.Sleep(2 * time.Second); err != nil {
					return err
				}
				err := f.Await(t)
				l.addf("late got %v @%v", err, t.Now())
				return nil
			})
			mustRun(t, e)
			l.check(t,
				"w-0 got \""+tt.wantV+"\" "+errString(tt.wantErr)+" @1s",
				"w-1 got \""+tt.wantV+"\" "+errString(tt.wantErr)+" @1s",
				"late got "+errString(tt.wantErr)+" @2s",
			)
			v, err, ok := f.Result()
			if !ok || v != tt.wantV || err != tt.wantErr || !f.Done() || f.Name() != "drink" {
				t.Errorf("Result() = %q, %v, %v; want %q, %v, true", v, err, ok, tt.wantV, tt.wantErr)
			}
			if f.Cancel() {
				t.Errorf("Cancel() on a completed future = true")
			}
			wantPanic(t, "completed twice", func() { f.SetResult("again") })
			wantPanic(t, "completed twice", func() { f.SetError(boom) })
			sets := kinds(rec, KindSet)
			if len(sets) != 1 || sets[0] != "set barista@1s drink ("+map[string]string{"SetResult": "result", "SetError": "error", "Cancel": "cancelled"}[tt.name]+")" {
				t.Errorf("set events = %q", sets)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// Cancelling a task that awaits a future cancels the future, as in asyncio: every
// other waiter gets ErrCancelled too (asyncio.shield exists to prevent this).
func TestFutureCancelWaiter(t *testing.T) {
	e, _ := newTestEngine(t)
	f := NewFuture[int](e, "f")
	a := e.Spawn("a", f.Await)
	var got error
	e.Spawn("b", func(t *Task) error { _, got = f.Wait(t); return nil })
	e.After(time.Second, func() { a.Cancel() })
	mustRun(t, e)
	if _, ferr, done := f.Result(); a.State() != StateCancelled || !done || ferr != ErrCancelled || got != ErrCancelled {
		t.Errorf("a %v, future done %v with %v, b got %v; want CANCELLED, a cancelled future, ErrCancelled", a.State(), done, ferr, got)
	}
}

// MakeEvent's value works embedded in a struct, with one waiter (the inline slot)
// or several (the list grows out of it).
func TestMakeFlag(t *testing.T) {
	for _, waiters := range []int{1, 2, 5} {
		t.Run(string(rune('0'+waiters)), func(t *testing.T) {
			e, _ := newTestEngine(t)
			type order struct {
				taken Event
				id    int
			}
			orders := make([]*order, 3)
			for i := range orders {
				orders[i] = &order{taken: MakeEvent(e, "order"), id: i}
			}
			var l log
			for i := range waiters {
				for _, o := range orders {
					e.SpawnN("c", i, func(t *Task) error {
						if err := o.taken.Wait(t); err != nil {
							return err
						}
						l.addf("%s order %d @%v", t.Name(), o.id, t.Now())
						return nil
					})
				}
			}
			e.After(time.Second, orders[1].taken.Set)
			e.After(2*time.Second, orders[0].taken.Set)
			e.After(3*time.Second, orders[2].taken.Set)
			mustRun(t, e)
			if len(l.lines) != 3*waiters {
				t.Fatalf("%d wakes, want %d", len(l.lines), 3*waiters)
			}
			for i := range waiters {
				if want := "c-" + string(rune('0'+i)) + " order 1 @1s"; l.lines[i] != want {
					t.Errorf("wake %d = %q, want %q", i, l.lines[i], want)
				}
			}
			if orders[0].taken.Name() != "order" || orders[0].taken.Waiting() != 0 {
				t.Errorf("Name(), Waiting() = %q, %d", orders[0].taken.Name(), orders[0].taken.Waiting())
			}
		})
	}
}
