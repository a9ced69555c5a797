package conformance_test

import (
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 110-129 (tasks, cancellation, gather, shield, wait).

func init() {
	register(
		prog{name: "110_cancel_msg_read_once", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			b := t.Spawn("brew", func(t *sim.Task) error { return t.Sleep(10 * time.Second) })
			waiter := func(name string, aw func(*sim.Task) error) sim.Func {
				return func(t *sim.Task) error {
					if err := aw(t); isCancel(err) {
						o.say(name, "got %s", errName(err))
					}
					return nil
				}
			}
			fut := sim.NewFuture[int](e, "fut")
			w1 := t.Spawn("w1", waiter("w1", b.Wait))
			w2 := t.Spawn("w2", waiter("w2", b.Wait))
			f1 := t.Spawn("f1", waiter("f1", fut.Await))
			f2 := t.Spawn("f2", waiter("f2", fut.Await))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			b.CancelMsg("closing time")
			fut.CancelMsg("no beans")
			if err := sim.Gather(t, w1, w2, f1, f2); err != nil {
				return err
			}
			if err := b.Wait(t); isCancel(err) {
				o.say("main", "await brew again: %s", errName(err))
			}
			if err := fut.Await(t); isCancel(err) {
				o.say("main", "await fut again: %s", errName(err))
			}
			return nil
		}},
		prog{name: "111_gather_return_exceptions_cancel_messages", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			fut := sim.NewFuture[string](e, "fut")
			sleeper := func(s float64, catch bool) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(sec(s)); err != nil {
						if catch {
							return "caught", nil
						}
						return "", err
					}
					return "slept " + pyNum(s), nil
				}
			}
			a := sim.SpawnValue(t, "a", sleeper(5, false))
			b := sim.SpawnValue(t, "b", sleeper(5, true))
			c := t.Spawn("c", func(t *sim.Task) error {
				if err := t.Sleep(2 * time.Second); err != nil {
					return err
				}
				return raise("ValueError", "burnt")
			})
			d := sim.SpawnValue(t, "d", sleeper(3, false))
			e.CallLater(time.Second, "", func() { fut.CancelMsg("no milk") })
			e.CallLater(time.Second, "", func() { a.CancelMsg("stop a") })
			e.CallLater(sec(1.5), "", func() { b.CancelMsg("stop b") })
			errs, err := sim.NewGather(t, true, fut, a, b, c, d).Wait(t)
			if err != nil {
				return err
			}
			vals := []func() string{
				func() string { v, _, _ := fut.Result(); return v },
				func() string { v, _, _ := a.Result(); return v },
				func() string { v, _, _ := b.Result(); return v },
				nil,
				func() string { v, _, _ := d.Result(); return v },
			}
			for i, name := range []string{"f", "a", "b", "c", "d"} {
				if errs[i] != nil {
					o.say("main", "%s: %s", name, errName(errs[i]))
				} else {
					o.say("main", "%s: %s", name, vals[i]())
				}
			}
			o.say("main", "cancelling()=%d", t.Cancelling())
			return nil
		}},
		prog{name: "112_gather_nested_cancel", main: func(o *out, t *sim.Task) error {
			child := func(name string, s float64, stubborn bool) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(sec(s)); err != nil {
						o.say(name, "cancelled")
						if stubborn {
							if err := t.Sleep(sec(0.5)); err != nil {
								return "", err
							}
							o.say(name, "returns anyway")
							return name, nil
						}
						return "", err
					}
					o.say(name, "finished")
					return name, nil
				}
			}
			caller := t.Spawn("caller", func(t *sim.Task) error {
				a := sim.SpawnValue(t, "a", child("a", 5, true))
				b := sim.SpawnValue(t, "b", child("b", 5, false))
				c := sim.SpawnValue(t, "c", child("c", 5, false))
				inner := sim.NewGather(t, false, a, b)
				_, err := sim.NewGather(t, false, inner, c).Wait(t)
				if isCancel(err) {
					o.say("caller", "caught %s; inner cancelled=%s", errName(err), pyBool(inner.Cancelled()))
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					av, _, _ := a.Result()
					o.say("caller", "a=%s b cancelled=%s c cancelled=%s", av, pyBool(b.Cancelled()), pyBool(c.Cancelled()))
				}
				return err
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			caller.Cancel()
			if err := caller.Wait(t); isCancel(err) {
				o.say("main", "caller cancelled=%s", pyBool(caller.Cancelled()))
			}
			return nil
		}},
		prog{name: "113_gather_cancel_too_late", main: func(o *out, t *sim.Task) error {
			brew := func(name string) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(time.Second); err != nil {
						return "", err
					}
					o.say(name, "done")
					return name, nil
				}
			}
			a := sim.SpawnValue(t, "a", brew("a"))
			b := sim.SpawnValue(t, "b", brew("b"))
			g := sim.NewGather(t, false, a, b)
			if err := t.Sleep(0); err != nil {
				return err
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "a done=%s b done=%s gather done=%s", pyBool(a.Done()), pyBool(b.Done()), pyBool(g.Done()))
			o.say("main", "gather.cancel() -> %s", pyBool(g.Cancel()))
			if _, err := g.Wait(t); err != nil {
				return err
			}
			av, _, _ := a.Result()
			bv, _, _ := b.Result()
			o.say("main", "gather -> ['%s', '%s']", av, bv)
			c := sim.SpawnValue(t, "c", brew("c"))
			g2 := sim.NewGather(t, false, c)
			w := sim.SpawnValue(t, "watcher", func(t *sim.Task) (string, error) {
				if _, err := g2.Wait(t); err != nil {
					if isCancel(err) {
						o.say("watcher", "cancelled; gather done=%s", pyBool(g2.Done()))
					}
				} else {
					cv, _, _ := c.Result()
					o.say("watcher", "got ['%s']", cv)
				}
				return "watched", nil
			})
			if err := t.Sleep(0); err != nil {
				return err
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "c done=%s g2 done=%s cancel watcher -> %s", pyBool(c.Done()), pyBool(g2.Done()), pyBool(w.Cancel()))
			wv, err := w.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "watcher -> %s, cancelled=%s", wv, pyBool(w.Cancelled()))
			cv, _, _ := c.Result()
			o.say("main", "g2 cancelled=%s result=['%s']", pyBool(g2.Cancelled()), cv)
			return nil
		}},
		prog{name: "114_gather_child_cancelled_alone", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					o.say(name, "done")
					return nil
				}
			}
			a := t.Spawn("a", brew("a", time.Second))
			b := t.Spawn("b", brew("b", 3*time.Second))
			c := t.Spawn("c", brew("c", 2*time.Second))
			t.Engine().CallLater(sec(1.5), "", func() { c.CancelMsg("c is off") })
			if err := sim.Gather(t, a, b, c); isCancel(err) {
				o.say("main", "gather raised %s; cancelling()=%d", errName(err), t.Cancelling())
			} else if err != nil {
				return err
			}
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			o.say("main", "b done=%s; sleeping on", pyBool(b.Done()))
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			if err := sim.Gather(t, a, b, c); isCancel(err) {
				o.say("main", "gather again raised %s", errName(err))
			} else if err != nil {
				return err
			}
			return nil
		}},
	)
}
