package conformance_test

import (
	"time"

	"github.com/brewloop/brewloop/sim"
)

// whenOf prints a timer handle's when() as Python does.
func whenOf(h *sim.Handle) string { return pyFloat(float64(h.When()) / 1e9) }

var runResult string

func init() {
	register(
		prog{name: "080_loop_callbacks_handles", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			var chain func(n int) func()
			chain = func(n int) func() {
				return func() {
					o.say("chain", "link %d", n)
					if n < 3 {
						e.CallSoon("", chain(n+1))
					}
				}
			}
			h1 := e.CallSoon("", func() { o.say("soon", "one") })
			h2 := e.CallSoon("", func() { o.say("soon", "two") })
			e.CallSoon("", chain(1))
			h2.Cancel()
			t1 := e.CallLater(sec(1.5), "", func() { o.say("later", "1.5 s") })
			t2 := e.CallAt(time.Second, "", func() { o.say("at", "1.0") })
			t3 := e.CallLater(sec(1.2), "", func() { o.say("later", "never") })
			t3.Cancel()
			o.say("main", "h1 cancelled=%s h2 cancelled=%s", pyBool(h1.Cancelled()), pyBool(h2.Cancelled()))
			o.say("main", "when: %s %s %s", whenOf(t1), whenOf(t2), whenOf(t3))
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			t1.Cancel()
			o.say("main", "cancelling a fired timer: cancelled=%s", pyBool(t1.Cancelled()))
			return nil
		}},
		prog{name: "081_run_ending_cancels_pending", main: func(o *out, t *sim.Task) error {
			t.Spawn("cleaner", func(t *sim.Task) error {
				for {
					if err := t.Sleep(time.Second); err != nil {
						o.say("cleaner", "closing: stacking chairs")
						if err := t.Sleep(sec(0.5)); err != nil {
							return err
						}
						o.say("cleaner", "chairs stacked")
						return err
					}
					o.say("cleaner", "wiped a table")
				}
			})
			if err := t.Sleep(sec(2.5)); err != nil {
				return err
			}
			o.say("main", "returns")
			runResult = "closed"
			return nil
		}, after: func(o *out, err error) {
			if err == nil {
				o.say("after-run", "asyncio.run returned %s", runResult)
			}
		}},
		prog{name: "082_run_ending_several_pending", main: func(o *out, t *sim.Task) error {
			for _, s := range []struct {
				name    string
				cleanup float64
			}{{"barista", 2}, {"cashier", 0.5}, {"manager", 1}} {
				t.Spawn(s.name, func(t *sim.Task) error {
					err := t.Sleep(100 * time.Second)
					if err := t.Sleep(sec(s.cleanup)); err != nil {
						return err
					}
					o.say(s.name, "left after %s s of cleanup", pyNum(s.cleanup))
					return err
				})
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "returns")
			return nil
		}, after: func(o *out, err error) {
			if err == nil {
				o.say("after-run", "loop closed")
			}
		}},
		prog{name: "083_block_late_timers", main: func(o *out, t *sim.Task) error {
			ticker := func(name string, period float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					e := t.Engine()
					for range 3 {
						due := e.Time() + period
						if err := t.Sleep(sec(period)); err != nil {
							return err
						}
						o.say(name, "tick, late by %d ms", int64((e.Time()-due)*1000+0.5))
					}
					return nil
				})
			}
			b := t.Spawn("blocker", func(t *sim.Task) error {
				if err := t.Sleep(sec(1.2)); err != nil {
					return err
				}
				o.say("blocker", "time.sleep(2) - the loop stops")
				t.Block(2 * time.Second)
				o.say("blocker", "unblocked")
				return nil
			})
			return sim.Gather(t, ticker("fast", 0.5), ticker("slow", 1), b)
		}},
	)
}

// pyNum prints a number as Python's str does for an int or a float literal.
func pyNum(x float64) string {
	if x == float64(int64(x)) {
		return pyFloat(x)[:len(pyFloat(x))-2]
	}
	return pyFloat(x)
}
