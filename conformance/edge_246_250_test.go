package conformance_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 246-250 (two cancel messages, failures nobody awaits at
// asyncio.run's ending, reschedule to now, a task group's abort meeting a child's deadline, a
// group body that swallows its cancel or raises CancelledError itself).

func init() {
	register(
		prog{name: "246_cancel_twice_which_message", main: func(o *out, t *sim.Task) error {
			victim := func(name string, d time.Duration) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err == nil {
						o.say(name, "slept")
					} else if isCancel(err) {
						o.say(name, "%s, cancelling=%d", errName(err), t.Cancelling())
					} else {
						return err
					}
					if err := t.Sleep(0); err == nil {
						o.say(name, "second await passed")
					} else if isCancel(err) {
						o.say(name, "second await: %s", errName(err))
					} else {
						return err
					}
					return nil
				}
			}
			for _, c := range []struct {
				name string
				d    time.Duration
			}{{"parked", time.Second}, {"yielding", 0}} {
				v := t.Spawn(c.name, victim(c.name, c.d))
				if err := t.Sleep(0); err != nil {
					return err
				}
				first := v.CancelMsg("first")
				o.say("main", "first -> %s, second -> %s", pyBool(first), pyBool(v.CancelMsg("second")))
				if err := v.Wait(t); err != nil {
					return err
				}
			}
			v := t.Spawn("fresh", victim("fresh", time.Second))
			one, two := v.CancelMsg("one"), v.CancelMsg("two")
			o.say("main", "before start: %s %s %s", pyBool(one), pyBool(two), pyBool(v.CancelMsg("three")))
			if err := v.Wait(t); isCancel(err) {
				o.say("main", "fresh -> %s, cancelled=%s", errName(err), pyBool(v.Cancelled()))
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "247_run_ending_cleanup_fails_unobserved", main: func(o *out, t *sim.Task) error {
			t.Spawn("crash", func(t *sim.Task) error {
				if err := t.Sleep(500 * time.Millisecond); err != nil {
					return err
				}
				o.say("crash", "raising")
				return raise("RuntimeError", "nobody listens")
			})
			t.Spawn("messy", func(t *sim.Task) error {
				if err := t.Sleep(100 * time.Second); err == nil {
					return nil
				}
				if err := t.SleepSeconds(0.25); err != nil {
					return err
				}
				o.say("messy", "cleanup fails")
				return raise("ValueError", "spilled milk")
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "returning 42")
			return nil
		}, after: func(o *out, err error) {
			// asyncio.run logs crash's and messy's failures (stderr) and returns
			// main's result; sim.RunMain returns those two failures, and only those.
			if got := taskFailures(err, false); got != "crash|messy" || raised(err, nil) != nil {
				o.lines = append(o.lines, "!! "+got)
				return
			}
			o.say("after", "asyncio.run returned 42")
		}},
		prog{name: "248_timeout_reschedule_to_now_vs_timer", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			for _, c := range []struct {
				label string
				extra float64
			}{{"now", 0.0}, {"past", -1.0}, {"hair", 1e-10}} {
				label := c.label
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				e.CallAtTime(e.Time(), "", func() { o.say("timer", "due now (%s)", label) })
				e.CallSoon("", func() { o.say("soon", "queued before (%s)", label) })
				cm := t.Timeout(10 * time.Second)
				cm.RescheduleTime(e.Time() + c.extra)
				w, _ := cm.WhenTime()
				o.say("main", "%s: when=%s, expired=%s", label, pyFloat(w-e.Time()), pyBool(cm.Expired()))
				if err := cm.Exit(t.Sleep(5 * time.Second)); errors.Is(err, sim.ErrTimeout) {
					o.say("main", "%s: TimeoutError, expired=%s", label, pyBool(cm.Expired()))
				} else if err != nil {
					return err
				}
			}
			return nil
		}},
		prog{name: "249_taskgroup_abort_and_child_timeout_same_instant", main: func(o *out, t *sim.Task) error {
			careful := func(name string, d time.Duration) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					cm := t.Timeout(0)
					switch err := cm.Exit(t.Sleep(5 * time.Second)); {
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "TimeoutError, cancelling=%d", t.Cancelling())
					case isCancel(err):
						o.say(name, "CancelledError, cancelling=%d", t.Cancelling())
						return err
					case err != nil:
						return err
					}
					return nil
				}
			}
			fail := func(name string) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					return raise("OSError", name)
				}
			}
			for _, c := range []struct {
				label string
				d     time.Duration
				first bool
			}{{"boom-first", time.Second, false}, {"careful-first", time.Second, true}, {"early", 500 * time.Millisecond, true}} {
				err := sim.TaskGroup(t, func(g *sim.Group) error {
					if c.first {
						g.Spawn(c.label, careful(c.label, c.d))
					}
					g.Spawn(c.label+"-boom", fail(c.label+"-boom"))
					if !c.first {
						g.Spawn(c.label, careful(c.label, c.d))
					}
					return nil
				})
				var ge *sim.GroupError
				if !errors.As(err, &ge) {
					return err
				}
				var subs []string
				for _, x := range ge.Errs {
					subs = append(subs, "'"+errName(x)+"'")
				}
				o.say("main", "%s: [%s]", c.label, strings.Join(subs, ", "))
			}
			return nil
		}},
		prog{name: "250_taskgroup_body_swallows_cancel", main: func(o *out, t *sim.Task) error {
			job := func(name string, d time.Duration, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "cancelled")
						return err
					}
					if fail {
						return raise("ValueError", name)
					}
					o.say(name, "done")
					return nil
				}
			}
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("bad", job("bad", time.Second, true))
				slow := g.Spawn("slow", job("slow", 3*time.Second, false))
				if err := t.Sleep(2 * time.Second); isCancel(err) {
					o.say("body", "swallowed, cancelling=%d", t.Cancelling())
				} else if err != nil {
					return err
				}
				if err := t.Sleep(500 * time.Millisecond); err != nil {
					return err
				}
				o.say("body", "slept on, slow cancelled=%s", pyBool(slow.Cancelled()))
				return nil
			})
			var ge *sim.GroupError
			if errors.As(err, &ge) {
				o.say("main", "%s: %s, cancelling=%d", errName(err), errName(ge.Errs[0]), t.Cancelling())
			} else if err != nil {
				return err
			}
			err = sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("kid", job("kid", time.Second, false))
				return &sim.CancelledError{Msg: "body gives up"}
			})
			if isCancel(err) {
				o.say("main", "%s, cancelling=%d", errName(err), t.Cancelling())
			} else if err != nil {
				return err
			}
			return nil
		}},
	)
}

// raised keeps what asyncio.run raises (main's error, also when it is a child's
// failure main propagated) and drops only the failures asyncio.run logs.
func TestRaisedDropsOnlyLoggedFailures(t *testing.T) {
	for _, c := range []struct {
		name      string
		propagate bool
		want      string
	}{{"unobserved", false, "<nil>"}, {"propagated", true, "ValueError: child"}} {
		e := sim.New()
		var mainErr error
		err := e.RunMain("main", func(t *sim.Task) (err error) {
			defer func() { mainErr = err }()
			child := t.Spawn("child", func(t *sim.Task) error { return raise("ValueError", "child") })
			t.Spawn("other", func(t *sim.Task) error { return raise("OSError", "other") })
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if c.propagate {
				return child.Wait(t)
			}
			return nil
		})
		e.Close()
		if err == nil {
			t.Fatalf("%s: RunMain returned no error; the failures of child and other were not reported", c.name)
		}
		got := "<nil>"
		if r := raised(err, mainErr); r != nil {
			got = errName(r)
		}
		if got != c.want {
			t.Errorf("%s: raised(%v) = %s, want %s", c.name, err, got, c.want)
		}
	}
}
