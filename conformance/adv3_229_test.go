package conformance_test

import (
	"errors"

	"github.com/brewloop/brewloop/sim"
)

// Program 229: loop callbacks with negative and far delays; wait with a float
// timeout.

func init() {
	register(
		prog{name: "229_loop_callbacks_negative_and_far_delays", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			say := func(who, text string) func() { return func() { o.say(who, "%s", text) } }
			far := e.CallLaterSeconds(1e10, "far", say("far", "fired"))
			tenth, fifth := 0.1, 0.2
			for _, timeout := range []float64{0.3, tenth + fifth} {
				w := t.Spawn("w", func(t *sim.Task) error { return t.SleepSeconds(0.3) })
				done, pending, err := sim.WaitSeconds(t, []sim.Awaitable{w}, sim.AllCompleted, timeout)
				if err != nil {
					return err
				}
				o.say("main", "wait(timeout=%s) on a sleep(0.3): done=%d pending=%d", pyFloat(timeout), len(done), len(pending))
				if err := w.Wait(t); err != nil {
					return err
				}
			}
			if err := t.SleepSeconds(1); err != nil {
				return err
			}
			e.CallLaterSeconds(0, "cb", say("cb", "call_later(0)"))
			e.CallLaterSeconds(-0.5, "cb", say("cb", "call_later(-0.5)"))
			e.CallAtTime(e.Time()-2, "cb", say("cb", "call_at(now - 2)"))
			e.CallLaterSeconds(-0.25, "cb", say("cb", "call_later(-0.25)"))
			e.CallSoon("cb", say("cb", "call_soon"))
			if err := t.Yield(); err != nil {
				return err
			}
			o.say("main", "after one yield")
			for _, d := range []struct {
				s    float64
				text string
			}{{0.1, "0.1"}, {-1e-12, "-1e-12"}, {0, "0"}} {
				e.CallLaterSeconds(d.s, "cb2", say("cb2", "call_later("+d.text+")"))
			}
			e.CallAtTime(e.Time(), "cb2", say("cb2", "call_at(now)"))
			if err := t.SleepSeconds(0.1); err != nil {
				return err
			}
			err := sim.WaitForSeconds(t, 0.1, func(t *sim.Task) error { return t.SleepSeconds(1e300) })
			if !errors.Is(err, sim.ErrTimeout) {
				return err
			}
			o.say("main", "sleep(1e300) timed out, far cancelled=%s", pyBool(far.Cancelled()))
			return nil
		}},
	)
}
