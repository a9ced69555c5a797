package conformance_test

import (
	"errors"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// isCancel reports whether err is a cancellation.
func isCancel(err error) bool { return errors.Is(err, sim.ErrCancelled) }

func init() {
	register(
		prog{name: "010_cancel_future_two_waiters", main: func(o *out, t *sim.Task) error {
			fut := sim.NewFuture[string](t.Engine(), "fut")
			waiter := func(name string) sim.Func {
				return func(t *sim.Task) error {
					v, err := fut.Wait(t)
					if err != nil {
						if isCancel(err) {
							o.say(name, "CancelledError")
						}
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}
			}
			w1 := t.Spawn("w1", waiter("w1"))
			w2 := t.Spawn("w2", waiter("w2"))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "cancel w1")
			w1.Cancel()
			o.say("main", "future cancelled: %s", pyBool(fut.Cancelled()))
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "w1 done=%s w2 done=%s", pyBool(w1.Done()), pyBool(w2.Done()))
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "w1 cancelled=%s w2 cancelled=%s", pyBool(w1.Cancelled()), pyBool(w2.Cancelled()))
			return nil
		}},
		prog{name: "011_cancel_gather_caller", main: func(o *out, t *sim.Task) error {
			child := func(name string, d time.Duration) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "cancelled")
						return err
					}
					o.say(name, "finished")
					return nil
				}
			}
			c := t.Spawn("caller", func(t *sim.Task) error {
				err := sim.Gather(t, t.Spawn("c1", child("c1", 5*time.Second)), t.Spawn("c2", child("c2", 3*time.Second)), t.Spawn("c3", child("c3", 4*time.Second)))
				if isCancel(err) {
					o.say("caller", "cancelled")
				}
				return err
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "cancel caller")
			c.Cancel()
			if err := c.Wait(t); isCancel(err) {
				o.say("main", "caller cancelled=%s", pyBool(c.Cancelled()))
			}
			return nil
		}},
		prog{name: "012_cancel_with_message", main: func(o *out, t *sim.Task) error {
			b := t.Spawn("barista", func(t *sim.Task) error {
				err := t.Sleep(10 * time.Second)
				if isCancel(err) {
					o.say("barista", "caught %s", errName(err))
				}
				return err
			})
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			b.CancelMsg("closing time")
			o.say("main", "cancel requested, cancelling()=%d", b.Cancelling())
			if err := b.Wait(t); isCancel(err) {
				o.say("main", "awaiter got %s", errName(err))
			}
			o.say("main", "cancelled()=%s", pyBool(b.Cancelled()))
			return nil
		}},
		prog{name: "013_cancel_caught_returns_value", main: func(o *out, t *sim.Task) error {
			brew := sim.SpawnValue(t, "brew", func(t *sim.Task) (string, error) {
				if err := t.Sleep(5 * time.Second); err != nil {
					o.say("brew", "cancelled, serving what is ready")
					return "half a latte", nil
				}
				return "latte", nil
			})
			brew.OnDone(func(*sim.Task) {
				v, _, _ := brew.Result()
				o.say("callback", "result %s", v)
			})
			w := sim.SpawnValue(t, "waiter", func(t *sim.Task) (string, error) {
				v, err := brew.Wait(t)
				if err != nil {
					return "", err
				}
				o.say("waiter", "got %s", v)
				return "tip", nil
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			brew.Cancel()
			if err := sim.Gather(t, brew.Task, w.Task); err != nil {
				return err
			}
			a, _, _ := brew.Result()
			b, _, _ := w.Result()
			o.say("main", "gather -> %s and %s, cancelled()=%s", a, b, pyBool(brew.Cancelled()))
			return nil
		}},
		prog{name: "014_cancel_self_then_done_future", main: func(o *out, t *sim.Task) error {
			w := t.Spawn("worker", func(t *sim.Task) error {
				done := sim.NewFuture[string](t.Engine(), "done")
				done.SetResult("ready")
				t.Cancel()
				o.say("worker", "cancelled myself")
				v, err := done.Wait(t)
				if err != nil {
					return err
				}
				o.say("worker", "await done future -> %s", v)
				o.say("worker", "await coroutine -> %d", 7) // a coroutine that returns at once does not yield
				if err := t.Sleep(0); err != nil {
					o.say("worker", "CancelledError at sleep(0)")
					return err
				}
				o.say("worker", "sleep(0) returned")
				return nil
			})
			if err := w.Wait(t); isCancel(err) {
				o.say("main", "worker cancelled=%s", pyBool(w.Cancelled()))
			}
			return nil
		}},
		prog{name: "015_cancel_twice_cancelling_uncancel", main: func(o *out, t *sim.Task) error {
			s := sim.SpawnValue(t, "stubborn", func(me *sim.Task) (string, error) {
				for round := range 3 {
					if err := me.Sleep(2 * time.Second); err != nil {
						o.say("stubborn", "round %d %s, cancelling()=%d", round, errName(err), me.Cancelling())
						o.say("stubborn", "uncancel() -> %d", me.Uncancel())
						continue
					}
					o.say("stubborn", "round %d slept, cancelling()=%d", round, me.Cancelling())
				}
				return "survived", nil
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "cancel -> %s", pyBool(s.CancelMsg("one")))
			o.say("main", "cancel -> %s", pyBool(s.CancelMsg("two")))
			o.say("main", "cancelling()=%d", s.Cancelling())
			v, err := s.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "result %s", v)
			return nil
		}},
	)
}

