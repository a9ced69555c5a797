package conformance_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 050-059: Barrier and Condition.

// errCP1 is vtloop.err for the errors of programs 050-077: a broken barrier
// carries asyncio's message; the rest is errName.
func errCP1(err error) string {
	var be *sim.BrokenBarrierError
	if errors.As(err, &be) {
		return "BrokenBarrierError: " + be.Msg
	}
	return errName(err)
}

func init() {
	register(
		prog{name: "050_barrier_filling", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 3)
			party := func(name string, delay float64) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(delay)); err != nil {
						return err
					}
					o.say(name, "arrives, n_waiting=%d", b.Waiting())
					index, err := b.Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "passes with index %d", index)
					return nil
				}
			}
			if err := sim.Gather(t, t.Spawn("ann", party("ann", 1)), t.Spawn("bob", party("bob", 2)), t.Spawn("cy", party("cy", 3))); err != nil {
				return err
			}
			o.say("main", "parties=%d n_waiting=%d broken=%s", b.Parties(), b.Waiting(), pyBool(b.Broken()))
			return nil
		}},
		prog{name: "051_barrier_cancelled_waiter", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 3)
			party := func(name string) sim.Func {
				return func(t *sim.Task) error {
					index, err := b.Wait(t)
					if err == nil {
						o.say(name, "passes with index %d", index)
						return nil
					}
					if errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled while waiting, n_waiting=%d", b.Waiting())
					}
					return err
				}
			}
			a := t.Spawn("a", party("a"))
			bt := t.Spawn("b", party("b"))
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d, cancel a", b.Waiting())
			a.Cancel()
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d", b.Waiting())
			c := t.Spawn("c", party("c"))
			d := t.Spawn("d", party("d"))
			if err := sim.Gather(t, bt, c, d); err != nil {
				return err
			}
			o.say("main", "a cancelled=%s broken=%s", pyBool(a.Cancelled()), pyBool(b.Broken()))
			return nil
		}},
		prog{name: "052_barrier_cyclic_reuse", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 2)
			party := func(name string, pace float64) sim.Func {
				return func(t *sim.Task) error {
					for round := range 3 {
						if err := t.Sleep(sec(pace)); err != nil {
							return err
						}
						index, err := b.Wait(t)
						if err != nil {
							return err
						}
						o.say(name, "round %d index %d", round, index)
					}
					return nil
				}
			}
			if err := sim.Gather(t, t.Spawn("fast", party("fast", 0.5)), t.Spawn("slow", party("slow", 1.25))); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d", b.Waiting())
			return nil
		}},
		prog{name: "053_barrier_reset", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 3)
			party := func(name string) sim.Func {
				return func(t *sim.Task) error {
					index, err := b.Wait(t)
					if err == nil {
						o.say(name, "passes with index %d", index)
						return nil
					}
					if errors.Is(err, sim.ErrBrokenBarrier) {
						o.say(name, "%s (broken=%s)", errCP1(err), pyBool(b.Broken()))
						return nil
					}
					return err
				}
			}
			var first []*sim.Task
			for _, n := range []string{"a", "b"} {
				first = append(first, t.Spawn(n, party(n)))
			}
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			o.say("main", "reset")
			if err := b.Reset(t); err != nil {
				return err
			}
			o.say("main", "reset returned, broken=%s", pyBool(b.Broken()))
			if err := sim.Gather(t, first...); err != nil {
				return err
			}
			var second []*sim.Task
			for _, n := range []string{"c", "d", "e"} {
				second = append(second, t.Spawn(n, party(n)))
			}
			if err := sim.Gather(t, second...); err != nil {
				return err
			}
			o.say("main", "broken=%s", pyBool(b.Broken()))
			return nil
		}},
		prog{name: "054_barrier_abort", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 3)
			party := func(name string) sim.Func {
				return func(t *sim.Task) error {
					index, err := b.Wait(t)
					if err == nil {
						o.say(name, "passes with index %d", index)
						return nil
					}
					if errors.Is(err, sim.ErrBrokenBarrier) {
						o.say(name, "%s", errCP1(err))
						return nil
					}
					return err
				}
			}
			var waiting []*sim.Task
			for _, n := range []string{"a", "b"} {
				waiting = append(waiting, t.Spawn(n, party(n)))
			}
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			if err := b.Abort(t); err != nil {
				return err
			}
			o.say("main", "aborted, broken=%s", pyBool(b.Broken()))
			if err := sim.Gather(t, waiting...); err != nil {
				return err
			}
			if err := party("late")(t); err != nil {
				return err
			}
			if err := b.Reset(t); err != nil {
				return err
			}
			o.say("main", "after reset broken=%s", pyBool(b.Broken()))
			return sim.Gather(t, t.Spawn("x", party("x")), t.Spawn("y", party("y")), t.Spawn("z", party("z")))
		}},
		prog{name: "055_barrier_async_with_index", main: func(o *out, t *sim.Task) error {
			solo := sim.NewBarrier(t.Engine(), "solo", 1)
			for range 2 {
				index, err := solo.Wait(t)
				if err != nil {
					return err
				}
				o.say("main", "solo index %d", index)
			}
			pair := sim.NewBarrier(t.Engine(), "pair", 2)
			runner := func(name string, delay float64) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(delay)); err != nil {
						return err
					}
					index, err := pair.Wait(t) // async with barrier as index
					if err != nil {
						return err
					}
					o.say(name, "through with index %d", index)
					return nil
				}
			}
			return sim.Gather(t, t.Spawn("x", runner("x", 2)), t.Spawn("y", runner("y", 1)), t.Spawn("z", runner("z", 3)), t.Spawn("w", runner("w", 3)))
		}},
		prog{name: "056_condition_notify_order", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			var shelf []string
			show := func() string {
				if len(shelf) == 0 {
					return "empty"
				}
				return strings.Join(shelf, ",")
			}
			consumer := func(name string) sim.Func {
				return func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					o.say(name, "waits")
					if err := cond.Wait(t); err != nil {
						return err
					}
					o.say(name, "woke, shelf=%s", show())
					shelf = shelf[:len(shelf)-1]
					return nil
				}
			}
			var tasks []*sim.Task
			for i := range 4 {
				n := fmt.Sprint("c", i)
				tasks = append(tasks, t.Spawn(n, consumer(n)))
			}
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			shelf = append(shelf, "bun", "cake")
			cond.Notify(t, 2)
			o.say("main", "stocked 2, notify(2)")
			cond.Release(t)
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			shelf = append(shelf, "pie", "tart")
			cond.NotifyAll(t)
			o.say("main", "stocked 2, notify_all()")
			cond.Release(t)
			if err := sim.Gather(t, tasks...); err != nil {
				return err
			}
			o.say("main", "shelf=%s", show())
			return nil
		}},
		prog{name: "057_condition_notify_cancelled_waiter", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			waiter := func(name string) sim.Func {
				return func(t *sim.Task) error {
					err := func() error {
						if err := cond.Acquire(t); err != nil {
							return err
						}
						defer cond.Release(t)
						if err := cond.Wait(t); err != nil {
							return err
						}
						o.say(name, "notified")
						return nil
					}()
					if errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled, lock held=%s", pyBool(cond.Lock().Locked()))
						return nil
					}
					return err
				}
			}
			var tasks []*sim.Task
			for _, n := range []string{"a", "b", "c"} {
				tasks = append(tasks, t.Spawn(n, waiter(n)))
			}
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.Notify(t, 1)
			tasks[0].Cancel()
			o.say("main", "notify(1) and cancel a")
			cond.Release(t)
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			o.say("main", "b done=%s c done=%s", pyBool(tasks[1].Done()), pyBool(tasks[2].Done()))
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.Notify(t, 1)
			cond.Release(t)
			if err := sim.Gather(t, tasks...); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "058_condition_wait_for_predicate", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			var ready []int
			customer := func(name string, number int) sim.Func {
				return func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					if err := cond.WaitUntil(t, func() bool {
						for _, r := range ready {
							if r == number {
								return true
							}
						}
						return false
					}); err != nil {
						return err
					}
					o.say(name, "order %d is ready", number)
					return nil
				}
			}
			var tasks []*sim.Task
			for _, n := range []int{3, 1, 2} {
				name := fmt.Sprint("c", n)
				tasks = append(tasks, t.Spawn(name, customer(name, n)))
			}
			for _, n := range []int{1, 2, 3} {
				if err := t.Sleep(sec(1)); err != nil {
					return err
				}
				if err := cond.Acquire(t); err != nil {
					return err
				}
				ready = append(ready, n)
				o.say("barista", "order %d up", n)
				cond.NotifyAll(t)
				cond.Release(t)
			}
			return sim.Gather(t, tasks...)
		}},
		prog{name: "059_condition_wait_timeout", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			impatient := func(t *sim.Task) error {
				if err := cond.Acquire(t); err != nil {
					return err
				}
				defer cond.Release(t)
				cm := t.Timeout(sec(1))
				err := cm.Exit(cond.Wait(t))
				if errors.Is(err, sim.ErrTimeout) {
					o.say("impatient", "timed out, holds lock=%s", pyBool(cond.Lock().Locked()))
					return nil
				}
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.Notify(t, 1)
			o.say("main", "notify with no waiter")
			cond.Release(t)
			if err := impatient(t); err != nil {
				return err
			}
			it := t.Spawn("impatient", impatient)
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			o.say("main", "holding the lock past the deadline")
			if err := t.Sleep(sec(1)); err != nil {
				cond.Release(t)
				return err
			}
			cond.Release(t)
			if err := it.Wait(t); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(cond.Lock().Locked()))
			return nil
		}},
	)
}
