package sim

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// cancelText shows a cancellation as asyncio's str() would: its message, or
// nothing.
func cancelText(err error) string {
	var ce *CancelledError
	switch {
	case errors.As(err, &ce):
		return "CancelledError(" + ce.Msg + ")"
	case errors.Is(err, ErrCancelled):
		return "CancelledError()"
	case err == nil:
		return "nil"
	}
	return err.Error()
}

// A task that ends cancelled keeps the CancelledError its body raised for the
// first reader only (asyncio's _cancelled_exc, taken by _make_cancelled_error),
// and its future is cancelled without a message (Future.cancel() with no msg),
// so later readers, and gather's return_exceptions entry, get none. A task
// cancelled as its body returns (_must_cancel at StopIteration) keeps its
// message for every reader, and so does a plain future. Conformance 110, 111.
func TestCancelledTaskMessageReadOnce(t *testing.T) {
	e, _ := newTestEngine(t)
	var got []string
	e.Spawn("main", func(m *Task) error {
		b := m.Spawn("brew", func(t *Task) error { return t.Sleep(10 * time.Second) })
		r := m.Spawn("returns", func(t *Task) error {
			t.CancelMsg("as it returns")
			return nil
		})
		fut := NewFuture[int](m.Engine(), "fut")
		if err := m.Sleep(time.Second); err != nil {
			return err
		}
		b.CancelMsg("closing time")
		fut.CancelMsg("no beans")
		errs, err := GatherErrors(m, b)
		if err != nil {
			return err
		}
		got = append(got, "gather entry "+cancelText(errs[0]))
		got = append(got, "Err "+cancelText(b.Err()))
		for i := range 2 {
			got = append(got, fmt.Sprint("await brew ", i, " ", cancelText(b.Wait(m))))
			got = append(got, fmt.Sprint("await returns ", i, " ", cancelText(r.Wait(m))))
			got = append(got, fmt.Sprint("await fut ", i, " ", cancelText(fut.Await(m))))
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	checkLines(t, "reads", got, []string{
		"gather entry CancelledError()",
		"Err CancelledError(closing time)",
		"await brew 0 CancelledError(closing time)",
		"await returns 0 CancelledError(as it returns)",
		"await fut 0 CancelledError(no beans)",
		"await brew 1 CancelledError()",
		"await returns 1 CancelledError(as it returns)",
		"await fut 1 CancelledError(no beans)",
	})
}

// asyncio.wait makes a set of its argument: an awaitable given twice gets one
// done-callback, counts once towards ALL_COMPLETED and is returned once.
// Conformance 117.
func TestWaitDuplicatesCountOnce(t *testing.T) {
	e, _ := newTestEngine(t)
	var got []string
	e.Spawn("main", func(m *Task) error {
		a := m.Spawn("a", func(t *Task) error { return t.Sleep(time.Second) })
		b := m.Spawn("b", func(t *Task) error { return t.Sleep(2 * time.Second) })
		done, pending, err := Wait(m, []Awaitable{a, b, a, a}, FirstCompleted, NoTimeout)
		if err != nil {
			return err
		}
		got = append(got, fmt.Sprint(m.Now(), " done=", len(done), " pending=", len(pending)))
		done, pending, err = Wait(m, []Awaitable{b, a, b}, AllCompleted, NoTimeout)
		if err != nil {
			return err
		}
		got = append(got, fmt.Sprint(m.Now(), " done=", len(done), " pending=", len(pending), " first=", done[0].(*Task).Name()))
		return nil
	})
	steps := stepLabels(t, e)
	checkLines(t, "waits", got, []string{"1s done=1 pending=1", "2s done=2 pending=0 first=b"})
	n := 0
	for _, s := range steps {
		if strings.HasSuffix(s, "wait done-callback for main") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d wait done-callbacks ran, want 3 (one per distinct task of each wait):\n%s", n, strings.Join(steps, "\n"))
	}
}

// TimeoutAtTime and RescheduleTime take the deadline on the float clock: a
// deadline at 0.3 expires at 0.3, during three sleeps of 0.1 (which end at
// 0.30000000000000004), and one at 0.1 + 0.2 expires at 0.30000000000000004.
// Conformance 122.
func TestTimeoutAtTimeFloatDeadline(t *testing.T) {
	tenth, fifth := 0.1, 0.2 // added at run time: a constant 0.1 + 0.2 is exactly 0.3 in Go
	for _, c := range []struct {
		when       float64
		reschedule bool
		want       string
	}{
		{0.3, false, "0.3 at 0.3 sim: timeout"},
		{0.3, true, "0.3 at 0.3 sim: timeout"},
		{tenth + fifth, false, "0.30000000000000004 at 0.30000000000000004 sim: timeout"},
		{tenth + fifth, true, "0.30000000000000004 at 0.30000000000000004 sim: timeout"},
	} {
		e, _ := newTestEngine(t)
		var got string
		e.Spawn("main", func(m *Task) error {
			var cm *Timeout
			if c.reschedule {
				cm = m.TimeoutNever()
				cm.RescheduleTime(c.when)
			} else {
				cm = m.TimeoutAtTime(c.when)
			}
			err := cm.Exit(func() error {
				for range 3 {
					if err := m.SleepSeconds(0.1); err != nil {
						return err
					}
				}
				return nil
			}())
			w, _ := cm.WhenTime()
			got = fmt.Sprint(w, " at ", m.Engine().Time(), " ", cancelText(err))
			return nil
		})
		if err := e.RunUntilIdle(); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("deadline %v (reschedule %v): got %q, want %q", c.when, c.reschedule, got, c.want)
		}
	}
}

// asyncio.run's ending runs shutdown_asyncgens and shutdown_default_executor
// after cancelling the pending tasks: four more iterations, in which a call_soon
// chain left by main, and a task created during the ending, keep running; the
// clock does not move, so a later timer never fires. Conformance 132, 133.
func TestRunEndingShutdownIterations(t *testing.T) {
	var got []string
	say := func(e *Engine, s string) { got = append(got, fmt.Sprint(e.Now(), " ", s)) }
	err := Run(func(m *Task) error {
		e := m.Engine()
		m.Spawn("worker", func(t *Task) error {
			err := t.Sleep(time.Hour)
			t.Spawn("reporter", func(t *Task) error {
				for i := range 10 {
					say(e, fmt.Sprint("tick ", i))
					if err := t.Yield(); err != nil {
						return err
					}
				}
				return nil
			})
			return err
		})
		if err := m.Sleep(time.Second); err != nil {
			return err
		}
		var chain func(n int) func()
		chain = func(n int) func() {
			return func() {
				say(e, fmt.Sprint("link ", n))
				e.CallSoon("", chain(n+1))
			}
		}
		e.CallSoon("", chain(0))
		e.CallLater(time.Millisecond, "", func() { say(e, "timer") })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, "after main", got, []string{
		"1s link 0", // main's done-callback stops the loop after this iteration
		"1s link 1", // the worker is cancelled and creates the reporter
		"1s link 2", // the ending's gather gets the worker's end
		"1s tick 0",
		"1s link 3", // its done-callback stops the loop
		"1s tick 1",
		"1s link 4", // shutdown_asyncgens
		"1s tick 2",
		"1s link 5", // its done-callback
		"1s tick 3",
		"1s link 6", // shutdown_default_executor
		"1s tick 4",
		"1s link 7", // its done-callback; then the loop closes
		"1s tick 5",
	})
}
