package conformance_test

import (
	"errors"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{name: "027_timers_beyond_one_day", main: func(o *out, t *sim.Task) error {
			t.Engine().CallLater(86400*time.Second, "", func() { o.say("timer", "one day") })
			hibernate := func(name string, s float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(sec(s)); err != nil {
						return err
					}
					o.say(name, "woke at %s", o.now())
					return nil
				})
			}
			if err := sim.Gather(t, hibernate("weekend", 2*86400+0.0005), hibernate("month", 30*86400+0.25), hibernate("hour", 3599.9995)); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "028_timers_cancelled_in_same_iteration", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			var second, soonB *sim.Handle
			e.CallLater(time.Second, "", func() {
				o.say("first", "cancels second and soon-b")
				second.Cancel()
				if soonB != nil {
					soonB.Cancel()
				}
			})
			second = e.CallLater(time.Second, "", func() { o.say("second", "ran") })
			e.CallLater(time.Second, "", func() { o.say("third", "ran") })
			if err := t.Sleep(sec(1.5)); err != nil {
				return err
			}
			e.CallSoon("", func() { soonB.Cancel(); o.say("soon-a", "cancelled soon-b") })
			soonB = e.CallSoon("", func() { o.say("soon-b", "ran") })
			e.CallSoon("", func() { o.say("soon-c", "ran") })
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "second cancelled=%s", pyBool(second.Cancelled()))
			return nil
		}},
		prog{name: "030_wait_for_finishes_at_deadline", main: func(o *out, t *sim.Task) error {
			attempt := func(t *sim.Task, name string, seconds, limit time.Duration) error {
				err := sim.WaitFor(t, limit, func(t *sim.Task) error {
					if err := t.Sleep(seconds); err != nil {
						return err
					}
					o.say(name, "brewed")
					return nil
				})
				switch {
				case err == nil:
					o.say(name, "wait_for returned %s", name)
				case errors.Is(err, sim.ErrTimeout):
					o.say(name, "wait_for raised %s", errName(err))
				default:
					return err
				}
				return nil
			}
			s := time.Second
			for _, a := range []struct {
				name           string
				seconds, limit time.Duration
			}{{"exact", 2 * s, 2 * s}, {"early", s, 2 * s}, {"late", 3 * s, 2 * s}} {
				if err := attempt(t, a.name, a.seconds, a.limit); err != nil {
					return err
				}
			}
			var gs []*sim.Task
			for _, n := range []string{"g1", "g2", "g3"} {
				gs = append(gs, t.Spawn(n, func(t *sim.Task) error { return attempt(t, n, s, s) }))
			}
			if err := sim.Gather(t, gs...); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "031_wait_for_zero", main: func(o *out, t *sim.Task) error {
			work := func(name string) sim.Func {
				return func(t *sim.Task) error {
					o.say(name, "body runs")
					return t.Sleep(time.Second)
				}
			}
			if err := sim.WaitFor(t, 0, work("coro")); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "coro: %s", errName(err))
			}
			done := t.Spawn("done", work("done"))
			if err := done.Wait(t); err != nil {
				return err
			}
			if err := sim.WaitForTask(t, 0, done); err == nil {
				o.say("main", "finished task: %s", "done")
			}
			var kept string
			s := t.Spawn("swallow", func(t *sim.Task) error {
				if err := t.Sleep(time.Second); err != nil {
					o.say("swallow", "caught cancel")
					kept = "kept"
				}
				return nil
			})
			if err := t.Sleep(0); err != nil {
				return err
			}
			if err := sim.WaitForTask(t, 0, s); err == nil {
				o.say("main", "swallowing task: %s", kept)
			}
			if err := sim.WaitFor(t, -time.Second, work("negative")); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "negative: %s", errName(err))
			}
			return nil
		}},
	)
}

// pyWhen prints a Timeout's deadline as cm.when() does.
func pyWhen(to *sim.Timeout) string {
	at, ok := to.When()
	if !ok {
		return "None"
	}
	return pyFloat(float64(at) / 1e9)
}

