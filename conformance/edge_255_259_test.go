package conformance_test

import (
	"errors"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 255-259 (a barrier aborted while it drains, timeout(0) against
// call_soon, a group child that uncancels its abort, sleeps centuries long, nested groups
// failing at one instant).

func init() {
	register(
		prog{name: "255_barrier_abort_while_draining", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "b", 2)
			party := func(name string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					i, err := b.Wait(t)
					if errors.Is(err, sim.ErrBrokenBarrier) {
						o.say(name, "%s", errName(err))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "index %d", i)
					return nil
				})
			}
			a, bb, c := party("a"), party("b"), party("c")
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d broken=%s", b.Waiting(), pyBool(b.Broken()))
			if err := b.Abort(t); err != nil {
				return err
			}
			if err := sim.Gather(t, a, bb, c); err != nil {
				return err
			}
			o.say("main", "after abort: n_waiting=%d broken=%s", b.Waiting(), pyBool(b.Broken()))
			if err := b.Reset(t); err != nil {
				return err
			}
			if err := sim.Gather(t, party("d"), party("e")); err != nil {
				return err
			}
			o.say("main", "after reset: broken=%s", pyBool(b.Broken()))
			return nil
		}},
		prog{name: "256_timeout_zero_races_call_soon_set", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			for _, how := range []string{"set", "soon-before", "soon-after"} {
				ev := sim.NewEvent(e, "ev")
				if how == "set" {
					ev.Set()
				}
				if how == "soon-before" {
					e.CallSoon("", ev.Set)
				}
				cm := t.Timeout(0)
				err := func() error {
					if how == "soon-after" {
						e.CallSoon("", ev.Set)
					}
					if err := ev.Wait(t); err != nil {
						return err
					}
					o.say(how, "event seen")
					return nil
				}()
				if err := cm.Exit(err); errors.Is(err, sim.ErrTimeout) {
					o.say(how, "TimeoutError, event is_set=%s", pyBool(ev.IsSet()))
				} else if err != nil {
					return err
				}
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
			}
			return nil
		}},
		prog{name: "257_taskgroup_child_uncancels_after_abort", main: func(o *out, t *sim.Task) error {
			var sRes string
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("stubborn", func(t *sim.Task) error {
					for i := range 3 {
						if err := t.Sleep(time.Second); err == nil {
							o.say("stubborn", "step %d", i)
						} else if isCancel(err) {
							o.say("stubborn", "cancelled at step %d, uncancel -> %d", i, t.Uncancel())
						} else {
							return err
						}
					}
					sRes = "finished"
					return nil
				})
				g.Spawn("boom", func(t *sim.Task) error {
					if err := t.SleepSeconds(1.5); err != nil {
						return err
					}
					return raise("KeyError", "'beans'")
				})
				return nil
			})
			var ge *sim.GroupError
			if !errors.As(err, &ge) {
				return err
			}
			o.say("main", "%s, cancelling=%d", errName(ge.Errs[0]), t.Cancelling())
			o.say("main", "stubborn -> %s", sRes)
			return nil
		}},
		prog{name: "258_sleep_for_centuries_cancelled", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			forever := t.Spawn("forever", func(t *sim.Task) error {
				err := t.SleepSeconds(1e12)
				if isCancel(err) {
					o.say("forever", "cancelled at %s", o.now())
				}
				return err
			})
			cm := t.TimeoutAtTime(e.Time() + 1e10)
			err := t.Sleep(time.Second)
			if err == nil {
				w, _ := cm.WhenTime()
				o.say("main", "deadline at %s", pyFloat(w))
			}
			if err := cm.Exit(err); err != nil {
				return err
			}
			forever.Cancel()
			ev := sim.NewEvent(e, "ev")
			e.CallLater(2*time.Second, "", ev.Set)
			// wait_for(ev.wait(), 1e11) is timeout(1e11) around the await since
			// 3.12; 1e11 s is past a time.Duration, so the deadline is given as a time.
			cm = t.TimeoutAtTime(e.Time() + 1e11)
			if err := cm.Exit(ev.Wait(t)); err != nil {
				return err
			}
			o.say("main", "event set, forever cancelled=%s", pyBool(forever.Cancelled()))
			return nil
		}},
		prog{name: "259_taskgroups_nested_failures_same_instant", main: func(o *out, t *sim.Task) error {
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("inner", func(t *sim.Task) error {
					return sim.TaskGroup(t, func(g *sim.Group) error {
						g.Spawn("grandchild", func(t *sim.Task) error {
							err := t.Sleep(5 * time.Second)
							if isCancel(err) {
								if err := t.SleepSeconds(0.5); err != nil {
									return err
								}
								o.say("grandchild", "cleaned up")
							}
							return err
						})
						if err := t.Sleep(time.Second); err != nil {
							return err
						}
						return raise("ValueError", "inner body")
					})
				})
				g.Spawn("sibling", func(t *sim.Task) error {
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					return raise("OSError", "sibling")
				})
				return nil
			})
			var ge *sim.GroupError
			if !errors.As(err, &ge) {
				return err
			}
			o.say("main", "%s", showGroup(err))
			return nil
		}},
	)
}
