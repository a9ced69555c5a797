package conformance_test

import (
	"errors"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// pyStr is Python's str() of an exception: its message.
func pyStr(err error) string {
	var pe *pyErr
	if errors.As(err, &pe) {
		return pe.msg
	}
	return err.Error()
}

func init() {
	register(
		prog{name: "060_taskgroup_child_failure_cancels_body", main: func(o *out, t *sim.Task) error {
			child := func(name string, d time.Duration, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "cancelled")
						return err
					}
					if fail {
						o.say(name, "fails")
						return raise("ValueError", name+" burnt the milk")
					}
					o.say(name, "finished")
					return nil
				}
			}
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("ok", child("ok", time.Second, false))
				g.Spawn("bad", child("bad", 2*time.Second, true))
				g.Spawn("slow", child("slow", 5*time.Second, false))
				err := t.Sleep(10 * time.Second)
				if isCancel(err) {
					o.say("body", "cancelled, cancelling()=%d", t.Cancelling())
				}
				return err
			})
			var ge *sim.GroupError
			if errors.As(err, &ge) {
				o.say("main", "%s", errName(err))
				for _, e := range ge.Errs {
					o.say("main", "  %s", errName(e))
				}
			} else if err != nil {
				return err
			}
			o.say("main", "cancelling()=%d", t.Cancelling())
			return nil
		}},
		prog{name: "061_taskgroup_two_failures", main: func(o *out, t *sim.Task) error {
			fail := func(name string) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					return raise("RuntimeError", name+" failed")
				}
			}
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("a", fail("a"))
				g.Spawn("b", fail("b"))
				g.Spawn("careful", func(t *sim.Task) error {
					err := t.Sleep(5 * time.Second)
					if isCancel(err) {
						o.say("careful", "cancelled, cleaning up for 1 s")
						if err := t.Sleep(time.Second); err != nil {
							return err
						}
						o.say("careful", "clean")
					}
					return err
				})
				o.say("main", "body done, waiting for children")
				return nil
			})
			var ge *sim.GroupError
			if !errors.As(err, &ge) {
				return err
			}
			var msgs []string
			for _, e := range ge.Errs {
				msgs = append(msgs, pyStr(e))
			}
			o.say("main", "%d errors: %s", len(ge.Errs), strings.Join(msgs, "; "))
			return nil
		}},
		prog{name: "062_taskgroup_outer_cancel_counts", main: func(o *out, t *sim.Task) error {
			child := func(name string, d time.Duration, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					if fail {
						o.say(name, "fails")
						return raise("ValueError", name)
					}
					o.say(name, "finished")
					return nil
				}
			}
			h := t.Spawn("host", func(me *sim.Task) error {
				err := sim.TaskGroup(me, func(g *sim.Group) error {
					g.Spawn("c1", child("c1", time.Second, false))
					g.Spawn("c2", child("c2", 2*time.Second, true))
					g.Spawn("c3", child("c3", 3*time.Second, false))
					return me.Sleep(10 * time.Second)
				})
				if err != nil {
					o.say("host", "group raised %s, cancelling()=%d", errName(err), me.Cancelling())
				}
				return err
			})
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			h.Cancel()
			o.say("main", "cancelled host, cancelling()=%d", h.Cancelling())
			err := h.Wait(t)
			var ge *sim.GroupError
			switch {
			case errors.As(err, &ge):
				o.say("main", "host raised %s: %s", errName(err), errName(ge.Errs[0]))
				o.say("main", "host cancelled=%s cancelling()=%d", pyBool(h.Cancelled()), h.Cancelling())
			case isCancel(err):
				o.say("main", "host cancelled=%s", pyBool(h.Cancelled()))
			}
			return nil
		}},
		prog{name: "063_taskgroup_success_waits_for_all", main: func(o *out, t *sim.Task) error {
			var brew func(g *sim.Group, name string, d time.Duration, refill bool) *sim.Task
			brew = func(g *sim.Group, name string, d time.Duration, refill bool) *sim.Task {
				return g.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					o.say(name, "ready")
					if refill {
						brew(g, name+"-refill", time.Second, false)
					}
					return nil
				})
			}
			var a, b *sim.Task
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				a = brew(g, "latte", 2*time.Second, false)
				b = brew(g, "tea", time.Second, true)
				o.say("main", "body ends")
				return nil
			})
			if err != nil {
				return err
			}
			o.say("main", "group done: %s, %s", a.Name(), b.Name())
			return nil
		}},
		prog{name: "095_taskgroup_body_raises", main: func(o *out, t *sim.Task) error {
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
			g := sim.NewGroup(t)
			err := g.Exit(func() error {
				g.Spawn("quick", child("quick", sec(0.5)))
				g.Spawn("long", child("long", 3*time.Second))
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				return raise("ZeroDivisionError", "bad recipe")
			}())
			var ge *sim.GroupError
			if !errors.As(err, &ge) {
				return err
			}
			o.say("main", "%d error: %s", len(ge.Errs), errName(ge.Errs[0]))
			func() {
				defer func() {
					if recover() != nil { // asyncio raises RuntimeError
						o.say("main", "create_task on a finished group: RuntimeError")
					}
				}()
				g.Spawn("late", child("late", time.Second))
			}()
			return nil
		}},
		prog{name: "101_taskgroup_nested_failure", main: func(o *out, t *sim.Task) error {
			step := func(name string, d time.Duration, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "cancelled")
						return err
					}
					if fail {
						return raise("ValueError", name+" failed")
					}
					o.say(name, "finished")
					return nil
				}
			}
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("inner", func(t *sim.Task) error {
					return sim.TaskGroup(t, func(g *sim.Group) error {
						g.Spawn("inner-ok", step("inner-ok", sec(0.5), false))
						g.Spawn("inner-bad", step("inner-bad", time.Second, true))
						g.Spawn("inner-slow", step("inner-slow", 4*time.Second, false))
						return nil
					})
				})
				g.Spawn("outer-slow", step("outer-slow", 5*time.Second, false))
				return nil
			})
			var ge, nested *sim.GroupError
			if !errors.As(err, &ge) || !errors.As(ge.Errs[0], &nested) {
				return err
			}
			o.say("main", "%s -> %s -> %s", errName(ge), errName(nested), errName(nested.Errs[0]))
			return nil
		}},
		prog{name: "102_taskgroup_child_cancelled_alone", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "order withdrawn")
						return err
					}
					o.say(name, "ready")
					return nil
				}
			}
			var a, b *sim.Task
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				a = g.Spawn("latte", brew("latte", 2*time.Second))
				b = g.Spawn("tea", brew("tea", time.Second))
				if err := t.Sleep(sec(0.5)); err != nil {
					return err
				}
				a.Cancel()
				return nil
			})
			if err != nil {
				return err
			}
			o.say("main", "group ended: latte cancelled=%s, tea=%s", pyBool(a.Cancelled()), b.Name())
			return nil
		}},
	)
}
