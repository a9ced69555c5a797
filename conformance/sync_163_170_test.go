package conformance_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// pyRaises runs fn, which must panic where asyncio raises exc (a ValueError or
// RuntimeError), and says exc.
func pyRaises(o *out, who, exc string, fn func()) {
	defer func() {
		if recover() != nil {
			o.say(who, "%s", exc)
		}
	}()
	fn()
}

func init() {
	register(
		prog{name: "163_lock_released_by_another_task", main: func(o *out, t *sim.Task) error {
			gate := sim.NewLock(t.Engine(), "gate")
			if err := gate.Acquire(t); err != nil {
				return err
			}
			var ps []*sim.Task
			for i := range 3 {
				name := fmt.Sprint("p", i)
				ps = append(ps, t.Spawn(name, func(t *sim.Task) error {
					if err := gate.Acquire(t); err != nil {
						return err
					}
					o.say(name, "through the gate")
					return nil
				}))
			}
			for range 3 {
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				o.say("main", "opening, waiters locked=%s", pyBool(gate.Locked()))
				gate.Release(t)
			}
			if err := sim.Gather(t, ps...); err != nil {
				return err
			}
			if err := sim.WaitFor(t, sec(0.5), gate.Acquire); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "acquire again timed out, locked=%s", pyBool(gate.Locked()))
			} else if err != nil {
				return err
			}
			gate.Release(t)
			pyRaises(o, "main", "RuntimeError: Lock is not acquired.", func() { gate.Release(t) })
			return nil
		}},
		prog{name: "164_lock_wait_for_released_at_deadline", main: func(o *out, t *sim.Task) error {
			lock := sim.NewLock(t.Engine(), "lock")
			h := t.Spawn("holder", func(t *sim.Task) error {
				if err := lock.Acquire(t); err != nil {
					return err
				}
				err := t.Sleep(time.Second)
				lock.Release(t)
				if err != nil {
					return err
				}
				o.say("holder", "released")
				return nil
			})
			if err := t.Sleep(0); err != nil {
				return err
			}
			ts := []*sim.Task{h}
			for _, w := range []struct {
				name     string
				patience float64
			}{{"a", 1}, {"b", 1.25}, {"c", 2}} {
				ts = append(ts, t.Spawn(w.name, func(t *sim.Task) error {
					if err := sim.WaitFor(t, sec(w.patience), lock.Acquire); errors.Is(err, sim.ErrTimeout) {
						o.say(w.name, "gave up, locked=%s", pyBool(lock.Locked()))
						return nil
					} else if err != nil {
						return err
					}
					o.say(w.name, "got the lock")
					err := t.Sleep(sec(0.5))
					lock.Release(t)
					return err
				}))
			}
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(lock.Locked()))
			return nil
		}},
		prog{name: "165_lock_holder_cancelled_async_with", main: func(o *out, t *sim.Task) error {
			lock := sim.NewLock(t.Engine(), "lock")
			var us []*sim.Task
			for i := range 4 {
				name := fmt.Sprint("u", i)
				us = append(us, t.Spawn(name, func(t *sim.Task) error {
					cancelled := func(err error) error {
						if errors.Is(err, sim.ErrCancelled) {
							o.say(name, "cancelled, locked=%s", pyBool(lock.Locked()))
							return nil
						}
						return err
					}
					if err := lock.Acquire(t); err != nil {
						return cancelled(err)
					}
					o.say(name, "has the lock")
					err := t.Sleep(time.Second)
					lock.Release(t)
					if err != nil {
						return cancelled(err)
					}
					o.say(name, "done")
					return nil
				}))
			}
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			us[0].Cancel()
			us[1].Cancel()
			o.say("main", "cancelled the holder and the first waiter")
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(lock.Locked()))
			if err := sim.Gather(t, us...); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(lock.Locked()))
			return nil
		}},
		prog{name: "166_semaphore_release_burst_cancel_newcomer", main: func(o *out, t *sim.Task) error {
			sem := sim.NewSemaphore(t.Engine(), "sem", 0)
			waiter := func(name string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := sem.Acquire(t); errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled, locked=%s", pyBool(sem.Locked()))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "acquired")
					return nil
				})
			}
			var ws []*sim.Task
			for i := range 4 {
				ws = append(ws, waiter(fmt.Sprint("w", i)))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			for range 3 {
				sem.Release()
			}
			ws[1].Cancel()
			late := waiter("late")
			o.say("main", "released 3, cancelled w1, locked=%s", pyBool(sem.Locked()))
			if err := sim.Gather(t, ws...); err != nil {
				return err
			}
			o.say("main", "late done=%s", pyBool(late.Done()))
			sem.Release()
			if err := late.Wait(t); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(sem.Locked()))
			return nil
		}},
		prog{name: "167_bounded_semaphore_release_while_waking", main: func(o *out, t *sim.Task) error {
			sem := sim.NewBoundedSemaphore(t.Engine(), "sem", 1)
			const tooMany = "ValueError: BoundedSemaphore released too many times"
			if err := sem.Acquire(t); err != nil {
				return err
			}
			w := t.Spawn("waiter", func(t *sim.Task) error {
				if err := sem.Acquire(t); err != nil {
					return err
				}
				o.say("waiter", "acquired, locked=%s", pyBool(sem.Locked()))
				return nil
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			sem.Release()
			sem.Release()
			o.say("main", "released twice, locked=%s", pyBool(sem.Locked()))
			pyRaises(o, "main", tooMany, sem.Release)
			if err := w.Wait(t); err != nil {
				return err
			}
			if err := sem.Acquire(t); err != nil {
				return err
			}
			o.say("main", "acquired without waiting, locked=%s", pyBool(sem.Locked()))
			sem.Release()
			pyRaises(o, "main", tooMany, sem.Release)
			return nil
		}},
		prog{name: "168_barrier_one_party_and_late_arrival", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			solo := sim.NewBarrier(e, "solo", 1)
			i1, err := solo.Wait(t)
			if err != nil {
				return err
			}
			i2, err := solo.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "solo index %d, %d", i1, i2)
			b := sim.NewBarrier(e, "b", 3)
			party := func(name string, delay time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(delay); err != nil {
						return err
					}
					o.say(name, "arrives, n_waiting=%d", b.Waiting())
					idx, err := b.Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "passes with index %d", idx)
					return nil
				})
			}
			var ps []*sim.Task
			for i, d := range []int{1, 2, 3, 3} {
				ps = append(ps, party(fmt.Sprint("p", i), time.Duration(d)*time.Second))
			}
			if err := t.Sleep(sec(3.5)); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d, p3 done=%s", b.Waiting(), pyBool(ps[3].Done()))
			for i := range 2 {
				ps = append(ps, party(fmt.Sprint("q", i), time.Second))
			}
			if err := sim.Gather(t, ps...); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d", b.Waiting())
			return nil
		}},
		prog{name: "169_barrier_abort_right_after_release", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "b", 3)
			party := func(t *sim.Task, name string) error {
				idx, err := b.Wait(t)
				if errors.Is(err, sim.ErrBrokenBarrier) {
					o.say(name, "%s", errName(err))
					return nil
				} else if err != nil {
					return err
				}
				o.say(name, "passed with index %d", idx)
				return nil
			}
			var ps []*sim.Task
			for i := range 2 {
				name := fmt.Sprint("p", i)
				ps = append(ps, t.Spawn(name, func(t *sim.Task) error { return party(t, name) }))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			ps = append(ps, t.Spawn("last", func(t *sim.Task) error { return party(t, "last") }))
			if err := t.Sleep(0); err != nil {
				return err
			}
			if err := b.Abort(t); err != nil {
				return err
			}
			o.say("main", "aborted, broken=%s", pyBool(b.Broken()))
			if err := sim.Gather(t, ps...); err != nil {
				return err
			}
			if err := party(t, "after"); err != nil {
				return err
			}
			if err := b.Reset(t); err != nil {
				return err
			}
			o.say("main", "reset, broken=%s, n_waiting=%d", pyBool(b.Broken()), b.Waiting())
			return nil
		}},
		prog{name: "170_barrier_wait_for_timeout_then_round", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "b", 3)
			party := func(name string, delay, patience float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.SleepSeconds(delay); err != nil {
						return err
					}
					var idx int
					wait := func(t *sim.Task) error {
						var err error
						idx, err = b.Wait(t)
						return err
					}
					var err error
					if patience > 0 {
						err = sim.WaitFor(t, sec(patience), wait)
					} else {
						err = wait(t)
					}
					if errors.Is(err, sim.ErrTimeout) {
						o.say(name, "timed out, n_waiting=%d, broken=%s", b.Waiting(), pyBool(b.Broken()))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "index %d", idx)
					return nil
				})
			}
			if err := sim.Gather(t, party("impatient", 0, 1), party("a", 0.5, 0), party("b", 1.5, 0), party("c", 2, 0)); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d", b.Waiting())
			return nil
		}},
	)
}
