package conformance_test

import (
	"errors"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{"027_timers_beyond_one_day", func(o *out, t *sim.Task) error {
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
		prog{"028_timers_cancelled_in_same_iteration", func(o *out, t *sim.Task) error {
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
		prog{"030_wait_for_finishes_at_deadline", func(o *out, t *sim.Task) error {
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
		prog{"031_wait_for_zero", func(o *out, t *sim.Task) error {
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
