package conformance_test

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// names is the programs' names(tasks): sorted task names joined by commas, or "-".
func names(fs []sim.Awaitable) string {
	var ns []string
	for _, f := range fs {
		ns = append(ns, f.(*sim.Task).Name())
	}
	sort.Strings(ns)
	if len(ns) == 0 {
		return "-"
	}
	return strings.Join(ns, ",")
}

func init() {
	register(
		prog{name: "064_gather_return_exceptions", main: func(o *out, t *sim.Task) error {
			job := func(name string, d time.Duration, err error) *sim.TaskOf[string] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (string, error) {
					if err := t.Sleep(d); err != nil {
						return "", err
					}
					o.say(name, "ends")
					return name, err
				})
			}
			victim := job("victim", 5*time.Second, nil)
			t.Engine().CallLater(sec(1.5), "", func() { victim.Cancel() })
			js := []*sim.TaskOf[string]{job("slow", 3*time.Second, nil), job("boom", time.Second, raise("LookupError", "no sugar")), victim, job("fast", 2*time.Second, nil)}
			var ts []*sim.Task
			for _, j := range js {
				ts = append(ts, j.Task)
			}
			errs, err := sim.GatherErrors(t, ts...)
			if err != nil {
				return err
			}
			for i, e := range errs {
				if e != nil {
					o.say("main", "%s", errName(e))
					continue
				}
				v, _, _ := js[i].Result()
				o.say("main", "value %s", v)
			}
			return nil
		}},
		prog{name: "065_gather_first_failure", main: func(o *out, t *sim.Task) error {
			job := func(name string, d time.Duration, fail bool) *sim.TaskOf[string] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (string, error) {
					if err := t.Sleep(d); err != nil {
						return "", err
					}
					if fail {
						o.say(name, "raises")
						return "", raise("ValueError", name+" spilled")
					}
					o.say(name, "finished")
					return name, nil
				})
			}
			a, b := job("a", 3*time.Second, false), job("b", 4*time.Second, false)
			bad := job("bad", time.Second, true)
			if err := sim.Gather(t, a.Task, bad.Task, b.Task); err != nil {
				var pe *pyErr
				if !errors.As(err, &pe) {
					return err
				}
				o.say("main", "gather raised %s", errName(err))
			}
			o.say("main", "a done=%s b done=%s", pyBool(a.Done()), pyBool(b.Done()))
			if err := t.Sleep(5 * time.Second); err != nil {
				return err
			}
			av, _, _ := a.Result()
			bv, _, _ := b.Result()
			o.say("main", "a=%s b=%s", av, bv)
			return nil
		}},
		prog{name: "066_wait_first_completed", main: func(o *out, t *sim.Task) error {
			var pending []sim.Awaitable
			for _, s := range []int{3, 1, 2, 1} {
				name := fmt.Sprint("j", s)
				if len(pending) == 3 {
					name = "j1b"
				}
				pending = append(pending, t.Spawn(name, func(t *sim.Task) error { return t.Sleep(time.Duration(s) * time.Second) }))
			}
			for len(pending) > 0 {
				var done []sim.Awaitable
				var err error
				done, pending, err = sim.Wait(t, pending, sim.FirstCompleted, sim.NoTimeout)
				if err != nil {
					return err
				}
				o.say("main", "done=%s pending=%s", names(done), names(pending))
			}
			return nil
		}},
		prog{name: "067_wait_first_exception_and_timeout", main: func(o *out, t *sim.Task) error {
			job := func(name string, s int, fail bool) sim.Awaitable {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(time.Duration(s) * time.Second); err != nil {
						return err
					}
					if fail {
						return raise("OSError", "boiler tripped")
					}
					return nil
				})
			}
			tasks := []sim.Awaitable{job("a", 1, false), job("b", 2, true), job("c", 4, false)}
			done, pending, err := sim.Wait(t, tasks, sim.FirstException, sim.NoTimeout)
			if err != nil {
				return err
			}
			o.say("main", "FIRST_EXCEPTION done=%s pending=%s", names(done), names(pending))
			o.say("main", "b: %s", errName(tasks[1].(*sim.Task).Err()))
			if done, pending, err = sim.Wait(t, pending, sim.AllCompleted, time.Second); err != nil {
				return err
			}
			o.say("main", "timeout=1 done=%s pending=%s", names(done), names(pending))
			if done, pending, err = sim.Wait(t, tasks, sim.AllCompleted, 5*time.Second); err != nil {
				return err
			}
			o.say("main", "ALL_COMPLETED done=%s pending=%s", names(done), names(pending))
			ok := []sim.Awaitable{job("d", 1, false), job("e", 2, false)}
			if done, pending, err = sim.Wait(t, ok, sim.FirstException, sim.NoTimeout); err != nil {
				return err
			}
			o.say("main", "no failure: done=%s pending=%s", names(done), names(pending))
			return nil
		}},
		prog{name: "068_as_completed_order", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration) sim.Awaitable {
				return t.Spawn(name, func(t *sim.Task) error { return t.Sleep(d) })
			}
			serve := func(fs []sim.Awaitable, timeout time.Duration) error {
				ac := sim.NewAsCompleted(t, fs, timeout)
				for {
					a, ok, err := ac.Next(t)
					if !ok {
						return nil
					}
					if errors.Is(err, sim.ErrTimeout) {
						o.say("main", "as_completed: %s", errName(err))
						return nil
					} else if err != nil {
						return err
					}
					o.say("main", "served %s", a.(*sim.Task).Name())
				}
			}
			if err := serve([]sim.Awaitable{brew("latte", 3*time.Second), brew("tea", time.Second), brew("mocha", 2*time.Second), brew("water", sec(0.5))}, sim.NoTimeout); err != nil {
				return err
			}
			return serve([]sim.Awaitable{brew("cold brew", 10*time.Second), brew("flat white", sec(0.5))}, 2*time.Second)
		}},
		prog{name: "069_shield", main: func(o *out, t *sim.Task) error {
			inner := sim.SpawnValue(t, "pour", func(t *sim.Task) (string, error) {
				if err := t.Sleep(3 * time.Second); err != nil {
					return "", err
				}
				o.say("pour", "done pouring")
				return "cup", nil
			})
			c := t.Spawn("customer", func(t *sim.Task) error {
				if err := sim.Shield(t, inner); err != nil {
					o.say("customer", "cancelled, inner done=%s", pyBool(inner.Done()))
					return err
				}
				v, _, _ := inner.Result()
				o.say("customer", "got %s", v)
				return nil
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			c.Cancel()
			for range 2 {
				if err := t.Sleep(0); err != nil {
					return err
				}
			}
			o.say("main", "customer cancelled=%s inner cancelled=%s", pyBool(c.Cancelled()), pyBool(inner.Cancelled()))
			v, err := inner.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "inner -> %s", v)
			return nil
		}},
		prog{name: "103_wait_for_shield_timeout", main: func(o *out, t *sim.Task) error {
			task := sim.SpawnValue(t, "roast", func(t *sim.Task) (string, error) {
				if err := t.Sleep(3 * time.Second); err != nil {
					return "", err
				}
				o.say("roast", "beans roasted")
				return "dark roast", nil
			})
			err := sim.WaitFor(t, time.Second, func(t *sim.Task) error { return sim.Shield(t, task) })
			if errors.Is(err, sim.ErrTimeout) {
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
		prog{name: "105_gather_same_task_twice_and_empty", main: func(o *out, t *sim.Task) error {
			brew := func(name string, s int) *sim.TaskOf[int] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (int, error) {
					return s, t.Sleep(time.Duration(s) * time.Second)
				})
			}
			b := brew("brew", 1)
			if err := sim.Gather(t, b.Task, b.Task); err != nil {
				return err
			}
			v, _, _ := b.Result()
			o.say("main", "gather(t, t) -> %d results: %d %d", 2, v, v)
			if err := sim.Gather(t); err != nil {
				return err
			}
			o.say("main", "gather() -> %d results", 0)
			u := brew("brew2", 2)
			done, pending, err := sim.Wait(t, []sim.Awaitable{u, b}, sim.AllCompleted, 0)
			if err != nil {
				return err
			}
			o.say("main", "wait(timeout=0): done=%d pending=%d", len(done), len(pending))
			uv, err := u.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "u -> %d", uv)
			return nil
		}},
	)
}
