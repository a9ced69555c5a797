package sim

import (
	"fmt"
	"testing"
	"time"
)

// A panic in a callback belongs to no task: whichever coroutine runs the loop when
// it happens, it reaches the caller of Run, and the tasks are left as they were.
func TestCallbackPanicReachesDriver(t *testing.T) {
	e := New()
	defer e.Close()
	a := e.Spawn("a", func(t *Task) error { return t.Sleep(10 * time.Second) })
	b := e.Spawn("b", func(t *Task) error {
		for {
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
		}
	})
	e.After(2500*time.Millisecond, func() { panic("boom") })
	var got any
	func() {
		defer func() { got = recover() }()
		e.RunUntilIdle()
	}()
	if got != "boom" {
		t.Fatalf("Run panicked with %v, want boom", got)
	}
	if e.Now() != 2500*time.Millisecond {
		t.Errorf("clock at %v, want 2.5s", e.Now())
	}
	for _, tk := range []*Task{a, b} {
		if tk.State() != StateSleeping {
			t.Errorf("%s is %v after the panic, want sleeping", tk.Name(), tk.State())
		}
	}
	// The loop goes on from where it was.
	if err := e.RunUntil(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if b.State() != StateSleeping || b.Info().Until != 6*time.Second {
		t.Errorf("b: %v until %v, want sleeping until 6s", b.State(), b.Info().Until)
	}
}

func TestCloseInsideTaskPanics(t *testing.T) {
	e := New()
	defer e.Close()
	e.Spawn("closer", func(*Task) error {
		wantPanic(t, "Close called by task closer", e.Close)
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
}

// sleepers spawns 40 tasks that each sleep five random times, and records every
// wake as task/round@time.
func sleepers(e *Engine, order *[]string) {
	r := e.Rand("sleeps")
	for i := range 40 {
		e.SpawnN("w", i, func(t *Task) error {
			for k := range 5 {
				if err := t.Sleep(time.Duration(1+r.IntN(5)) * time.Second); err != nil {
					return err
				}
				*order = append(*order, fmt.Sprintf("%s/%d@%v", t.Name(), k, t.Now()))
			}
			return nil
		})
	}
}

// After every drive the chain of coroutines has unwound: no coroutine is left
// calling another, whatever the budget or limit that ended the drive.
func TestChainUnwindsAfterEveryDrive(t *testing.T) {
	e := New(WithSeed(3))
	defer e.Close()
	var order []string
	sleepers(e, &order)
	check := func(when string) {
		t.Helper()
		if e.want != nil {
			t.Fatalf("%s: a coroutine is still wanted", when)
		}
		for tk := e.head; tk != nil; tk = tk.next {
			if tk.co != nil && tk.co.calling {
				t.Fatalf("%s: %s's coroutine is still calling another", when, tk.Name())
			}
		}
		for _, c := range e.pool {
			if c.calling || c.task != nil {
				t.Fatalf("%s: a pooled coroutine is busy", when)
			}
		}
	}
	for i := 0; !e.Idle(); i++ {
		switch i % 3 {
		case 0:
			if _, err := e.Step(); err != nil {
				t.Fatal(err)
			}
		case 1:
			if _, err := runSteps(e, e.Now()+time.Second, 7); err != nil {
				t.Fatal(err)
			}
		default:
			if err := e.RunUntil(e.Now() + 1500*time.Millisecond); err != nil {
				t.Fatal(err)
			}
		}
		check(fmt.Sprintf("drive %d", i))
	}
	if len(order) != 200 {
		t.Fatalf("%d wakes, want 200", len(order))
	}
	// The same program run in one go wakes in the same order.
	e2 := New(WithSeed(3))
	defer e2.Close()
	var order2 []string
	sleepers(e2, &order2)
	if err := e2.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(order) != fmt.Sprint(order2) {
		t.Errorf("stepped and whole runs differ:\n%v\n%v", order, order2)
	}
}
