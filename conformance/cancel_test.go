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
		prog{"010_cancel_future_two_waiters", func(o *out, t *sim.Task) error {
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
		prog{"011_cancel_gather_caller", func(o *out, t *sim.Task) error {
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
		prog{"012_cancel_with_message", func(o *out, t *sim.Task) error {
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
		prog{"013_cancel_caught_returns_value", func(o *out, t *sim.Task) error {
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
		prog{"014_cancel_self_then_done_future", func(o *out, t *sim.Task) error {
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
		prog{"015_cancel_twice_cancelling_uncancel", func(o *out, t *sim.Task) error {
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
