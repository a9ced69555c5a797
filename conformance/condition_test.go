package conformance_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{name: "056_condition_notify_order", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			var shelf []string
			show := func() string {
				if len(shelf) == 0 {
					return "empty"
				}
				return strings.Join(shelf, ",")
			}
			var ts []*sim.Task
			for i := range 4 {
				n := fmt.Sprint("c", i)
				ts = append(ts, t.Spawn(n, func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					o.say(n, "waits")
					if err := cond.Wait(t); err != nil {
						return err
					}
					o.say(n, "woke, shelf=%s", show())
					shelf = shelf[:len(shelf)-1]
					return nil
				}))
			}
			stock := func(all bool, items ...string) error {
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				if err := cond.Acquire(t); err != nil {
					return err
				}
				shelf = append(shelf, items...)
				if all {
					cond.NotifyAll(t)
					o.say("main", "stocked 2, notify_all()")
				} else {
					cond.Notify(t, 2)
					o.say("main", "stocked 2, notify(2)")
				}
				cond.Release(t)
				return nil
			}
			if err := stock(false, "bun", "cake"); err != nil {
				return err
			}
			if err := stock(true, "pie", "tart"); err != nil {
				return err
			}
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "shelf=%s", show())
			return nil
		}},
		prog{name: "057_condition_notify_cancelled_waiter", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			var ts []*sim.Task
			for _, n := range []string{"a", "b", "c"} {
				ts = append(ts, t.Spawn(n, func(t *sim.Task) error {
					err := cond.Acquire(t)
					if err == nil {
						err = cond.Wait(t)
						if err == nil {
							o.say(n, "notified")
						}
						cond.Release(t)
					}
					if isCancel(err) {
						o.say(n, "cancelled, lock held=%s", pyBool(cond.Lock().Locked()))
						return nil
					}
					return err
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.Notify(t, 1)
			ts[0].Cancel()
			o.say("main", "notify(1) and cancel a")
			cond.Release(t)
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "b done=%s c done=%s", pyBool(ts[1].Done()), pyBool(ts[2].Done()))
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.Notify(t, 1)
			cond.Release(t)
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "058_condition_wait_for_predicate", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			var ready []int
			has := func(n int) func() bool {
				return func() bool {
					for _, r := range ready {
						if r == n {
							return true
						}
					}
					return false
				}
			}
			var ts []*sim.Task
			for _, n := range []int{3, 1, 2} {
				name := fmt.Sprint("c", n)
				ts = append(ts, t.Spawn(name, func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					if err := cond.WaitUntil(t, has(n)); err != nil {
						return err
					}
					o.say(name, "order %d is ready", n)
					return nil
				}))
			}
			for _, n := range []int{1, 2, 3} {
				if err := t.Sleep(time.Second); err != nil {
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
			return sim.Gather(t, ts...)
		}},
		prog{name: "059_condition_wait_timeout", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			impatient := func(t *sim.Task) error {
				if err := cond.Acquire(t); err != nil {
					return err
				}
				defer cond.Release(t)
				to := t.Timeout(time.Second)
				if err := to.Exit(cond.Wait(t)); errors.Is(err, sim.ErrTimeout) {
					o.say("impatient", "timed out, holds lock=%s", pyBool(cond.Lock().Locked()))
				} else if err != nil {
					return err
				}
				return nil
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
			if err := t.Sleep(500 * time.Millisecond); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			o.say("main", "holding the lock past the deadline")
			err := t.Sleep(time.Second)
			cond.Release(t)
			if err != nil {
				return err
			}
			if err := it.Wait(t); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(cond.Lock().Locked()))
			return nil
		}},
		prog{name: "100_condition_cancelled_waiter_reacquires", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			w := t.Spawn("waiter", func(t *sim.Task) error {
				if err := cond.Acquire(t); err != nil {
					return err
				}
				defer cond.Release(t)
				err := cond.Wait(t)
				if isCancel(err) {
					o.say("waiter", "cancelled, holds the lock again: %s", pyBool(cond.Lock().Locked()))
				}
				return err
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			w.Cancel()
			o.say("main", "cancelled the waiter while holding the lock")
			err := t.Sleep(2 * time.Second)
			if err == nil {
				o.say("main", "releasing")
			}
			cond.Release(t)
			if err != nil {
				return err
			}
			if _, err := sim.GatherErrors(t, w); err != nil {
				return err
			}
			o.say("main", "waiter cancelled=%s locked=%s", pyBool(w.Cancelled()), pyBool(cond.Lock().Locked()))
			return nil
		}},
		prog{name: "104_event_set_and_cancel_same_step", main: func(o *out, t *sim.Task) error {
			ev := sim.NewEvent(t.Engine(), "ev")
			guest := func(name string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := ev.Wait(t); isCancel(err) {
						o.say(name, "CancelledError, is_set=%s", pyBool(ev.IsSet()))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "wait() -> True")
					return nil
				})
			}
			a, b := guest("ann"), guest("bob")
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			ev.Set()
			o.say("main", "set, then cancel ann -> %s", pyBool(a.Cancel()))
			return sim.Gather(t, a, b)
		}},
	)
}
