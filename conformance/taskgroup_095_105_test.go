package conformance_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	cp2Register(
		prog{name: "095_taskgroup_body_raises", main: func(o *out, t *sim.Task) error {
			child := func(name string, seconds float64) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(seconds)); cp2Cancelled(err) {
						o.say(name, "cancelled")
						return err
					} else if err != nil {
						return err
					}
					o.say(name, "finished")
					return nil
				}
			}
			tg := sim.NewGroup(t)
			err := tg.Exit(func() error {
				tg.Spawn("quick", child("quick", 0.5))
				tg.Spawn("long", child("long", 3))
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				return raise("ZeroDivisionError", "bad recipe")
			}())
			// except* ZeroDivisionError as eg: the group's ZeroDivisionErrors.
			if errs, ok := cp2Group(err); ok {
				var eg, rest []error
				for _, e := range errs {
					if cp2Is(e, "ZeroDivisionError") {
						eg = append(eg, e)
					} else {
						rest = append(rest, e)
					}
				}
				if len(rest) > 0 {
					return &sim.GroupError{Errs: rest}
				}
				o.say("main", "%d error: %s", len(eg), errName(eg[0]))
			} else if err != nil {
				return err
			}
			if name, ok := cp2Raises(func() { tg.Spawn("late", child("late", 1)) }, "is finished", "RuntimeError"); ok {
				o.say("main", "create_task on a finished group: %s", name)
			}
			return nil
		}},
		prog{name: "100_condition_cancelled_waiter_reacquires", main: func(o *out, t *sim.Task) error {
			waiter := func(cond *sim.Condition) sim.Func {
				return func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					err := cond.Wait(t)
					if cp2Cancelled(err) {
						o.say("waiter", "cancelled, holds the lock again: %s", pyBool(cond.Lock().Locked()))
					}
					cond.Release(t)
					return err
				}
			}
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			w := t.Spawn("waiter", waiter(cond))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			w.Cancel()
			o.say("main", "cancelled the waiter while holding the lock")
			if err := t.Sleep(2 * time.Second); err != nil {
				cond.Release(t)
				return err
			}
			o.say("main", "releasing")
			cond.Release(t)
			if _, err := sim.GatherErrors(t, w); err != nil {
				return err
			}
			o.say("main", "waiter cancelled=%s locked=%s", pyBool(w.Cancelled()), pyBool(cond.Lock().Locked()))
			return nil
		}},
		prog{name: "101_taskgroup_nested_failure", main: func(o *out, t *sim.Task) error {
			step := func(name string, seconds float64, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(seconds)); cp2Cancelled(err) {
						o.say(name, "cancelled")
						return err
					} else if err != nil {
						return err
					}
					if fail {
						return raise("ValueError", name+" failed")
					}
					o.say(name, "finished")
					return nil
				}
			}
			inner := func(t *sim.Task) error {
				return sim.TaskGroup(t, func(tg *sim.Group) error {
					tg.Spawn("inner-ok", step("inner-ok", 0.5, false))
					tg.Spawn("inner-bad", step("inner-bad", 1, true))
					tg.Spawn("inner-slow", step("inner-slow", 4, false))
					return nil
				})
			}
			err := sim.TaskGroup(t, func(tg *sim.Group) error {
				tg.Spawn("inner", inner)
				tg.Spawn("outer-slow", step("outer-slow", 5, false))
				return nil
			})
			if errs, ok := cp2Group(err); ok {
				nested, _ := cp2Group(errs[0])
				o.say("main", "%s -> %s -> %s", cp2Err(err), cp2Err(errs[0]), cp2Err(nested[0]))
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "102_taskgroup_child_cancelled_alone", main: func(o *out, t *sim.Task) error {
			brew := func(name string, seconds float64, result *string) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(seconds)); cp2Cancelled(err) {
						o.say(name, "order withdrawn")
						return err
					} else if err != nil {
						return err
					}
					o.say(name, "ready")
					*result = name
					return nil
				}
			}
			var a, b *sim.Task
			var bResult string
			if err := sim.TaskGroup(t, func(tg *sim.Group) error {
				a = tg.Spawn("latte", brew("latte", 2, new(string)))
				b = tg.Spawn("tea", brew("tea", 1, &bResult))
				if err := t.Sleep(sec(0.5)); err != nil {
					return err
				}
				a.Cancel()
				return nil
			}); err != nil {
				return err
			}
			if err := b.Err(); err != nil {
				return err
			}
			o.say("main", "group ended: latte cancelled=%s, tea=%s", pyBool(a.Cancelled()), bResult)
			return nil
		}},
		prog{name: "103_wait_for_shield_timeout", main: func(o *out, t *sim.Task) error {
			roast := func(t *sim.Task) (string, error) {
				if err := t.Sleep(3 * time.Second); err != nil {
					return "", err
				}
				o.say("roast", "beans roasted")
				return "dark roast", nil
			}
			task := sim.SpawnValue(t, "roast", roast)
			if err := sim.WaitFor(t, time.Second, func(t *sim.Task) error { return sim.Shield(t, task.Task) }); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "gave up waiting, roast cancelled=%s", pyBool(task.Cancelled()))
			} else if err != nil {
				return err
			}
			v, err := task.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "later: %s", v)
			return nil
		}},
		prog{name: "104_event_set_and_cancel_same_step", main: func(o *out, t *sim.Task) error {
			guest := func(name string, ev *sim.Event) sim.Func {
				return func(t *sim.Task) error {
					if err := ev.Wait(t); cp2Cancelled(err) {
						o.say(name, "CancelledError, is_set=%s", pyBool(ev.IsSet()))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "wait() -> True")
					return nil
				}
			}
			ev := sim.NewEvent(t.Engine(), "ev")
			a := t.Spawn("ann", guest("ann", ev))
			b := t.Spawn("bob", guest("bob", ev))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			ev.Set()
			o.say("main", "set, then cancel ann -> %s", pyBool(a.Cancel()))
			return sim.Gather(t, a, b)
		}},
		prog{name: "105_gather_same_task_twice_and_empty", main: func(o *out, t *sim.Task) error {
			brew := func(seconds int) func(t *sim.Task) (int, error) {
				return func(t *sim.Task) (int, error) {
					if err := t.Sleep(time.Duration(seconds) * time.Second); err != nil {
						return 0, err
					}
					return seconds, nil
				}
			}
			tb := sim.SpawnValue(t, "brew", brew(1))
			args := []*sim.TaskOf[int]{tb, tb}
			if err := sim.Gather(t, args[0].Task, args[1].Task); err != nil {
				return err
			}
			var twice []string
			for _, a := range args {
				v, _, _ := a.Result()
				twice = append(twice, fmt.Sprint(v))
			}
			o.say("main", "gather(t, t) -> %d results: %s", len(twice), strings.Join(twice, " "))
			if err := sim.Gather(t); err != nil {
				return err
			}
			o.say("main", "gather() -> %d results", 0)
			u := sim.SpawnValue(t, "brew2", brew(2))
			done, pending, err := sim.Wait(t, []sim.Awaitable{u.Task, tb.Task}, sim.AllCompleted, 0)
			if err != nil {
				return err
			}
			o.say("main", "wait(timeout=0): done=%d pending=%d", len(done), len(pending))
			v, err := u.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "u -> %d", v)
			return nil
		}},
	)
}

// cp2Raises runs fn, which must panic with a message containing what (sim's
// misuse panics stand for the exceptions asyncio raises), and returns the
// Python exception name typ for it; any other panic goes on.
func cp2Raises(fn func(), what, typ string) (name string, raised bool) {
	defer func() {
		if r := recover(); r != nil {
			if !strings.Contains(fmt.Sprint(r), what) {
				panic(r)
			}
			name, raised = typ, true
		}
	}()
	fn()
	return "", false
}
