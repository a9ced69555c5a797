package conformance_test

import (
	"errors"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{name: "037_wait_for_queue_get_deadline_race", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			a := t.Spawn("impatient", func(t *sim.Task) error {
				var v string
				err := sim.WaitFor(t, time.Second, func(t *sim.Task) error {
					var err error
					v, err = q.Get(t)
					return err
				})
				switch {
				case err == nil:
					o.say("impatient", "got %s", v)
				case errors.Is(err, sim.ErrTimeout):
					o.say("impatient", "timed out, qsize=%d", q.Len())
				default:
					return err
				}
				return nil
			})
			b := t.Spawn("patient", func(t *sim.Task) error {
				v, err := q.Get(t)
				if err != nil {
					return err
				}
				o.say("patient", "got %s", v)
				return nil
			})
			if err := t.Sleep(0); err != nil {
				return err
			}
			t.Engine().CallLater(time.Second, "", func() { q.TryPut("bagel") })
			if err := sim.Gather(t, a, b); err != nil {
				return err
			}
			o.say("main", "qsize=%d", q.Len())
			return nil
		}},
		prog{name: "038_wait_for_semaphore_release_race", main: func(o *out, t *sim.Task) error {
			sem := sim.NewSemaphore(t.Engine(), "sem", 1)
			if err := sem.Acquire(t); err != nil {
				return err
			}
			waiter := func(name string, patience time.Duration) sim.Func {
				return func(t *sim.Task) error {
					err := sim.WaitFor(t, patience, sem.Acquire)
					if errors.Is(err, sim.ErrTimeout) {
						o.say(name, "timed out, locked=%s", pyBool(sem.Locked()))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "acquired")
					err = t.Sleep(time.Second)
					sem.Release()
					return err
				}
			}
			a := t.Spawn("a", waiter("a", 2*time.Second))
			b := t.Spawn("b", waiter("b", 5*time.Second))
			if err := t.Sleep(0); err != nil {
				return err
			}
			t.Engine().CallAt(2*time.Second, "", sem.Release)
			if err := sim.Gather(t, a, b); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(sem.Locked()))
			return nil
		}},
		prog{name: "039_wait_for_future_set_at_deadline", main: func(o *out, t *sim.Task) error {
			attempt := func(name string, earlySetter bool) error {
				e := t.Engine()
				fut := sim.NewFuture[string](e, "fut")
				deadline := t.Now() + time.Second
				set := func() {
					// CPython's set_result on the cancelled future raises in the
					// callback, which the loop logs to stderr and goes on.
					if !fut.Done() {
						fut.SetResult("espresso")
					}
				}
				if earlySetter {
					e.CallAt(deadline, "", set)
				} else {
					e.CallSoon("", func() { e.CallAt(deadline, "", set) })
				}
				var v string
				err := sim.WaitFor(t, time.Second, func(t *sim.Task) error {
					var err error
					v, err = fut.Wait(t)
					return err
				})
				switch {
				case err == nil:
					o.say(name, "got %s", v)
				case errors.Is(err, sim.ErrTimeout):
					o.say(name, "TimeoutError, future cancelled=%s", pyBool(fut.Cancelled()))
				default:
					return err
				}
				return nil
			}
			if err := attempt("setter-first", true); err != nil {
				return err
			}
			return attempt("setter-after", false)
		}},
		prog{name: "040_lock_fifo_handoff", main: func(o *out, t *sim.Task) error {
			lock := sim.NewLock(t.Engine(), "lock")
			barista := func(name string, d time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					o.say(name, "wants the grinder")
					if err := lock.Acquire(t); err != nil {
						return err
					}
					o.say(name, "grinding")
					err := t.Sleep(d)
					if err == nil {
						o.say(name, "done grinding")
					}
					lock.Release(t)
					return err
				})
			}
			if err := sim.Gather(t, barista("ann", 2*time.Second), barista("bob", time.Second), barista("cy", sec(1.5))); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(lock.Locked()))
			return nil
		}},
		prog{name: "041_lock_head_waiter_cancelled_with_release", main: func(o *out, t *sim.Task) error {
			lock := sim.NewLock(t.Engine(), "lock")
			if err := lock.Acquire(t); err != nil {
				return err
			}
			waiter := func(name string) sim.Func {
				return func(t *sim.Task) error {
					if err := lock.Acquire(t); err != nil {
						o.say(name, "cancelled, lock held by someone: %s", pyBool(lock.Locked()))
						return nil
					}
					o.say(name, "has the lock")
					err := t.Sleep(time.Second)
					lock.Release(t)
					if err != nil {
						o.say(name, "cancelled, lock held by someone: %s", pyBool(lock.Locked()))
						return nil
					}
					o.say(name, "released")
					return nil
				}
			}
			a, b, c := t.Spawn("a", waiter("a")), t.Spawn("b", waiter("b")), t.Spawn("c", waiter("c"))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "release, then cancel a")
			lock.Release(t)
			a.Cancel()
			for i := range 3 {
				if err := t.Sleep(0); err != nil {
					return err
				}
				o.say("main", "after hop %d: locked=%s", i+1, pyBool(lock.Locked()))
			}
			if err := sim.Gather(t, a, b, c); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "042_lock_cancel_then_release_same_step", main: func(o *out, t *sim.Task) error {
			lock := sim.NewLock(t.Engine(), "lock")
			if err := lock.Acquire(t); err != nil {
				return err
			}
			var ts []*sim.Task
			for _, n := range []string{"a", "b", "c"} {
				ts = append(ts, t.Spawn(n, func(t *sim.Task) error {
					if err := lock.Acquire(t); err != nil {
						o.say(n, "cancelled")
						return nil
					}
					o.say(n, "has the lock")
					err := t.Sleep(time.Second)
					lock.Release(t)
					if err != nil {
						o.say(n, "cancelled")
					}
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "cancel a, then release")
			ts[0].Cancel()
			lock.Release(t)
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "after one hop: locked=%s", pyBool(lock.Locked()))
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
	)
}

func init() {
	register(
		prog{name: "043_lock_no_overtaking", main: func(o *out, t *sim.Task) error {
			lock := sim.NewLock(t.Engine(), "lock")
			if err := lock.Acquire(t); err != nil {
				return err
			}
			user := func(name string) sim.Func {
				return func(t *sim.Task) error {
					o.say(name, "acquire")
					if err := lock.Acquire(t); err != nil {
						return err
					}
					o.say(name, "got it")
					err := t.Sleep(time.Second)
					lock.Release(t)
					return err
				}
			}
			first := t.Spawn("queued", user("queued"))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			lock.Release(t)
			o.say("main", "released, locked=%s", pyBool(lock.Locked()))
			late := t.Spawn("newcomer", user("newcomer"))
			if err := sim.Gather(t, first, late); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "044_semaphore_no_overtaking", main: func(o *out, t *sim.Task) error {
			machines := sim.NewSemaphore(t.Engine(), "machines", 2)
			brew := func(name string, d time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					o.say(name, "wants a machine (locked=%s)", pyBool(machines.Locked()))
					if err := machines.Acquire(t); err != nil {
						return err
					}
					o.say(name, "brewing")
					err := t.Sleep(d)
					machines.Release()
					if err != nil {
						return err
					}
					o.say(name, "done")
					return nil
				})
			}
			var ts []*sim.Task
			for i, s := range []time.Duration{2, 1, 3, 1} {
				ts = append(ts, brew("d"+string(rune('0'+i)), s*time.Second))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "at 1 s locked()=%s", pyBool(machines.Locked()))
			ts = append(ts, brew("late", time.Second))
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "done, locked()=%s", pyBool(machines.Locked()))
			return nil
		}},
		prog{name: "045_bounded_semaphore_over_release", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			plain := sim.NewSemaphore(e, "plain", 1)
			plain.Release()
			o.say("main", "plain semaphore after extra release: locked=%s", pyBool(plain.Locked()))
			for range 2 {
				if err := plain.Acquire(t); err != nil {
					return err
				}
			}
			o.say("main", "plain acquired twice: locked=%s", pyBool(plain.Locked()))
			bounded := sim.NewBoundedSemaphore(e, "bounded", 2)
			if err := bounded.Acquire(t); err != nil {
				return err
			}
			bounded.Release()
			func() {
				defer func() {
					if r := recover(); r != nil { // asyncio raises ValueError
						o.say("main", "bounded: ValueError: BoundedSemaphore released too many times")
					}
				}()
				bounded.Release()
			}()
			for range 2 {
				if err := bounded.Acquire(t); err != nil {
					return err
				}
			}
			o.say("main", "bounded both held: locked=%s", pyBool(bounded.Locked()))
			bounded.Release()
			bounded.Release()
			o.say("main", "bounded free again: locked=%s", pyBool(bounded.Locked()))
			return nil
		}},
		prog{name: "046_semaphore_cancelled_waiter", main: func(o *out, t *sim.Task) error {
			sem := sim.NewSemaphore(t.Engine(), "sem", 1)
			if err := sem.Acquire(t); err != nil {
				return err
			}
			var ws []*sim.Task
			for i := range 4 {
				n := "w" + string(rune('0'+i))
				ws = append(ws, t.Spawn(n, func(t *sim.Task) error {
					if err := sem.Acquire(t); err != nil {
						o.say(n, "cancelled")
						return nil
					}
					o.say(n, "in")
					err := t.Sleep(time.Second)
					sem.Release()
					if err != nil {
						o.say(n, "cancelled")
						return nil
					}
					o.say(n, "out")
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			ws[1].Cancel()
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "release and cancel w0 in one step")
			sem.Release()
			ws[0].Cancel()
			if err := sim.Gather(t, ws...); err != nil {
				return err
			}
			o.say("main", "done, locked=%s", pyBool(sem.Locked()))
			return nil
		}},
		prog{name: "047_event_set_clear_wait", main: func(o *out, t *sim.Task) error {
			opened := sim.NewEvent(t.Engine(), "opened")
			var ts []*sim.Task
			for _, n := range []string{"ann", "bob", "cy"} {
				ts = append(ts, t.Spawn(n, func(t *sim.Task) error {
					o.say(n, "waiting for the doors")
					if err := opened.Wait(t); err != nil {
						return err
					}
					o.say(n, "in (is_set=%s)", pyBool(opened.IsSet()))
					return nil
				}))
			}
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			opened.Set()
			opened.Clear()
			o.say("main", "set and cleared")
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			opened.Set()
			if err := opened.Wait(t); err != nil {
				return err
			}
			o.say("main", "wait on a set event returned at once")
			return nil
		}},
		prog{name: "048_event_wait_with_timeout", main: func(o *out, t *sim.Task) error {
			opened := sim.NewEvent(t.Engine(), "opened")
			t.Engine().CallLater(2*time.Second, "", opened.Set)
			guest := func(name string, patience time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					err := sim.WaitFor(t, patience, opened.Wait)
					switch {
					case err == nil:
						o.say(name, "went in")
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "gave up")
					default:
						return err
					}
					return nil
				})
			}
			if err := sim.Gather(t, guest("ann", time.Second), guest("bob", 2*time.Second), guest("cy", 3*time.Second)); err != nil {
				return err
			}
			o.say("main", "is_set=%s", pyBool(opened.IsSet()))
			return nil
		}},
		prog{name: "049_lock_self_cancel_uncontended", main: func(o *out, t *sim.Task) error {
			lock := sim.NewLock(t.Engine(), "lock")
			w := t.Spawn("worker", func(t *sim.Task) error {
				t.CancelMsg("shift over")
				if err := lock.Acquire(t); err != nil {
					return err
				}
				defer lock.Release(t)
				o.say("worker", "holds the lock, locked=%s", pyBool(lock.Locked()))
				err := t.Sleep(time.Second)
				if isCancel(err) {
					o.say("worker", "caught %s while holding the lock", errName(err))
				}
				return err
			})
			if _, err := sim.GatherErrors(t, w); err != nil {
				return err
			}
			o.say("main", "worker cancelled=%s locked=%s", pyBool(w.Cancelled()), pyBool(lock.Locked()))
			if err := lock.Acquire(t); err != nil {
				return err
			}
			o.say("main", "got the lock")
			lock.Release(t)
			return nil
		}},
	)
}