func init() {
	register(
		prog{name: "016_cancel_sleeping_task_same_instant_timer", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			sleeper := func(name string, d time.Duration) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "woke cancelled")
						return nil
					}
					o.say(name, "woke normally")
					return nil
				}
			}
			a := t.Spawn("a", sleeper("a", 5*time.Second))
			b := t.Spawn("b", sleeper("b", 2*time.Second))
			e.CallLater(2*time.Second, "", func() { o.say("timer", "2 s callback") })
			e.CallLater(2*time.Second, "", func() { a.Cancel() })
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			o.say("main", "woke at 2")
			if err := sim.Gather(t, a, b); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "017_cancel_before_first_step", main: func(o *out, t *sim.Task) error {
			n := t.Spawn("never", func(t *sim.Task) error {
				o.say("never", "body ran")
				return nil
			})
			n.OnDone(func(f *sim.Task) { o.say("callback", "cancelled=%s", pyBool(f.Cancelled())) })
			o.say("main", "cancel -> %s", pyBool(n.Cancel()))
			if err := n.Wait(t); isCancel(err) {
				o.say("main", "await -> CancelledError")
			}
			o.say("main", "cancel again -> %s", pyBool(n.Cancel()))
			return nil
		}},
		prog{name: "018_cancel_through_await_chain", main: func(o *out, t *sim.Task) error {
			c := func(t *sim.Task) error {
				err := t.Sleep(10 * time.Second)
				if isCancel(err) {
					o.say("c", "caught %s", errName(err))
				}
				return err
			}
			via := func(name string, inner sim.Func) sim.Func {
				return func(t *sim.Task) error {
					err := t.Spawn(name+"'s child", inner).Wait(t)
					if isCancel(err) {
						o.say(name, "caught %s", errName(err))
					}
					return err
				}
			}
			a := t.Spawn("a", via("a", via("b", c)))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			a.CancelMsg("stop the line")
			if _, err := sim.GatherErrors(t, a); err != nil {
				return err
			}
			o.say("main", "a cancelled=%s", pyBool(a.Cancelled()))
			return nil
		}},
		prog{name: "020_future_done_callbacks_order", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			fut := sim.NewFuture[string](e, "fut")
			cb := func(name string) func(*sim.Future[string]) {
				return func(f *sim.Future[string]) {
					v, _, _ := f.Result()
					o.say(name, "sees %s", v)
				}
			}
			fut.AddDoneCallback(cb("cb1"))
			second1 := fut.AddDoneCallback(cb("cb2"))
			fut.AddDoneCallback(cb("cb3"))
			second2 := fut.AddDoneCallback(cb("cb2"))
			// Go funcs have no identity: the two registrations of cb2 are removed by id.
			o.say("main", "removed %d copies of cb2", fut.RemoveDoneCallback(second1)+fut.RemoveDoneCallback(second2))
			e.CallSoon("", func() { o.say("soon-before", "ran") })
			fut.SetResult("espresso")
			e.CallSoon("", func() { o.say("soon-after", "ran") })
			fut.AddDoneCallback(cb("cb4-late"))
			o.say("main", "result set")
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "after one iteration")
			return nil
		}},
		prog{name: "021_task_awaiters_and_callbacks_order", main: func(o *out, t *sim.Task) error {
			brew := sim.SpawnValue(t, "brew", func(t *sim.Task) (string, error) {
				if err := t.Sleep(time.Second); err != nil {
					return "", err
				}
				o.say("brew", "done")
				return "mocha", nil
			})
			awaiter := func(name string) sim.Func {
				return func(t *sim.Task) error {
					o.say(name, "waiting")
					v, err := brew.Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}
			}
			result := func(name string) func(*sim.Task) {
				return func(*sim.Task) {
					v, _, _ := brew.Result()
					o.say(name, "result %s", v)
				}
			}
			a := t.Spawn("a", awaiter("a"))
			brew.OnDone(result("cb-x"))
			b := t.Spawn("b", awaiter("b"))
			if err := t.Sleep(0); err != nil {
				return err
			}
			brew.OnDone(result("cb-y"))
			c := t.Spawn("c", awaiter("c"))
			if err := sim.Gather(t, a, b, c); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
	)
}

func init() {
	register(prog{name: "019_cancel_gather_future_with_message", main: func(o *out, t *sim.Task) error {
		child := func(name string, d time.Duration, keep bool) *sim.Task {
			return t.Spawn(name, func(t *sim.Task) error {
				err := t.Sleep(d)
				if isCancel(err) {
					o.say(name, "caught %s", errName(err))
					if keep {
						return nil
					}
				}
				return err
			})
		}
		g := sim.NewGather(t, false, child("x", 3*time.Second, false), child("y", 3*time.Second, true), child("z", sec(0.5), false))
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		o.say("main", "cancel -> %s", pyBool(g.CancelMsg("shop closed")))
		if _, err := g.Wait(t); isCancel(err) {
			o.say("main", "gather raised %s", errName(err))
		} else if err != nil {
			return err
		}
		return nil
	}})
}
