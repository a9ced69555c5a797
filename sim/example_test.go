package sim_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// A task sleeps on the virtual clock: the run takes no real time, and the trace
// shows every transition.
func Example_sleep() {
	e := sim.New(sim.WithTracer(sim.TracerFunc(func(ev sim.Record) { fmt.Println(ev) })))
	defer e.Close()
	e.Spawn("barista", func(t *sim.Task) error {
		if err := t.Sleep(1500 * time.Millisecond); err != nil {
			return err
		}
		t.Say("latte ready")
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		fmt.Println(err)
	}
	fmt.Println("finished at", e.Now())
	// Output:
	// 00:00.000  #1  barista     spawn
	// 00:00.000  #1  barista     run
	// 00:00.000  #1  barista     sleep     until 00:01.500
	// 00:01.500  #1  barista     wake
	// 00:01.500  #1  barista     run
	// 00:01.500  #1  barista     say       latte ready
	// 00:01.500  #1  barista     done
	// finished at 1.5s
}

// Gather runs tasks concurrently: three counters that each sleep a second finish
// together after one second, as in asyncio's classic example.
func ExampleGather() {
	e := sim.New()
	defer e.Close()
	count := func(t *sim.Task) error {
		fmt.Println(t.Now(), t.Name(), "One")
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		fmt.Println(t.Now(), t.Name(), "Two")
		return nil
	}
	e.Spawn("main", func(t *sim.Task) error {
		err := sim.Gather(t, t.SpawnN("count", 1, count), t.SpawnN("count", 2, count), t.SpawnN("count", 3, count))
		fmt.Println(t.Now(), "gathered:", err)
		return err
	})
	if err := e.RunUntilIdle(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 0s count-1 One
	// 0s count-2 One
	// 0s count-3 One
	// 1s count-1 Two
	// 1s count-2 Two
	// 1s count-3 Two
	// 1s gathered: <nil>
}

// WaitFor gives up after a time limit: the inner work is cancelled at its await
// point (its deferred clean-up runs) and WaitFor returns ErrTimeout. As in asyncio,
// cancelling the wait for a future cancels the future.
func ExampleWaitFor() {
	e := sim.New()
	defer e.Close()
	drink := sim.NewFuture[string](e, "drink")
	e.Spawn("customer", func(t *sim.Task) error {
		err := sim.WaitFor(t, 2*time.Second, func(t *sim.Task) error {
			defer func() { fmt.Println(t.Now(), "stops waiting for the drink") }()
			_, err := drink.Wait(t)
			return err
		})
		if errors.Is(err, sim.ErrTimeout) {
			fmt.Println(t.Now(), "leaves:", err)
			return nil
		}
		return err
	})
	e.After(3*time.Second, func() {
		if drink.Done() {
			fmt.Println(e.Now(), "the barista finds the order cancelled")
			return
		}
		drink.SetResult("latte")
	})
	if err := e.RunUntilIdle(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 2s stops waiting for the drink
	// 2s leaves: sim: timeout
	// 3s the barista finds the order cancelled
}

// A bounded Queue: the producer waits while the queue is full (tea goes in as soon
// as the barista takes the latte out), and the consumer gets items first in, first
// out until the closed queue is drained.
func ExampleQueue() {
	e := sim.New()
	defer e.Close()
	orders := sim.NewQueue[string](e, "orders", 2)
	e.Spawn("till", func(t *sim.Task) error {
		for _, o := range []string{"latte", "mocha", "tea", "flat white"} {
			if err := orders.Put(t, o); err != nil {
				return err
			}
			fmt.Println(t.Now(), "put", o, "queued:", orders.Len())
		}
		orders.Close()
		return nil
	})
	e.Spawn("barista", func(t *sim.Task) error {
		for {
			o, err := orders.Get(t)
			if errors.Is(err, sim.ErrClosed) {
				return nil // closed and drained
			}
			if err != nil {
				return err
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			fmt.Println(t.Now(), "made", o)
		}
	})
	if err := e.RunUntilIdle(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 0s put latte queued: 1
	// 0s put mocha queued: 2
	// 0s put tea queued: 2
	// 1s made latte
	// 1s put flat white queued: 2
	// 2s made mocha
	// 3s made tea
	// 4s made flat white
}

// Run reports a deadlock: tasks that wait with nothing ready and no timer pending
// can never resume. The error names each one and what it waits on.
func ExampleDeadlockError() {
	e := sim.New()
	defer e.Close()
	cups, milk := sim.NewLock(e, "cups"), sim.NewLock(e, "milk")
	grab := func(first, second *sim.Lock) sim.Func {
		return func(t *sim.Task) error {
			if err := first.Acquire(t); err != nil {
				return err
			}
			defer first.Release(t)
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := second.Acquire(t); err != nil {
				return err
			}
			second.Release(t)
			return nil
		}
	}
	e.Spawn("alice", grab(cups, milk))
	e.Spawn("bob", grab(milk, cups))
	err := e.RunUntilIdle()
	var dl *sim.DeadlockError
	if errors.As(err, &dl) {
		fmt.Println(err)
		fmt.Println(len(dl.Tasks), "blocked; live tasks:", e.NumLive())
	}
	// Output:
	// sim: deadlock at 00:01.000: 2 task(s) blocked forever:
	//   #1 alice waiting on milk
	//   #2 bob waiting on cups
	// 2 blocked; live tasks: 2
}

// Block freezes the whole loop, like time.sleep inside a coroutine: a timer due
// meanwhile fires late, and the wake says by how much.
func ExampleTask_Block() {
	e := sim.New()
	defer e.Close()
	e.Spawn("ticker", func(t *sim.Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		scheduled, actual := t.LastWake()
		fmt.Println("woke at", actual, "scheduled", scheduled, "late", actual-scheduled)
		return nil
	})
	e.Spawn("blocker", func(t *sim.Task) error {
		t.Block(3 * time.Second)
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// woke at 3s scheduled 1s late 2s
}
