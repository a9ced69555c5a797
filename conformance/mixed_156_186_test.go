package conformance_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Programs that took the numbers of weaker ones (156, 158, 175, 186).
func init() {
	register(
		prog{name: "186_barrier_reset_draining_condition_deadline", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			b := sim.NewBarrier(e, "b", 2)
			var ps []*sim.Task
			for i, d := range []int{0, 1, 1, 1, 1} {
				name := fmt.Sprint("p", i)
				ps = append(ps, t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(time.Duration(d) * time.Second); err != nil {
						return err
					}
					i, err := b.Wait(t)
					if errors.Is(err, sim.ErrBrokenBarrier) {
						o.say(name, "%s", errName(err))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "index %d", i)
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := b.Reset(t); err != nil {
				return err
			}
			o.say("main", "reset n_waiting=%d", b.Waiting())
			if err := sim.Gather(t, ps...); err != nil {
				return err
			}
			o.say("main", "after n_waiting=%d", b.Waiting())
			cond := sim.NewCondition(e, "cond", nil)
			if err := cond.Acquire(t); err != nil {
				return err
			}
			if err := cond.WaitUntil(t, func() bool { return true }); err != nil {
				return err
			}
			o.say("main", "wait_for true -> 42")
			cond.Release(t)
			var cs []*sim.Task
			for i := range 3 {
				name := fmt.Sprint("c", i)
				cs = append(cs, t.Spawn(name, func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					if err := sim.WaitFor(t, time.Second, cond.Wait); errors.Is(err, sim.ErrTimeout) {
						o.say(name, "timed out locked=%s", pyBool(cond.Lock().Locked()))
					} else if err != nil {
						return err
					} else {
						o.say(name, "notified")
					}
					return nil
				}))
			}
			if err := t.Sleep(0); err != nil {
				return err
			}
			e.CallLater(time.Second, "", func() {
				e.Spawn("notifier", func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					cond.Notify(t, 2)
					cond.Release(t)
					return nil
				})
			})
			return sim.Gather(t, cs...)
		}},
		prog{name: "175_block_twice_with_two_pools", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			pool := sim.NewExecutor(e, "pool", 1)
			pool2 := sim.NewExecutor(e, "pool2", 2)
			offload := func(name string, x *sim.Executor, s float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					v, err := sim.RunInExecutor(x, name, sec(s), name, nil).Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s at %s", v, o.now())
					return nil
				})
			}
			sleeper := func(name string, s float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.SleepSeconds(s); err != nil {
						return err
					}
					o.say(name, "woke at %s", o.now())
					return nil
				})
			}
			var ts []*sim.Task
			for i := range 4 {
				ts = append(ts, offload(fmt.Sprint("j", i), pool, 0.3))
			}
			for i, s := range []float64{0.9, 0.6, 0.3, 1.2} {
				ts = append(ts, offload(fmt.Sprint("k", i), pool2, s))
			}
			ts = append(ts, sleeper("s09", 0.9), t.Spawn("blocker", func(t *sim.Task) error {
				if err := t.Sleep(0); err != nil {
					return err
				}
				t.Block(0)
				o.say("blocker", "block(0) returned, block 0.9")
				t.Block(sec(0.9))
				o.say("blocker", "unblocked")
				t.Block(sec(0.3))
				o.say("blocker", "unblocked again")
				return nil
			}), sleeper("s12", 1.2), sleeper("s03", 0.3))
			return sim.Gather(t, ts...)
		}},
		prog{name: "156_timers_heap_rebuilt_by_cancelled_sleeps", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			ev := sim.NewEvent(e, "ev")
			sleeper := func(name string, d time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return nil
					}
					o.say(name, "woke")
					return nil
				})
			}
			var all []*sim.Task
			for i := range 12 {
				all = append(all, sleeper(fmt.Sprint("s", i), 5*time.Second))
			}
			var cs []*sim.Task
			for i := range 60 {
				cs = append(cs, sleeper(fmt.Sprint("c", i), 7*time.Second))
			}
			all = append(all, cs...)
			for i := range 60 {
				all = append(all, t.Spawn(fmt.Sprint("t", i), func(t *sim.Task) error {
					cm := t.Timeout(5 * time.Second)
					return cm.Exit(ev.Wait(t))
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			for _, c := range cs {
				c.Cancel()
			}
			ev.Set()
			for range 2 {
				if err := t.Sleep(0); err != nil {
					return err
				}
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "120 of 133 timers cancelled")
			return sim.Gather(t, all...)
		}},
		prog{name: "158_cancel_self_before_every_primitive", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			full := sim.NewQueue[int](e, "full", 1)
			full.TryPut(0)
			empty := sim.NewQueue[int](e, "empty", 0)
			sem := sim.NewSemaphore(e, "sem", 0)
			ev := sim.NewEvent(e, "ev")
			b := sim.NewBarrier(e, "b", 2)
			lock := sim.NewLock(e, "lock")
			if err := lock.Acquire(t); err != nil {
				return err
			}
			pool := sim.NewExecutor(e, "pool", 1)
			busy := sim.RunInExecutor(pool, "busy", time.Second, "busy", nil)
			sc := func(name string, fn func(t *sim.Task) error) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					t.Cancel()
					err := fn(t)
					if err == nil {
						o.say(name, "no cancel at the await")
						err = t.Sleep(0)
						if err == nil {
							o.say(name, "not reached")
						}
					}
					if errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled")
						return nil
					}
					return err
				})
			}
			ts := []*sim.Task{
				sc("put", func(t *sim.Task) error { return full.Put(t, 1) }),
				sc("get", func(t *sim.Task) error { _, err := empty.Get(t); return err }),
				sc("sem", sem.Acquire),
				sc("ev", ev.Wait),
				sc("barrier", func(t *sim.Task) error { _, err := b.Wait(t); return err }),
				sc("lock", lock.Acquire),
				sc("job", func(t *sim.Task) error { return sim.RunInExecutor(pool, "q", time.Second, "q", nil).Await(t) }),
				sc("thread", func(t *sim.Task) error { _, err := sim.ToThread(t, "t", sec(0.5), "t", nil); return err }),
				sc("getok", func(t *sim.Task) error { _, err := full.Get(t); return err }),
			}
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "full=%d sem.locked=%s n_waiting=%d lock=%s", full.Len(), pyBool(sem.Locked()), b.Waiting(), pyBool(lock.Locked()))
			v, err := busy.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "%s", v)
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			o.say("main", "end")
			return nil
		}},
	)
}
