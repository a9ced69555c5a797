package conformance_test

import (
	"errors"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 251-254 (timeouts rescheduled from outside, the float clock far
// from zero, a put under wait_for with a get at its deadline, wait's caller cancelled as a
// task completes).

func init() {
	register(
		prog{name: "251_timeout_rescheduled_from_outside", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			boxes := map[string]*sim.Timeout{}
			worker := func(name string) sim.Func {
				return func(t *sim.Task) error {
					cm := t.Timeout(time.Second)
					boxes[name] = cm
					if err := cm.Exit(t.Sleep(3 * time.Second)); errors.Is(err, sim.ErrTimeout) {
						w, _ := cm.WhenTime()
						o.say(name, "TimeoutError, when=%s", pyFloat(w))
					} else if err != nil {
						return err
					}
					return nil
				}
			}
			a := t.Spawn("extended", worker("extended"))
			b := t.Spawn("pulled", worker("pulled"))
			if err := t.SleepSeconds(0.5); err != nil {
				return err
			}
			boxes["extended"].RescheduleTime(e.Time() + 2)
			e.CallLaterSeconds(0.25, "", func() { boxes["pulled"].RescheduleTime(0.1) })
			if err := sim.Gather(t, a, b); err != nil {
				return err
			}
			cm := t.Timeout(5 * time.Second)
			cm.RescheduleTime(e.Time())
			o.say("main", "due now, expired=%s", pyBool(cm.Expired()))
			if err := cm.Exit(nil); err != nil {
				return err
			}
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "next await passed, expired=%s", pyBool(cm.Expired()))
			return nil
		}},
		prog{name: "252_float_clock_far_from_zero", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			tiny := func(name string, s float64) sim.Func {
				return func(t *sim.Task) error {
					if err := t.SleepSeconds(s); err != nil {
						return err
					}
					o.say(name, "t=%s", o.now())
					return nil
				}
			}
			if err := t.SleepSeconds(1e7); err != nil {
				return err
			}
			o.say("main", "t=%s", o.now())
			e.CallLaterSeconds(3e-9, "", func() { o.say("later-3e-9", "t=%s", o.now()) })
			e.CallLaterSeconds(1e-9, "", func() { o.say("later-1e-9", "t=%s", o.now()) })
			if err := sim.Gather(t, t.Spawn("s1", tiny("sleep-5e-10", 5e-10)), t.Spawn("s2", tiny("sleep-2e-8", 2e-8))); err != nil {
				return err
			}
			for range 3 {
				if err := t.SleepSeconds(0.1); err != nil {
					return err
				}
			}
			o.say("main", "three sleep(0.1): t=%s", o.now())
			start := e.Time()
			if err := t.SleepSeconds(0.3); err != nil {
				return err
			}
			o.say("main", "one sleep(0.3): +%s", pyFloat(e.Time()-start))
			return nil
		}},
		prog{name: "253_queue_put_wait_for_get_at_deadline", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			// patience < 0 is None: a plain put.
			putter := func(q *sim.Queue[string], name, item string, patience time.Duration) sim.Func {
				return func(t *sim.Task) error {
					var err error
					if patience < 0 {
						err = q.Put(t, item)
					} else {
						err = sim.WaitFor(t, patience, func(t *sim.Task) error { return q.Put(t, item) })
					}
					switch {
					case err == nil:
						o.say(name, "put %s, qsize=%d", item, q.Len())
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "TimeoutError, qsize=%d", q.Len())
					default:
						return err
					}
					return nil
				}
			}
			for _, c := range []struct {
				label      string
				timerFirst bool
			}{{"timer-first", true}, {"deadline-first", false}} {
				q := sim.NewQueue[string](e, "q", 1)
				q.TryPut("old")
				get := func() {
					v, _ := q.TryGet()
					o.say("timer", "get_nowait -> %s", v)
				}
				if c.timerFirst {
					e.CallLater(time.Second, "", get)
				}
				p1 := t.Spawn("p1", putter(q, c.label+"-p1", "x1", time.Second))
				p2 := t.Spawn("p2", putter(q, c.label+"-p2", "x2", -1))
				if err := t.Sleep(0); err != nil {
					return err
				}
				if !c.timerFirst {
					e.CallLater(time.Second, "", get)
				}
				if _, _, err := sim.Wait(t, []sim.Awaitable{p1, p2}, sim.AllCompleted, 2*time.Second); err != nil {
					return err
				}
				v, _ := q.TryGet()
				o.say("main", "%s: left %s, p2 done=%s", c.label, v, pyBool(p2.Done()))
				p2.Cancel()
			}
			return nil
		}},
		prog{name: "254_wait_first_completed_caller_cancelled_same_iteration", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			brew := func(name string, d time.Duration) *sim.TaskOf[string] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (string, error) {
					if err := t.Sleep(d); err != nil {
						return "", err
					}
					return name, nil
				})
			}
			for _, k := range []struct {
				label       string
				cancelFirst bool
			}{{"completion-first", false}, {"cancel-first", true}} {
				label := k.label
				var c *sim.Task
				var h *sim.Handle
				stop := func() { c.CancelMsg(label + " stop") }
				if k.cancelFirst {
					h = e.CallLater(time.Second, "", stop)
				}
				a := brew(label+"-a", time.Second)
				b := brew(label+"-b", 2*time.Second)
				fs := []sim.Awaitable{a.Task, b.Task}
				c = t.Spawn(label, func(t *sim.Task) error {
					done, _, err := sim.Wait(t, fs, sim.FirstCompleted, sim.NoTimeout)
					if err == nil {
						o.say(label, "done %s", pyNames(done))
						return nil
					}
					if !isCancel(err) {
						return err
					}
					var already []sim.Awaitable
					for _, f := range fs {
						if f.(*sim.Task).Done() {
							already = append(already, f)
						}
					}
					o.say(label, "%s; done already: %s", errName(err), pyNames(already))
					return nil
				})
				if err := t.Sleep(0); err != nil {
					return err
				}
				if !k.cancelFirst {
					h = e.CallLater(time.Second, "", stop)
				}
				if err := c.Wait(t); err != nil {
					return err
				}
				r, _, _ := a.Result()
				o.say("main", "%s: a -> %s, handle cancelled=%s", label, r, pyBool(h.Cancelled()))
				b.Cancel()
			}
			return nil
		}},
	)
}
