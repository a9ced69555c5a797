package conformance_test

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 060-069: TaskGroup, gather, wait, as_completed, shield.

// egCP1 is vtloop.err of an ExceptionGroup a TaskGroup raised: str() of an
// ExceptionGroup adds the number of sub-exceptions to its message.
func egCP1(ge *sim.GroupError) string {
	s := "s"
	if len(ge.Errs) == 1 {
		s = ""
	}
	return fmt.Sprintf("ExceptionGroup: unhandled errors in a TaskGroup (%d sub-exception%s)", len(ge.Errs), s)
}

// namesCP1 is the programs' names(tasks): task names sorted, or "-".
func namesCP1(fs []sim.Awaitable) string {
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
		prog{name: "060_taskgroup_child_failure_cancels_body", main: func(o *out, t *sim.Task) error {
			child := func(name string, delay float64, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(delay)); err != nil {
						if errors.Is(err, sim.ErrCancelled) {
							o.say(name, "cancelled")
						}
						return err
					}
					if fail {
						o.say(name, "fails")
						return raise("ValueError", name+" burnt the milk")
					}
					o.say(name, "finished")
					return nil
				}
			}
			err := func() error {
				tg := sim.NewGroup(t)
				tg.Spawn("ok", child("ok", 1, false))
				tg.Spawn("bad", child("bad", 2, true))
				tg.Spawn("slow", child("slow", 5, false))
				err := t.Sleep(sec(10))
				if errors.Is(err, sim.ErrCancelled) {
					o.say("body", "cancelled, cancelling()=%d", t.Cancelling())
				}
				return tg.Exit(err)
			}()
			var ge *sim.GroupError
			if errors.As(err, &ge) {
				o.say("main", "%s", egCP1(ge))
				for _, e := range ge.Errs {
					o.say("main", "  %s", errName(e))
				}
			} else if err != nil {
				return err
			}
			o.say("main", "cancelling()=%d", t.Cancelling())
			return nil
		}},
		prog{name: "061_taskgroup_two_failures", main: func(o *out, t *sim.Task) error {
			fail := func(name string, delay float64) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(delay)); err != nil {
						return err
					}
					return raise("RuntimeError", name+" failed")
				}
			}
			careful := func(t *sim.Task) error {
				err := t.Sleep(sec(5))
				if errors.Is(err, sim.ErrCancelled) {
					o.say("careful", "cancelled, cleaning up for 1 s")
					if err := t.Sleep(sec(1)); err != nil {
						return err
					}
					o.say("careful", "clean")
				}
				return err
			}
			err := sim.TaskGroup(t, func(tg *sim.Group) error {
				tg.Spawn("a", fail("a", 1))
				tg.Spawn("b", fail("b", 1))
				tg.Spawn("careful", careful)
				o.say("main", "body done, waiting for children")
				return nil
			})
			var ge *sim.GroupError
			if errors.As(err, &ge) {
				// except* RuntimeError: every sub-exception here is one.
				var ss []string
				for _, e := range ge.Errs {
					var pe *pyErr
					if !errors.As(e, &pe) || pe.typ != "RuntimeError" {
						return err
					}
					ss = append(ss, pe.msg)
				}
				o.say("main", "%d errors: %s", len(ss), strings.Join(ss, "; "))
				return nil
			}
			return err
		}},
		prog{name: "062_taskgroup_outer_cancel_counts", main: func(o *out, t *sim.Task) error {
			child := func(name string, delay float64, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(delay)); err != nil {
						return err
					}
					if fail {
						o.say(name, "fails")
						return raise("ValueError", name)
					}
					o.say(name, "finished")
					return nil
				}
			}
			host := func(me *sim.Task) error {
				err := sim.TaskGroup(me, func(tg *sim.Group) error {
					tg.Spawn("c1", child("c1", 1, false))
					tg.Spawn("c2", child("c2", 2, true))
					tg.Spawn("c3", child("c3", 3, false))
					return me.Sleep(sec(10))
				})
				if err != nil {
					var ge *sim.GroupError
					s := errName(err)
					if errors.As(err, &ge) {
						s = egCP1(ge)
					}
					o.say("host", "group raised %s, cancelling()=%d", s, me.Cancelling())
				}
				return err
			}
			h := t.Spawn("host", host)
			if err := t.Sleep(sec(2)); err != nil {
				return err
			}
			h.Cancel()
			o.say("main", "cancelled host, cancelling()=%d", h.Cancelling())
			err := h.Wait(t)
			var ge *sim.GroupError
			switch {
			case errors.Is(err, sim.ErrCancelled):
				o.say("main", "host cancelled=%s", pyBool(h.Cancelled()))
			case errors.As(err, &ge):
				o.say("main", "host raised %s: %s", egCP1(ge), errName(ge.Errs[0]))
				o.say("main", "host cancelled=%s cancelling()=%d", pyBool(h.Cancelled()), h.Cancelling())
			default:
				return err
			}
			return nil
		}},
		prog{name: "063_taskgroup_success_waits_for_all", main: func(o *out, t *sim.Task) error {
			results := map[string]string{}
			var brew func(name string, seconds float64, tg *sim.Group) sim.Func
			brew = func(name string, seconds float64, tg *sim.Group) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(seconds)); err != nil {
						return err
					}
					o.say(name, "ready")
					if tg != nil {
						tg.Spawn(name+"-refill", brew(name+"-refill", 1, nil))
					}
					results[name] = name // the coroutine's return value
					return nil
				}
			}
			var a, b *sim.Task
			if err := sim.TaskGroup(t, func(tg *sim.Group) error {
				a = tg.Spawn("latte", brew("latte", 2, nil))
				b = tg.Spawn("tea", brew("tea", 1, tg))
				o.say("main", "body ends")
				return nil
			}); err != nil {
				return err
			}
			if a.Err() != nil || b.Err() != nil {
				return errors.Join(a.Err(), b.Err())
			}
			o.say("main", "group done: %s, %s", results[a.Name()], results[b.Name()])
			return nil
		}},
		prog{name: "064_gather_return_exceptions", main: func(o *out, t *sim.Task) error {
			job := func(name string, delay float64, fail error) func(t *sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(sec(delay)); err != nil {
						return "", err
					}
					o.say(name, "ends")
					if fail != nil {
						return "", fail
					}
					return name, nil
				}
			}
			victim := sim.SpawnValue(t, "victim", job("victim", 5, nil))
			t.Engine().CallLater(sec(1.5), "", func() { victim.Cancel() })
			ts := []*sim.TaskOf[string]{
				sim.SpawnValue(t, "slow", job("slow", 3, nil)),
				sim.SpawnValue(t, "boom", job("boom", 1, raise("LookupError", "no sugar"))),
				victim,
				sim.SpawnValue(t, "fast", job("fast", 2, nil)),
			}
			var plain []*sim.Task
			for _, x := range ts {
				plain = append(plain, x.Task)
			}
			errs, err := sim.GatherErrors(t, plain...)
			if err != nil {
				return err
			}
			for i, r := range errs {
				if r != nil {
					o.say("main", "%s", errName(r))
					continue
				}
				v, _, _ := ts[i].Result()
				o.say("main", "value %s", v)
			}
			return nil
		}},
		prog{name: "065_gather_first_failure", main: func(o *out, t *sim.Task) error {
			job := func(name string, delay float64, fail bool) func(t *sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(sec(delay)); err != nil {
						return "", err
					}
					if fail {
						o.say(name, "raises")
						return "", raise("ValueError", name+" spilled")
					}
					o.say(name, "finished")
					return name, nil
				}
			}
			others := []*sim.TaskOf[string]{sim.SpawnValue(t, "a", job("a", 3, false)), sim.SpawnValue(t, "b", job("b", 4, false))}
			bad := sim.SpawnValue(t, "bad", job("bad", 1, true))
			if err := sim.Gather(t, others[0].Task, bad.Task, others[1].Task); err != nil {
				var pe *pyErr
				if !errors.As(err, &pe) || pe.typ != "ValueError" {
					return err
				}
				o.say("main", "gather raised %s", errName(err))
			}
			o.say("main", "a done=%s b done=%s", pyBool(others[0].Done()), pyBool(others[1].Done()))
			if err := t.Sleep(sec(5)); err != nil {
				return err
			}
			a, aerr, _ := others[0].Result()
			b, berr, _ := others[1].Result()
			if aerr != nil || berr != nil {
				return errors.Join(aerr, berr)
			}
			o.say("main", "a=%s b=%s", a, b)
			return nil
		}},
		prog{name: "066_wait_first_completed", main: func(o *out, t *sim.Task) error {
			job := func(seconds float64) sim.Func {
				return func(t *sim.Task) error { return t.Sleep(sec(seconds)) }
			}
			var tasks []*sim.Task
			for _, s := range []float64{3, 1, 2, 1} {
				name := fmt.Sprint("j", s)
				if len(tasks) == 3 {
					name = "j1b" // set_name
				}
				tasks = append(tasks, t.Spawn(name, job(s)))
			}
			var pending []sim.Awaitable
			for _, x := range tasks {
				pending = append(pending, x)
			}
			for len(pending) > 0 {
				var done []sim.Awaitable
				var err error
				done, pending, err = sim.Wait(t, pending, sim.FirstCompleted, sim.NoTimeout)
				if err != nil {
					return err
				}
				o.say("main", "done=%s pending=%s", namesCP1(done), namesCP1(pending))
			}
			return nil
		}},
		prog{name: "067_wait_first_exception_and_timeout", main: func(o *out, t *sim.Task) error {
			job := func(seconds float64, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(seconds)); err != nil {
						return err
					}
					if fail {
						return raise("OSError", "boiler tripped")
					}
					return nil
				}
			}
			tasks := []sim.Awaitable{t.Spawn("a", job(1, false)), t.Spawn("b", job(2, true)), t.Spawn("c", job(4, false))}
			done, pending, err := sim.Wait(t, tasks, sim.FirstException, sim.NoTimeout)
			if err != nil {
				return err
			}
			o.say("main", "FIRST_EXCEPTION done=%s pending=%s", namesCP1(done), namesCP1(pending))
			o.say("main", "b: %s", errName(tasks[1].(*sim.Task).Err()))
			if done, pending, err = sim.Wait(t, pending, sim.AllCompleted, sec(1)); err != nil {
				return err
			}
			o.say("main", "timeout=1 done=%s pending=%s", namesCP1(done), namesCP1(pending))
			if done, pending, err = sim.Wait(t, tasks, sim.AllCompleted, sec(5)); err != nil {
				return err
			}
			o.say("main", "ALL_COMPLETED done=%s pending=%s", namesCP1(done), namesCP1(pending))
			ok := []sim.Awaitable{t.Spawn("d", job(1, false)), t.Spawn("e", job(2, false))}
			if done, pending, err = sim.Wait(t, ok, sim.FirstException, sim.NoTimeout); err != nil {
				return err
			}
			o.say("main", "no failure: done=%s pending=%s", namesCP1(done), namesCP1(pending))
			return nil
		}},
		prog{name: "068_as_completed_order", main: func(o *out, t *sim.Task) error {
			brew := func(name string, seconds float64) func(t *sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(sec(seconds)); err != nil {
						return "", err
					}
					return name, nil
				}
			}
			// serve is `for next_done in as_completed(ts, timeout): await next_done`.
			serve := func(ts []*sim.TaskOf[string], timeout float64) error {
				var fs []sim.Awaitable
				by := map[*sim.Task]*sim.TaskOf[string]{}
				for _, x := range ts {
					fs = append(fs, x.Task)
					by[x.Task] = x
				}
				d := sim.NoTimeout
				if timeout >= 0 {
					d = sec(timeout)
				}
				ac := sim.NewAsCompleted(t, fs, d)
				for {
					a, ok, err := ac.Next(t)
					if err != nil {
						return err
					}
					if !ok {
						return nil
					}
					v, err := by[a.(*sim.Task)].Wait(t)
					if err != nil {
						return err
					}
					o.say("main", "served %s", v)
				}
			}
			var tasks []*sim.TaskOf[string]
			for _, ord := range []struct {
				n string
				s float64
			}{{"latte", 3}, {"tea", 1}, {"mocha", 2}, {"water", 0.5}} {
				tasks = append(tasks, sim.SpawnValue(t, ord.n, brew(ord.n, ord.s)))
			}
			if err := serve(tasks, -1); err != nil {
				return err
			}
			slow := []*sim.TaskOf[string]{sim.SpawnValue(t, "cold", brew("cold brew", 10)), sim.SpawnValue(t, "flat", brew("flat white", 0.5))}
			if err := serve(slow, 2); err != nil {
				if !errors.Is(err, sim.ErrTimeout) {
					return err
				}
				o.say("main", "as_completed: %s", errName(err))
			}
			return nil
		}},
		prog{name: "069_shield", main: func(o *out, t *sim.Task) error {
			pour := func(t *sim.Task) (string, error) {
				if err := t.Sleep(sec(3)); err != nil {
					return "", err
				}
				o.say("pour", "done pouring")
				return "cup", nil
			}
			inner := sim.SpawnValue(t, "pour", pour)
			c := t.Spawn("customer", func(t *sim.Task) error {
				if err := sim.Shield(t, inner.Task); err != nil {
					if errors.Is(err, sim.ErrCancelled) {
						o.say("customer", "cancelled, inner done=%s", pyBool(inner.Done()))
					}
					return err
				}
				v, _, _ := inner.Result()
				o.say("customer", "got %s", v)
				return nil
			})
			if err := t.Sleep(sec(1)); err != nil {
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
	)
}
