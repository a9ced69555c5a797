package conformance_test

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 230-237 (cancellation through layers, nested timeouts, deadlines at
// the instant work ends, wait and as_completed at their timeouts, the timer heap).

// showGroup is 233's show(): an exception, and the sub-exceptions of a group in brackets.
func showGroup(err error) string {
	var ge *sim.GroupError
	if !errors.As(err, &ge) {
		return errName(err)
	}
	var subs []string
	for _, x := range ge.Errs {
		subs = append(subs, showGroup(x))
	}
	return errName(err) + " [" + strings.Join(subs, ", ") + "]"
}

func init() {
	register(
		prog{name: "230_cancel_msg_task_task_gather_shield", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			fut := sim.NewFuture[string](e, "fut")
			// layer is 230's layer(): await, and say how a cancellation arrived.
			task := func(name string, make sim.Func) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					err := make(t)
					if isCancel(err) {
						o.say(name, "%s cancelling=%d", errName(err), t.Cancelling())
					}
					return err
				})
			}
			outer := task("outer", func(t *sim.Task) error {
				return task("middle", func(t *sim.Task) error {
					return sim.Gather(t,
						task("guard", func(t *sim.Task) error { return sim.Shield(t, fut) }),
						task("sleeper", func(t *sim.Task) error { return t.Sleep(10 * time.Second) }))
				}).Wait(t)
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "cancel -> %s", pyBool(outer.CancelMsg("closing")))
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "fut done=%s, outer done=%s", pyBool(fut.Done()), pyBool(outer.Done()))
			e.CallLater(time.Second, "", func() { fut.SetResult("late cup") })
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "outer cancelled=%s", pyBool(outer.Cancelled()))
			v, err := fut.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "fut -> %s", v)
			return nil
		}},
		prog{name: "231_timeout_nested_same_deadline_reschedule", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			outer := t.Timeout(5 * time.Second)
			err := func() error {
				inner := t.Timeout(time.Second)
				if err := inner.Exit(t.Sleep(3 * time.Second)); errors.Is(err, sim.ErrTimeout) {
					o.say("main", "inner TimeoutError, cancelling=%d", t.Cancelling())
				} else if err != nil {
					return err
				}
				outer.RescheduleTime(e.Time() + 1)
				w, _ := outer.WhenTime()
				o.say("main", "outer when=%s", pyFloat(w))
				return nil
			}()
			if err := outer.Exit(err); err != nil {
				return err
			}
			o.say("main", "outer left early, expired=%s", pyBool(outer.Expired()))
			outer = t.Timeout(2 * time.Second)
			inner := t.TimeoutNever()
			w, _ := outer.WhenTime()
			inner.RescheduleTime(w)
			err = inner.Exit(t.Sleep(5 * time.Second))
			if isCancel(err) {
				o.say("main", "inner passed CancelledError on, cancelling=%d, expired=%s", t.Cancelling(), pyBool(inner.Expired()))
			}
			if err := outer.Exit(err); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "outer TimeoutError, cancelling=%d, expired=%s", t.Cancelling(), pyBool(outer.Expired()))
			} else if err != nil {
				return err
			}
			outer = t.Timeout(time.Second)
			inner = t.Timeout(time.Second)
			if err := outer.Exit(inner.Exit(t.Sleep(5 * time.Second))); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "same delay: outer=%s, inner=%s, cancelling=%d", pyBool(outer.Expired()), pyBool(inner.Expired()), t.Cancelling())
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "232_timeout_deadline_with_task_completion", main: func(o *out, t *sim.Task) error {
			brew := func(name string) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(time.Second); err != nil {
						o.say(name, "cancelled")
						return "", err
					}
					o.say(name, "done")
					return name, nil
				}
			}
			attempt := func(label string, before, shield bool) error {
				var task *sim.TaskOf[string]
				if before {
					task = sim.SpawnValue(t, label, brew(label))
				}
				if err := t.Sleep(0); err != nil {
					return err
				}
				cm := t.Timeout(time.Second)
				err := func() error {
					if task == nil {
						task = sim.SpawnValue(t, label, brew(label))
					}
					var r string
					var err error
					if shield {
						if err = sim.Shield(t, task.Task); err == nil {
							r, _, _ = task.Result()
						}
					} else {
						r, err = task.Wait(t)
					}
					if err != nil {
						return err
					}
					o.say(label, "got %s", r)
					return nil
				}()
				if err := cm.Exit(err); errors.Is(err, sim.ErrTimeout) {
					o.say(label, "TimeoutError, task done=%s", pyBool(task.Done()))
				} else if err != nil {
					return err
				}
				if err := t.Sleep(0); err != nil {
					return err
				}
				o.say(label, "after: cancelled=%s", pyBool(task.Cancelled()))
				return nil
			}
			for _, a := range []struct {
				label          string
				before, shield bool
			}{{"before", true, false}, {"inside", false, false}, {"shielded", true, true}, {"shielded-in", false, true}} {
				if err := attempt(a.label, a.before, a.shield); err != nil {
					return err
				}
			}
			return nil
		}},
		prog{name: "233_taskgroup_timeout_taskgroup_two_failures", main: func(o *out, t *sim.Task) error {
			child := func(name string, d time.Duration) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						o.say(name, "cancelled")
						return err
					}
					o.say(name, "fails")
					return raise("ValueError", name)
				}
			}
			runner := func(label string, deadline float64) sim.Func {
				return func(t *sim.Task) error {
					cm := t.TimeoutAtTime(t.Engine().Time() + deadline)
					return cm.Exit(sim.TaskGroup(t, func(g *sim.Group) error {
						g.Spawn(label+"-a", child(label+"-a", time.Second))
						g.Spawn(label+"-b", child(label+"-b", time.Second))
						return nil
					}))
				}
			}
			for _, c := range []struct {
				label    string
				deadline float64
			}{{"later", 2}, {"same", 1}, {"hair", 1 + 1e-10}} {
				err := sim.TaskGroup(t, func(g *sim.Group) error {
					g.Spawn(c.label, runner(c.label, c.deadline))
					g.Spawn(c.label+"-other", child(c.label+"-other", 5*time.Second))
					return nil
				})
				var ge *sim.GroupError
				if errors.As(err, &ge) {
					o.say("main", "%s: %s", c.label, showGroup(err))
				} else if err != nil {
					return err
				}
				o.say("main", "%s: cancelling=%d", c.label, t.Cancelling())
			}
			return nil
		}},
		prog{name: "234_wait_first_exception_timeout_same_instant", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			for _, c := range []struct {
				label   string
				started bool
			}{{"started", true}, {"fresh", false}} {
				label := c.label
				a := t.Spawn(label+"-a", func(t *sim.Task) error {
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					return raise("OSError", label+"-a boiler")
				})
				b := t.Spawn(label+"-b", func(t *sim.Task) error { return t.Sleep(5 * time.Second) })
				e.CallLater(time.Second, "", func() { b.Cancel() })
				if c.started {
					if err := t.Sleep(0); err != nil {
						return err
					}
				}
				done, pending, err := sim.Wait(t, []sim.Awaitable{a, b}, sim.FirstException, time.Second)
				if err != nil {
					return err
				}
				o.say("main", "%s: done=%s pending=%s", label, names(done), names(pending))
				for _, x := range []*sim.Task{a, b} {
					if err := x.Wait(t); err != nil {
						o.say("main", "%s: %s %s", label, x.Name(), errName(err))
					}
				}
			}
			return nil
		}},
		prog{name: "235_as_completed_timeout_exact_instant", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration) *sim.TaskOf[string] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (string, error) {
					if err := t.Sleep(d); err != nil {
						return "", err
					}
					return name, nil
				})
			}
			for _, c := range []struct {
				label   string
				started bool
			}{{"started", true}, {"fresh", false}} {
				label := c.label
				quick := brew(label+"-quick", 500*time.Millisecond)
				edge := brew(label+"-edge", time.Second)
				byTask := map[*sim.Task]*sim.TaskOf[string]{quick.Task: quick, edge.Task: edge}
				if c.started {
					if err := t.Sleep(0); err != nil {
						return err
					}
				}
				it := sim.NewAsCompleted(t, []sim.Awaitable{edge.Task, quick.Task}, time.Second)
				for {
					a, ok, err := it.Next(t)
					if errors.Is(err, sim.ErrTimeout) {
						o.say("main", "%s: TimeoutError, edge done=%s", label, pyBool(edge.Done()))
						break
					} else if err != nil {
						return err
					}
					if !ok {
						break
					}
					r, err := byTask[a.(*sim.Task)].Wait(t)
					if err != nil {
						return err
					}
					o.say("main", "%s: %s -> %s", label, a.(*sim.Task).Name(), r)
				}
				if err := t.Sleep(0); err != nil {
					return err
				}
				r, _, _ := edge.Result()
				o.say("main", "%s: edge -> %s", label, r)
			}
			zero := t.Spawn("", func(t *sim.Task) error { return t.Sleep(0) })
			if _, _, err := sim.NewAsCompleted(t, []sim.Awaitable{zero}, 0).Next(t); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "timeout=0: TimeoutError")
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "236_call_at_past_and_equal_deadlines_heap", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			sleeper := func(name string) sim.Func {
				return func(t *sim.Task) error {
					if err := t.SleepSeconds(0.5); err != nil {
						return err
					}
					o.say(name, "woke at %s", o.now())
					return nil
				}
			}
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			cb := func(name string) func() { return func() { o.say(name, "ran at %s", o.now()) } }
			e.CallAtTime(2.5, "", cb("at-2.5-a"))
			s1 := t.Spawn("sleep-a", sleeper("sleep-a"))
			e.CallAtTime(1.0, "", cb("past-1.0"))
			e.CallLaterSeconds(0.5, "", cb("later-0.5-a"))
			e.CallAtTime(0.0, "", cb("past-0.0"))
			e.CallLaterSeconds(-1, "", cb("later-minus-1"))
			e.CallAtTime(e.Time(), "", cb("at-now"))
			e.CallAtTime(1.5, "", cb("past-1.5"))
			e.CallSoon("", cb("soon"))
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "one hop later")
			e.CallAtTime(2.5, "", cb("at-2.5-b"))
			s2 := t.Spawn("sleep-b", sleeper("sleep-b"))
			e.CallLaterSeconds(0.5, "", cb("later-0.5-b"))
			e.CallAtTime(1.0, "", cb("past-1.0-b"))
			if err := t.SleepSeconds(0.5); err != nil {
				return err
			}
			o.say("main", "woke at 2.5")
			return sim.Gather(t, s1, s2)
		}},
		prog{name: "237_timers_rebuild_threshold_equal_due", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			var fired []string
			add := func(name string) func() { return func() { fired = append(fired, name) } }
			var ties, early []*sim.Handle
			for i := range 60 {
				ties = append(ties, e.CallAtTime(2.0, "", add("t"+strconv.Itoa(i))))
			}
			for i := range 40 {
				early = append(early, e.CallAtTime(1.0+float64(i)/100, "", add("e"+strconv.Itoa(i))))
			}
			for i := 0; i < len(ties); i += 2 {
				ties[i].Cancel()
			}
			for _, h := range early[:20] {
				h.Cancel()
			}
			n := 0
			for _, h := range append(append([]*sim.Handle(nil), ties...), early...) {
				if h.Cancelled() {
					n++
				}
			}
			o.say("main", "cancelled %d of %d", n, len(ties)+len(early))
			e.CallAtTime(1.0, "", func() { ties[1].Cancel() })
			if err := t.Sleep(3 * time.Second); err != nil {
				return err
			}
			o.say("main", "%d fired", len(fired))
			for i := 0; i < len(fired); i += 15 {
				o.say("main", "%s", strings.Join(fired[i:min(i+15, len(fired))], " "))
			}
			fired = nil
			var hs []*sim.Handle
			for i := range 102 {
				hs = append(hs, e.CallAtTime(4.0, "", add("u"+strconv.Itoa(i))))
			}
			for _, h := range hs[:51] {
				h.Cancel()
			}
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			o.say("main", "after 51 of 103: %s", strings.Join(fired[:12], " "))
			return nil
		}},
	)
}
