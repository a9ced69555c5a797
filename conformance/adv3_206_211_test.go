package conformance_test

import (
	"errors"
	"strings"

	"github.com/brewloop/brewloop/sim"
)

// Learner-style programs 206-211: a TaskGroup whose cleanups await, gather over
// mixed outcomes, an as_completed consumer, shield around a commit, asyncio.run
// ending with handlers that await, failures nobody awaits.

func init() {
	register(
		prog{name: "206_taskgroup_failing_child_awaiting_finally", main: func(o *out, t *sim.Task) error {
			fetch := func(name string, secs, cleanup float64, failInCleanup bool) sim.Func {
				return func(t *sim.Task) error {
					err := t.SleepSeconds(secs)
					if err == nil {
						o.say(name, "fetched")
					}
					if err := t.SleepSeconds(cleanup); err != nil {
						return err
					}
					o.say(name, "cleaned up after %s", pyNum(cleanup))
					if failInCleanup {
						return raise("KeyError", "'"+name+"'")
					}
					return err
				}
			}
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("a", fetch("a", 0.3, 0.1, false))
				g.Spawn("b", fetch("b", 1, 0.2, true))
				g.Spawn("c", fetch("c", 1, 0.3, false))
				g.Spawn("broken", func(t *sim.Task) error {
					if err := t.SleepSeconds(0.3); err != nil {
						return err
					}
					o.say("broken", "raises")
					return raise("ValueError", "bad payload")
				})
				err := t.SleepSeconds(1)
				o.say("body", "finally, cancelling=%d", t.Cancelling())
				if err := t.SleepSeconds(0.05); err != nil {
					return err
				}
				o.say("body", "finally done")
				return err
			})
			var ge *sim.GroupError
			if !errors.As(err, &ge) {
				return err
			}
			for _, typ := range []string{"ValueError", "KeyError"} {
				var got []string
				for _, e := range ge.Errs {
					var pe *pyErr
					if errors.As(e, &pe) && pe.typ == typ {
						s := errName(e)
						if strings.Contains(s, "'") {
							got = append(got, `"`+s+`"`)
						} else {
							got = append(got, "'"+s+"'")
						}
					}
				}
				if len(got) > 0 {
					o.say("main", "%s group: [%s]", typ, strings.Join(got, ", "))
				}
			}
			o.say("main", "cancelling=%d", t.Cancelling())
			return nil
		}},
		prog{name: "207_gather_return_exceptions_mixed_outcomes", main: func(o *out, t *sim.Task) error {
			str := func(s string) *string { return &s }
			ok := func(name string, secs float64) *sim.TaskOf[*string] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (*string, error) {
					if err := t.SleepSeconds(secs); err != nil {
						return nil, err
					}
					return str("ok@" + pyNum(secs)), nil
				})
			}
			slow := ok("slow", 1)
			stub := sim.SpawnValue(t, "stub", func(t *sim.Task) (*string, error) {
				if err := t.SleepSeconds(5); errors.Is(err, sim.ErrCancelled) {
					return str("stubborn kept going"), nil
				}
				return nil, nil
			})
			c := sim.SpawnValue(t, "canceller", func(t *sim.Task) (*string, error) {
				if err := t.SleepSeconds(0.2); err != nil {
					return nil, err
				}
				slow.CancelMsg("too slow")
				stub.Cancel()
				o.say("canceller", "cancelled two")
				return nil, nil
			})
			okT := ok("ok", 0.2)
			failT := sim.SpawnValue(t, "fail", func(t *sim.Task) (*string, error) {
				if err := t.SleepSeconds(0.2); err != nil {
					return nil, err
				}
				return nil, raise("ValueError", "fail@0.2")
			})
			instant := sim.SpawnValue(t, "instant_fail", func(t *sim.Task) (*string, error) {
				return nil, raise("LookupError", "no await")
			})
			all := []*sim.TaskOf[*string]{okT, failT, slow, stub, instant, c}
			var ts []*sim.Task
			for _, x := range all {
				ts = append(ts, x.Task)
			}
			errs, err := sim.GatherErrors(t, ts...)
			if err != nil {
				return err
			}
			for i, x := range all {
				if errs[i] != nil {
					o.say("main", "%s", errName(errs[i]))
					continue
				}
				v, _, _ := x.Result()
				if v == nil {
					o.say("main", "None")
				} else {
					o.say("main", "'%s'", *v)
				}
			}
			return nil
		}},
		prog{name: "208_as_completed_consumer_cancel_rest", main: func(o *out, t *sim.Task) error {
			specs := []struct {
				name  string
				parts []float64
			}{{"x", []float64{0.1, 0.2}}, {"y", []float64{0.3}}, {"z", []float64{0.2, 0.1}}, {"w", []float64{0.5}}, {"v", []float64{0.4, 0.1}}}
			var tasks []*sim.Task
			var fs []sim.Awaitable
			for _, s := range specs {
				tk := t.Spawn(s.name, func(t *sim.Task) error {
					var err error
					for _, p := range s.parts {
						if err = t.SleepSeconds(p); err != nil {
							break
						}
					}
					if t.Cancelling() > 0 {
						o.say(s.name, "cancelled in finally")
					}
					return err
				})
				tasks = append(tasks, tk)
				fs = append(fs, tk)
			}
			ac := sim.NewAsCompleted(t, fs, sim.NoTimeout)
			got := 0
			for {
				a, more, err := ac.Next(t)
				if err != nil {
					return err
				}
				if !more {
					break
				}
				tk := a.(*sim.Task)
				if err := tk.Wait(t); err != nil {
					return err
				}
				got++
				o.say("main", "got %s t=%s", tk.Name(), o.now())
				if got == 3 {
					break
				}
			}
			for _, tk := range tasks {
				if !tk.Done() {
					tk.Cancel()
				}
			}
			if err := t.Yield(); err != nil {
				return err
			}
			var names []string
			for _, tk := range tasks {
				if tk.Cancelled() {
					names = append(names, tk.Name())
				}
			}
			o.say("main", "%s cancelled", reprStrList(names))
			return nil
		}},
		prog{name: "209_shield_commit_caller_cancelled", main: func(o *out, t *sim.Task) error {
			lock := sim.NewLock(t.Engine(), "lock")
			var db []string
			var commits []*sim.Task
			for _, r := range []struct {
				name  string
				limit float64
			}{{"r1", 0.2}, {"r2", 0.5}} {
				err := sim.WaitFor(t, sec(r.limit), func(t *sim.Task) error {
					if err := t.SleepSeconds(0.1); err != nil {
						return err
					}
					c := t.Spawn("commit", func(t *sim.Task) error {
						if err := lock.Acquire(t); err != nil {
							return err
						}
						defer lock.Release(t)
						if err := t.SleepSeconds(0.3); err != nil {
							return err
						}
						db = append(db, r.name)
						o.say("commit", "%s written", r.name)
						return nil
					})
					commits = append(commits, c)
					if err := sim.Shield(t, c); err != nil {
						if errors.Is(err, sim.ErrCancelled) {
							o.say(r.name, "cancelled, commit done=%s", pyBool(c.Done()))
						}
						return err
					}
					o.say(r.name, "committed")
					return nil
				})
				if errors.Is(err, sim.ErrTimeout) {
					o.say("main", "%s timed out", r.name)
				} else if err != nil {
					return err
				}
			}
			o.say("main", "db=%s t=%s", reprStrList(db), o.now())
			if err := sim.Gather(t, commits...); err != nil {
				return err
			}
			o.say("main", "db=%s t=%s", reprStrList(db), o.now())
			return nil
		}},
		prog{name: "210_run_ending_background_handlers_await", main: func(o *out, t *sim.Task) error {
			f := t.Spawn("flusher", func(t *sim.Task) error {
				err := t.SleepSeconds(60)
				if err := t.SleepSeconds(0.3); err != nil {
					return err
				}
				o.say("flusher", "flushed")
				return err
			})
			t.Spawn("logger", func(t *sim.Task) error {
				err := t.SleepSeconds(60)
				if err := t.SleepSeconds(0.1); err != nil {
					return err
				}
				o.say("logger", "waiting for flusher, done=%s", pyBool(f.Done()))
				if ferr := f.Wait(t); errors.Is(ferr, sim.ErrCancelled) {
					o.say("logger", "flusher ended cancelled")
				} else if ferr != nil {
					return ferr
				}
				return err
			})
			t.Spawn("stubborn", func(t *sim.Task) error {
				if err := t.SleepSeconds(60); err != nil {
					if err := t.SleepSeconds(0.2); err != nil {
						return err
					}
					o.say("stubborn", "ignores the cancel")
				}
				for range 2 {
					if err := t.SleepSeconds(0.2); err != nil {
						return err
					}
					o.say("stubborn", "still working")
				}
				return nil
			})
			tenth, fifth := 0.1, 0.2 // Python adds floats at run time: 0.30000000000000004
			if err := t.SleepSeconds(tenth + fifth); err != nil {
				return err
			}
			o.say("main", "returns")
			return nil
		}, after: func(o *out, err error) {
			if err != nil {
				o.lines = append(o.lines, "!! "+errName(err))
				return
			}
			o.say("after-run", "done")
		}},
		prog{name: "211_task_fails_unobserved", main: func(o *out, t *sim.Task) error {
			boom := func(name string, secs float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.SleepSeconds(secs); err != nil {
						return err
					}
					o.say(name, "raising")
					return raise("RuntimeError", name+" exploded")
				})
			}
			t.Spawn("grumpy", func(t *sim.Task) error {
				if err := t.SleepSeconds(10); errors.Is(err, sim.ErrCancelled) {
					if err := t.SleepSeconds(0.1); err != nil {
						return err
					}
					o.say("grumpy", "cleanup raises")
					return raise("RuntimeError", "grumpy cleanup failed")
				} else if err != nil {
					return err
				}
				return nil
			})
			a := boom("a", 0.1)
			boom("b", 0.1)
			c := boom("c", 0.2)
			w := t.Spawn("watcher", func(t *sim.Task) error {
				err := c.Wait(t)
				var pe *pyErr
				if errors.As(err, &pe) && pe.typ == "RuntimeError" {
					o.say("watcher", "saw %s", errName(err))
					return nil
				}
				return err
			})
			if err := t.SleepSeconds(0.3); err != nil {
				return err
			}
			o.say("main", "a done=%s exc=%s", pyBool(a.Done()), errName(a.Err()))
			if err := w.Wait(t); err != nil {
				return err
			}
			o.say("main", "returns normally")
			return nil
		}, after: func(o *out, err error) {
			// asyncio.run returns main's result; it logs "Task exception was never
			// retrieved" for b and "unhandled exception during asyncio.run()
			// shutdown" for grumpy on stderr. sim.Run returns those two failures,
			// and only those (a's was read with exception(), c's was awaited).
			got := taskFailures(err, true)
			if want := "b RuntimeError: b exploded|grumpy RuntimeError: grumpy cleanup failed"; got != want {
				o.lines = append(o.lines, "!! "+got)
				return
			}
			o.say("after-run", "asyncio.run returned")
		}},
	)
}

// joinedErrs lists the errors joined in err (errors.Join), depth first.
func joinedErrs(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var all []error
		for _, e := range j.Unwrap() {
			all = append(all, joinedErrs(e)...)
		}
		return all
	}
	return []error{err}
}

// taskFailures lists the failures joined in err, as RunMain returns them: "task
// error" for a task's failure (with the error only when withErr), "?error" for any
// other.
func taskFailures(err error, withErr bool) string {
	var got []string
	for _, e := range joinedErrs(err) {
		var te *sim.TaskError
		switch {
		case !errors.As(e, &te):
			got = append(got, "?"+e.Error())
		case withErr:
			got = append(got, te.Task+" "+errName(te.Err))
		default:
			got = append(got, te.Task)
		}
	}
	return strings.Join(got, "|")
}
