package conformance_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{name: "001_timers_same_delay_heap_order", main: func(o *out, t *sim.Task) error {
			var ts []*sim.Task
			for i := range 5 {
				name := fmt.Sprint("t", i)
				ts = append(ts, t.Spawn(name, func(t *sim.Task) error {
					o.say(name, "sleep 1")
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					o.say(name, "woke")
					return nil
				}))
			}
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "all woke")
			return nil
		}},
		prog{name: "002_timers_call_later_equal_deadlines", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			ring := func(n int) func() { return func() { o.say("timer", "callback %d", n) } }
			for n := range 6 {
				e.CallLater(2*time.Second, "", ring(n))
			}
			e.CallAt(e.Now()+2*time.Second, "", ring(6))
			e.CallAt(2*time.Second, "", ring(7))
			o.say("main", "scheduled 8 callbacks for 2 s")
			if err := t.Sleep(3 * time.Second); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "003_timers_heap_rebuilt_after_cancels", main: func(o *out, t *sim.Task) error {
			return cancelledTimers(o, t, func(n int) bool { return n%3 != 0 }, false)
		}},
		prog{name: "004_timers_heap_not_rebuilt", main: func(o *out, t *sim.Task) error {
			return cancelledTimers(o, t, func(n int) bool { return n%3 == 1 }, true)
		}},
		prog{name: "005_float_three_short_sleeps", main: func(o *out, t *sim.Task) error {
			a := t.Spawn("steps", func(t *sim.Task) error {
				for range 3 {
					if err := t.Sleep(sec(0.1)); err != nil {
						return err
					}
					o.say("steps", "t=%s", o.now())
				}
				return nil
			})
			b := t.Spawn("once", func(t *sim.Task) error {
				if err := t.Sleep(sec(0.3)); err != nil {
					return err
				}
				o.say("once", "t=%s", o.now())
				return nil
			})
			if err := sim.Gather(t, a, b); err != nil {
				return err
			}
			o.say("main", "t=%s", o.now())
			return nil
		}},
		prog{name: "006_float_sums_order_timers", main: func(o *out, t *sim.Task) error {
			chain := func(name string, ds ...float64) sim.Func {
				return func(t *sim.Task) error {
					for _, d := range ds {
						if err := t.Sleep(sec(d)); err != nil {
							return err
						}
					}
					o.say(name, "woke at %s", o.now())
					return nil
				}
			}
			ts := []*sim.Task{
				t.Spawn("plain-0.8", chain("plain-0.8", 0.8)),
				t.Spawn("0.7+0.1", chain("0.7+0.1", 0.7, 0.1)),
				t.Spawn("0.1+0.2", chain("0.1+0.2", 0.1, 0.2)),
				t.Spawn("plain-0.3", chain("plain-0.3", 0.3)),
				t.Spawn("0.2+0.1", chain("0.2+0.1", 0.2, 0.1)),
			}
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "007_timers_soon_later_zero_sleep_zero", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			e.CallLater(0, "", func() { o.say("later0", "ran") })
			e.CallSoon("", func() { o.say("soon1", "ran") })
			y := t.Spawn("yielder", func(t *sim.Task) error {
				o.say("yielder", "before sleep(0)")
				if err := t.Sleep(0); err != nil {
					return err
				}
				o.say("yielder", "after sleep(0)")
				if err := t.Sleep(0); err != nil {
					return err
				}
				o.say("yielder", "after second sleep(0)")
				return nil
			})
			e.CallSoon("", func() { o.say("soon2", "ran") })
			e.CallAt(e.Now(), "", func() { o.say("at-now", "ran") })
			o.say("main", "scheduled")
			if err := y.Wait(t); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "008_timers_same_delay_started_in_steps", main: func(o *out, t *sim.Task) error {
			var fs []sim.Awaitable
			for i, hops := range []int{3, 0, 2, 1, 0, 3, 1, 2} {
				name := fmt.Sprint("w", i)
				fs = append(fs, t.Spawn(name, func(t *sim.Task) error {
					for range hops {
						if err := t.Sleep(0); err != nil {
							return err
						}
					}
					o.say(name, "sleep 2 after %d hops", hops)
					if err := t.Sleep(2 * time.Second); err != nil {
						return err
					}
					o.say(name, "woke")
					return nil
				}))
			}
			if _, _, err := sim.Wait(t, fs, sim.AllCompleted, sim.NoTimeout); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
	)
}

// cancelledTimers is 003 and 004: 150 timers at 1, 2 and 3 s, some cancelled.
func cancelledTimers(o *out, t *sim.Task, cancel func(int) bool, more bool) error {
	e := t.Engine()
	var fired []int
	var hs []*sim.Handle
	for n := range 150 {
		hs = append(hs, e.CallLater(time.Duration(1+n%3)*time.Second, "", func() { fired = append(fired, n) }))
	}
	cancelled := 0
	for n, h := range hs {
		if cancel(n) {
			h.Cancel()
			cancelled++
		}
	}
	o.say("main", "150 timers, %d cancelled", cancelled)
	if err := t.Sleep(sec(1.5)); err != nil {
		return err
	}
	o.say("main", "%d fired at 1 s", len(fired))
	for i := 0; i < len(fired); i += 10 {
		var b []string
		for _, n := range fired[i:min(i+10, len(fired))] {
			b = append(b, fmt.Sprint(n))
		}
		o.say("main", "%s", strings.Join(b, " "))
	}
	if more {
		if err := t.Sleep(2 * time.Second); err != nil {
			return err
		}
		o.say("main", "%d fired by 3.5 s, last %d", len(fired), fired[len(fired)-1])
	}
	return nil
}

func init() {
	register(prog{name: "009_float_call_at_accumulated", main: func(o *out, t *sim.Task) error {
		e := t.Engine()
		e.CallAtTime(1.0, "", func() { o.say("at-1.0", "fired") })
		when := 0.0
		for range 10 {
			when += 0.1
		}
		e.CallAtTime(when, "", func() { o.say("at-sum", "fired (when=%s)", pyFloat(when)) })
		e.CallAtTime(1.0+1e-9, "", func() { o.say("at-1.0+1e-9", "fired") })
		e.CallAtTime(1.0+2e-9, "", func() { o.say("at-1.0+2e-9", "fired") })
		for range 2 {
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
		}
		o.say("main", "woke at %s", o.now())
		return t.Sleep(time.Second)
	}})
}

func init() {
	register(
		prog{name: "026_sleep_zero_negative_and_result", main: func(o *out, t *sim.Task) error {
			if err := t.Sleep(sec(0.25)); err != nil {
				return err
			}
			o.say("main", "sleep returned %s", "cookie") // asyncio.sleep(d, result) returns result
			turn := func(name string, n int, delay float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					for i := range n {
						if err := t.SleepSeconds(delay); err != nil {
							return err
						}
						o.say(name, "turn %d", i)
					}
					return nil
				})
			}
			if err := sim.Gather(t, turn("zero", 3, 0), turn("negative", 3, -5), turn("tiny", 2, 1e-12)); err != nil {
				return err
			}
			o.say("main", "t=%s", o.now())
			return nil
		}},
		prog{name: "029_timers_busy_callbacks_and_timer", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			var busy func(n int) func()
			busy = func(n int) func() {
				return func() {
					o.say("busy", "round %d", n)
					if n < 4 {
						e.CallSoon("", busy(n+1))
					}
				}
			}
			e.CallLater(0, "", func() { o.say("later0", "ran") })
			e.CallSoon("", busy(1))
			e.CallLaterSeconds(1e-10, "", func() { o.say("later-1e-10", "ran") })
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "after sleep(0)")
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "after second sleep(0)")
			if err := t.Sleep(sec(0.001)); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
	)
}
