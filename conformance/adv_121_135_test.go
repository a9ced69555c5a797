package conformance_test

import (
	"errors"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 121-135 (timeouts, cancel requests, callbacks).

// fadd adds in float64 at run time, as Python does: Go computes a constant
// 0.1 + 0.2 exactly (0.3), where Python gets 0.30000000000000004.
func fadd(a, b float64) float64 { return a + b }

func init() {
	register(
		prog{name: "121_timeout_body_swallows_cancel", main: func(o *out, t *sim.Task) error {
			cm := t.Timeout(time.Second)
			err := t.Sleep(5 * time.Second)
			if isCancel(err) {
				o.say("main", "caught the deadline, cancelling()=%d", t.Cancelling())
				err = nil
			}
			if err == nil {
				if err = t.Sleep(sec(0.5)); err == nil {
					o.say("main", "still inside the block")
				}
			}
			if err := cm.Exit(err); err != nil {
				return err
			}
			o.say("main", "left the block: expired=%s cancelling()=%d", pyBool(cm.Expired()), t.Cancelling())
			cm = t.Timeout(time.Second)
			if err := cm.Exit(t.Sleep(2 * time.Second)); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "second timeout: TimeoutError, cancelling()=%d", t.Cancelling())
			} else if err != nil {
				return err
			}
			cm = t.Timeout(time.Second)
			err = t.Sleep(2 * time.Second)
			o.say("main", "cleanup sleep inside the expired block")
			if cerr := t.Sleep(sec(0.25)); cerr != nil {
				err = cerr
			}
			if err := cm.Exit(err); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "third: TimeoutError after cleanup, expired=%s", pyBool(cm.Expired()))
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "122_timeout_at_float_deadline", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			race := func(label string, when float64) error {
				st := sim.SpawnValue(t, label, func(t *sim.Task) (string, error) {
					for range 3 {
						if err := t.SleepSeconds(0.1); err != nil {
							return "", err
						}
					}
					o.say(label, "done at %s", o.now())
					return label, nil
				})
				if err := t.Sleep(0); err != nil {
					return err
				}
				start := e.Time()
				cm := t.TimeoutAtTime(start + when)
				v, err := st.Wait(t)
				if err == nil {
					o.say("main", "%s: %s", label, v)
				}
				if err := cm.Exit(err); errors.Is(err, sim.ErrTimeout) {
					o.say("main", "%s: TimeoutError at %s, task cancelled=%s", label, o.now(), pyBool(st.Cancelled()))
				} else if err != nil {
					return err
				}
				return nil
			}
			if err := race("exact", 0.3); err != nil {
				return err
			}
			if err := race("sum", fadd(0.1, 0.2)); err != nil {
				return err
			}
			cm := t.TimeoutNever()
			cm.RescheduleTime(e.Time() + 0.1 + 0.2)
			when, _ := cm.WhenTime()
			o.say("main", "when=%s", pyFloat(when))
			err := t.SleepSeconds(0.3)
			if err == nil {
				o.say("main", "slept 0.3 inside a deadline of 0.1 + 0.2")
			}
			if err := cm.Exit(err); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "TimeoutError at %s", o.now())
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "123_wait_for_nested_deadlines", main: func(o *out, t *sim.Task) error {
			work := func(t *sim.Task) error { return t.Sleep(5 * time.Second) }
			nested := func(label string, inner, outer time.Duration) error {
				innerLevel := func(t *sim.Task) error {
					err := sim.WaitFor(t, inner, work)
					if err != nil {
						o.say(label, "inner level raises %s, cancelling()=%d", errName(err), t.Cancelling())
					}
					return err
				}
				if err := sim.WaitFor(t, outer, innerLevel); errors.Is(err, sim.ErrTimeout) {
					o.say(label, "outer level: TimeoutError, cancelling()=%d", t.Cancelling())
				} else if err != nil {
					return err
				}
				return nil
			}
			if err := nested("outer-first", 2*time.Second, time.Second); err != nil {
				return err
			}
			if err := nested("inner-first", time.Second, 2*time.Second); err != nil {
				return err
			}
			return nested("same-instant", time.Second, time.Second)
		}},
		prog{name: "124_cancel_then_uncancel", main: func(o *out, t *sim.Task) error {
			worker := func(name string) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(time.Second); err != nil {
						o.say(name, "CancelledError, cancelling()=%d", t.Cancelling())
						return err
					}
					o.say(name, "slept normally")
					return nil
				}
			}
			fresh := t.Spawn("fresh", worker("fresh"))
			c := fresh.Cancel()
			o.say("main", "cancel -> %s then uncancel -> %d", pyBool(c), fresh.Uncancel())
			sleeper := t.Spawn("sleeper", worker("sleeper"))
			if err := t.Sleep(0); err != nil {
				return err
			}
			c = sleeper.Cancel()
			o.say("main", "cancel -> %s then uncancel -> %d", pyBool(c), sleeper.Uncancel())
			if _, err := sim.GatherErrors(t, fresh, sleeper); err != nil {
				return err
			}
			o.say("main", "fresh cancelled=%s sleeper cancelled=%s", pyBool(fresh.Cancelled()), pyBool(sleeper.Cancelled()))
			t.Cancel()
			t.Cancel()
			n := t.Cancelling()
			o.say("main", "self: cancelling()=%d uncancel -> %d", n, t.Uncancel())
			if err := t.Sleep(0); err != nil {
				o.say("main", "sleep(0) raised, uncancel -> %d", t.Uncancel())
			} else {
				o.say("main", "sleep(0) passed")
			}
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "second sleep(0) passed")
			return nil
		}},
		prog{name: "125_cancel_from_done_callback", main: func(o *out, t *sim.Task) error {
			a := sim.SpawnValue(t, "a", func(t *sim.Task) (string, error) {
				if err := t.Sleep(time.Second); err != nil {
					return "", err
				}
				return "espresso", nil
			})
			waiter := func(name string) sim.Func {
				return func(t *sim.Task) error {
					v, err := a.Wait(t)
					if err == nil {
						o.say(name, "got %s", v)
						if err = t.Sleep(time.Second); err == nil {
							o.say(name, "slept after")
						}
					}
					if isCancel(err) {
						o.say(name, "CancelledError")
					}
					return err
				}
			}
			var late, early *sim.Task
			a.OnDone(func(*sim.Task) { o.say("callback", "cancel late -> %s", pyBool(late.Cancel())) })
			late = t.Spawn("late", waiter("late"))
			early = t.Spawn("early", waiter("early"))
			if err := t.Sleep(0); err != nil {
				return err
			}
			a.OnDone(func(*sim.Task) { o.say("callback", "cancel early -> %s", pyBool(early.Cancel())) })
			errs, err := sim.GatherErrors(t, late, early)
			if err != nil {
				return err
			}
			o.say("main", "late: %s, early: %s", errName(errs[0]), errName(errs[1]))
			return nil
		}},
		prog{name: "126_self_cancel_then_await_task", main: func(o *out, t *sim.Task) error {
			for _, c := range []struct {
				name     string
				stubborn bool
			}{{"plain", false}, {"stubborn", true}} {
				name := c.name
				q := t.Spawn(name, func(t *sim.Task) error {
					bn := name + "-brew"
					b := sim.SpawnValue(t, bn, func(t *sim.Task) (string, error) {
						if err := t.Sleep(5 * time.Second); err != nil {
							o.say(bn, "got %s", errName(err))
							if c.stubborn {
								if err := t.Sleep(time.Second); err != nil {
									return "", err
								}
								return "coffee anyway", nil
							}
							return "", err
						}
						return "coffee", nil
					})
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					t.CancelMsg("quitting")
					v, err := b.Wait(t)
					if err == nil {
						o.say(name, "await brew -> %s", v)
						if err = t.Sleep(0); err == nil {
							o.say(name, "sleep(0) passed, cancelling()=%d", t.Cancelling())
						}
					}
					if isCancel(err) {
						o.say(name, "%s; brew cancelled=%s", errName(err), pyBool(b.Cancelled()))
					}
					return err
				})
				if _, err := sim.GatherErrors(t, q); err != nil {
					return err
				}
				o.say("main", "%s cancelled=%s", name, pyBool(q.Cancelled()))
			}
			return nil
		}},
		prog{name: "127_taskgroup_body_awaits_failing_child", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "cancelled")
						return err
					}
					if fail {
						return raise("ValueError", name+" boiled over")
					}
					o.say(name, "done")
					return nil
				}
			}
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				bad := g.Spawn("bad", brew("bad", time.Second, true))
				g.Spawn("slow", brew("slow", 3*time.Second, false))
				err := bad.Wait(t)
				switch {
				case isCancel(err):
					o.say("body", "await bad raised CancelledError, cancelling()=%d", t.Cancelling())
					return err
				case err != nil:
					o.say("body", "await bad raised %s", errName(err))
				}
				return nil
			})
			if err != nil {
				var ge *sim.GroupError
				if !errors.As(err, &ge) {
					return err
				}
				o.say("main", "group: %s", pyErrList(ge.Errs))
			}
			o.say("main", "cancelling()=%d", t.Cancelling())
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "sleeps normally afterwards")
			return nil
		}},
		prog{name: "128_taskgroup_failure_while_exiting", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration, fail, stubborn bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "cancelled")
						if stubborn {
							if err := t.Sleep(sec(0.5)); err != nil {
								return err
							}
							o.say(name, "finished its cup anyway")
							return nil
						}
						return err
					}
					if fail {
						return raise("RuntimeError", name+" cracked")
					}
					o.say(name, "done")
					return nil
				}
			}
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("fast", brew("fast", time.Second, false, false))
				g.Spawn("bad", brew("bad", 2*time.Second, true, false))
				g.Spawn("slow", brew("slow", 5*time.Second, false, true))
				o.say("body", "done, leaving the block")
				return nil
			})
			var ge *sim.GroupError
			if !errors.As(err, &ge) {
				return err
			}
			o.say("main", "group: %s cancelling()=%d", pyErrList(ge.Errs), t.Cancelling())
			return nil
		}},
		prog{name: "129_taskgroup_failure_at_timeout_deadline", main: func(o *out, t *sim.Task) error {
			parent := t
			brew := func(name string, d time.Duration, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "cancelled, cancelling()=%d", parent.Cancelling())
						if err := t.Sleep(sec(0.5)); err != nil {
							return err
						}
						o.say(name, "cleaned up, cancelling()=%d", parent.Cancelling())
						return err
					}
					if fail {
						return raise("ValueError", name+" failed")
					}
					return nil
				}
			}
			group := func(label string, failAt time.Duration) error {
				cm := t.Timeout(time.Second)
				err := cm.Exit(sim.TaskGroup(t, func(g *sim.Group) error {
					g.Spawn(label+"-slow", brew(label+"-slow", 5*time.Second, false))
					if failAt > 0 {
						g.Spawn(label+"-bad", brew(label+"-bad", failAt, true))
					}
					return t.Sleep(10 * time.Second)
				}))
				var ge *sim.GroupError
				switch {
				case errors.As(err, &ge):
					o.say(label, "%s expired=%s", pyErrList(ge.Errs), pyBool(cm.Expired()))
				case errors.Is(err, sim.ErrTimeout):
					o.say(label, "TimeoutError, cancelling()=%d", parent.Cancelling())
				case err != nil:
					return err
				}
				o.say(label, "cancelling()=%d", parent.Cancelling())
				return nil
			}
			if err := group("fails", sec(0.9)); err != nil {
				return err
			}
			return group("deadline", 0)
		}},
		prog{name: "130_run_ending_pending_chain", main: func(o *out, t *sim.Task) error {
			b := t.Spawn("brewer", func(t *sim.Task) error {
				err := t.Sleep(100 * time.Second)
				if isCancel(err) {
					o.say("brewer", "cancelled, cancelling()=%d", t.Cancelling())
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					o.say("brewer", "machine off")
				}
				return err
			})
			t.Spawn("waiter", func(t *sim.Task) error {
				err := b.Wait(t)
				if isCancel(err) {
					o.say("waiter", "cancelled, brewer done=%s", pyBool(b.Done()))
				}
				return err
			})
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			t.Spawn("never", func(t *sim.Task) error {
				o.say("never", "body ran")
				return nil
			})
			o.say("main", "returns")
			return nil
		}, after: func(o *out, err error) {
			if err == nil {
				o.say("after-run", "closed")
			}
		}},
		prog{name: "131_run_ending_main_fails", main: func(o *out, t *sim.Task) error {
			cleaner := func(name string, s float64, swallow bool) sim.Func {
				return func(t *sim.Task) error {
					err := t.Sleep(100 * time.Second)
					if isCancel(err) {
						if err := t.Sleep(sec(s)); err != nil {
							return err
						}
						o.say(name, "cleaned up after %s", pyNum(s))
						if swallow {
							return nil
						}
					}
					return err
				}
			}
			t.Spawn("mop", cleaner("mop", 1, false))
			t.Spawn("till", cleaner("till", 0.5, true))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "raising")
			return raise("LookupError", "no more cups")
		}, after: func(o *out, err error) {
			o.say("after-run", "asyncio.run raised %s", errName(err))
		}},
		prog{name: "132_run_ending_task_spawned_in_cleanup", main: func(o *out, t *sim.Task) error {
			t.Spawn("worker", func(t *sim.Task) error {
				err := t.Sleep(100 * time.Second)
				if isCancel(err) {
					o.say("worker", "cancelled: starting a reporter")
					t.Spawn("reporter", func(t *sim.Task) error {
						for i := range 12 {
							o.say("reporter", "tick %d", i)
							if err := t.Sleep(0); err != nil {
								return err
							}
						}
						return nil
					})
					for range 2 {
						if err := t.Sleep(0); err != nil {
							return err
						}
					}
					o.say("worker", "done")
				}
				return err
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "returns")
			return nil
		}, after: func(o *out, err error) {
			if err == nil {
				o.say("after-run", "closed")
			}
		}},
		prog{name: "133_run_ending_loop_callbacks", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			var chain func(n int) func()
			chain = func(n int) func() {
				return func() {
					o.say("chain", "link %d", n)
					if n < 10 {
						e.CallSoon("", chain(n+1))
					}
				}
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			e.CallSoon("", chain(0))
			e.CallLater(0, "", func() { o.say("later0", "due at once") })
			e.CallLater(time.Millisecond, "", func() { o.say("later1ms", "never printed") })
			o.say("main", "returns")
			return nil
		}, after: func(o *out, err error) {
			if err == nil {
				o.say("after-run", "closed")
			}
		}},
	)
}

// pyErrList is Python's list of vt.err(e) for the errors of an ExceptionGroup.
func pyErrList(errs []error) string {
	var b strings.Builder
	b.WriteString("[")
	for i, err := range errs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("'" + errName(err) + "'")
	}
	b.WriteString("]")
	return b.String()
}