func init() {
	register(
		prog{name: "032_timeout_reschedule", main: func(o *out, t *sim.Task) error {
			cm := t.Timeout(time.Second)
			err := func() error {
				o.say("main", "deadline %s", pyWhen(cm))
				cm.Reschedule(t.Now() + 5*time.Second)
				o.say("main", "rescheduled to %s", pyWhen(cm))
				if err := t.Sleep(2 * time.Second); err != nil {
					return err
				}
				o.say("main", "slept 2, still inside")
				cm.Reschedule(t.Now() + 500*time.Millisecond)
				if err := t.Sleep(10 * time.Second); err != nil {
					o.say("main", "inner sleep cancelled")
					return err
				}
				return nil
			}()
			if err := cm.Exit(err); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "TimeoutError, expired()=%s", pyBool(cm.Expired()))
			} else if err != nil {
				return err
			}
			cm = t.TimeoutNever()
			err = t.Sleep(time.Second)
			if err == nil {
				o.say("main", "no deadline: when()=%s", pyWhen(cm))
			}
			return cm.Exit(err)
		}},
		prog{name: "033_timeout_at_and_nested", main: func(o *out, t *sim.Task) error {
			start := t.Now()
			outer := t.TimeoutAt(start + 3*time.Second)
			err := func() error {
				inner := t.TimeoutAt(start + time.Second)
				if err := inner.Exit(t.Sleep(2 * time.Second)); errors.Is(err, sim.ErrTimeout) {
					o.say("main", "inner timed out")
				} else if err != nil {
					return err
				}
				if err := t.Sleep(5 * time.Second); err != nil {
					return err
				}
				o.say("main", "not reached")
				return nil
			}()
			if err := outer.Exit(err); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "outer timed out")
			} else if err != nil {
				return err
			}
			past := t.TimeoutAt(start + time.Second)
			o.say("main", "deadline already passed")
			if err := past.Exit(t.Sleep(0)); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "past deadline fires at the first await")
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "034_wait_for_task_catches_timeout_cancel", main: func(o *out, t *sim.Task) error {
			var value string
			err := sim.WaitFor(t, 2*time.Second, func(t *sim.Task) error {
				if err := t.Sleep(5 * time.Second); err != nil {
					o.say("barista", "out of time, pouring what is there")
					if err := t.Sleep(500 * time.Millisecond); err != nil {
						return err
					}
					value = "half cup"
					return nil
				}
				value = "full cup"
				return nil
			})
			switch {
			case err == nil:
				o.say("main", "wait_for returned %s", value)
			case errors.Is(err, sim.ErrTimeout):
				o.say("main", "TimeoutError")
			default:
				return err
			}
			return nil
		}},
		prog{name: "035_wait_for_caller_cancelled", main: func(o *out, t *sim.Task) error {
			c := t.Spawn("caller", func(t *sim.Task) error {
				err := sim.WaitFor(t, 5*time.Second, func(t *sim.Task) error {
					err := t.Sleep(10 * time.Second)
					if isCancel(err) {
						o.say("inner", "cancelled")
					}
					return err
				})
				switch {
				case errors.Is(err, sim.ErrTimeout):
					o.say("caller", "TimeoutError")
					return nil
				case isCancel(err):
					o.say("caller", "caught %s", errName(err))
				}
				return err
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			c.CancelMsg("customer left")
			if _, err := sim.GatherErrors(t, c); err != nil {
				return err
			}
			o.say("main", "caller cancelled=%s", pyBool(c.Cancelled()))
			return nil
		}},
		prog{name: "036_timeout_with_outer_cancel", main: func(o *out, t *sim.Task) error {
			guarded := func(name string) sim.Func {
				return func(t *sim.Task) error {
					cm := t.Timeout(2 * time.Second)
					err := cm.Exit(t.Sleep(5 * time.Second))
					switch {
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "TimeoutError")
						return nil
					case isCancel(err):
						o.say(name, "CancelledError, cancelling()=%d", t.Cancelling())
					}
					return err
				}
			}
			alone := t.Spawn("alone", guarded("alone"))
			both := t.Spawn("both", guarded("both"))
			t.Engine().CallLater(2*time.Second, "", func() { both.Cancel() })
			errs, err := sim.GatherErrors(t, alone, both)
			if err != nil {
				return err
			}
			words := make([]string, len(errs))
			for i, e := range errs {
				words[i] = "ok"
				if e != nil {
					words[i] = "cancelled"
				}
			}
			o.say("main", "%s %s", words[0], words[1])
			return nil
		}},
	)
}
