package conformance_test

import (
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 110-120 (cancellation, gather, shield, wait).

func init() {
	register(
		prog{name: "110_cancel_msg_read_once", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			b := t.Spawn("brew", func(t *sim.Task) error { return t.Sleep(10 * time.Second) })
			waiter := func(name string, aw func(*sim.Task) error) sim.Func {
				return func(t *sim.Task) error {
					if err := aw(t); isCancel(err) {
						o.say(name, "got %s", errName(err))
					}
					return nil
				}
			}
			fut := sim.NewFuture[int](e, "fut")
			w1 := t.Spawn("w1", waiter("w1", b.Wait))
			w2 := t.Spawn("w2", waiter("w2", b.Wait))
			f1 := t.Spawn("f1", waiter("f1", fut.Await))
			f2 := t.Spawn("f2", waiter("f2", fut.Await))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			b.CancelMsg("closing time")
			fut.CancelMsg("no beans")
			if err := sim.Gather(t, w1, w2, f1, f2); err != nil {
				return err
			}
			if err := b.Wait(t); isCancel(err) {
				o.say("main", "await brew again: %s", errName(err))
			}
			if err := fut.Await(t); isCancel(err) {
				o.say("main", "await fut again: %s", errName(err))
			}
			return nil
		}},
		prog{name: "111_gather_return_exceptions_cancel_messages", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			fut := sim.NewFuture[string](e, "fut")
			sleeper := func(s float64, catch bool) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(sec(s)); err != nil {
						if catch {
							return "caught", nil
						}
						return "", err
					}
					return "slept " + pyNum(s), nil
				}
			}
			a := sim.SpawnValue(t, "a", sleeper(5, false))
			b := sim.SpawnValue(t, "b", sleeper(5, true))
			c := t.Spawn("c", func(t *sim.Task) error {
				if err := t.Sleep(2 * time.Second); err != nil {
					return err
				}
				return raise("ValueError", "burnt")
			})
			d := sim.SpawnValue(t, "d", sleeper(3, false))
			e.CallLater(time.Second, "", func() { fut.CancelMsg("no milk") })
			e.CallLater(time.Second, "", func() { a.CancelMsg("stop a") })
			e.CallLater(sec(1.5), "", func() { b.CancelMsg("stop b") })
			errs, err := sim.NewGather(t, true, fut, a, b, c, d).Wait(t)
			if err != nil {
				return err
			}
			vals := []func() string{
				func() string { v, _, _ := fut.Result(); return v },
				func() string { v, _, _ := a.Result(); return v },
				func() string { v, _, _ := b.Result(); return v },
				nil,
				func() string { v, _, _ := d.Result(); return v },
			}
			for i, name := range []string{"f", "a", "b", "c", "d"} {
				if errs[i] != nil {
					o.say("main", "%s: %s", name, errName(errs[i]))
				} else {
					o.say("main", "%s: %s", name, vals[i]())
				}
			}
			o.say("main", "cancelling()=%d", t.Cancelling())
			return nil
		}},
		prog{name: "112_gather_nested_cancel", main: func(o *out, t *sim.Task) error {
			child := func(name string, s float64, stubborn bool) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(sec(s)); err != nil {
						o.say(name, "cancelled")
						if stubborn {
							if err := t.Sleep(sec(0.5)); err != nil {
								return "", err
							}
							o.say(name, "returns anyway")
							return name, nil
						}
						return "", err
					}
					o.say(name, "finished")
					return name, nil
				}
			}
			caller := t.Spawn("caller", func(t *sim.Task) error {
				a := sim.SpawnValue(t, "a", child("a", 5, true))
				b := sim.SpawnValue(t, "b", child("b", 5, false))
				c := sim.SpawnValue(t, "c", child("c", 5, false))
				inner := sim.NewGather(t, false, a, b)
				_, err := sim.NewGather(t, false, inner, c).Wait(t)
				if isCancel(err) {
					o.say("caller", "caught %s; inner cancelled=%s", errName(err), pyBool(inner.Cancelled()))
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					av, _, _ := a.Result()
					o.say("caller", "a=%s b cancelled=%s c cancelled=%s", av, pyBool(b.Cancelled()), pyBool(c.Cancelled()))
				}
				return err
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			caller.Cancel()
			if err := caller.Wait(t); isCancel(err) {
				o.say("main", "caller cancelled=%s", pyBool(caller.Cancelled()))
			}
			return nil
		}},
		prog{name: "113_gather_cancel_too_late", main: func(o *out, t *sim.Task) error {
			brew := func(name string) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(time.Second); err != nil {
						return "", err
					}
					o.say(name, "done")
					return name, nil
				}
			}
			a := sim.SpawnValue(t, "a", brew("a"))
			b := sim.SpawnValue(t, "b", brew("b"))
			g := sim.NewGather(t, false, a, b)
			if err := t.Sleep(0); err != nil {
				return err
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "a done=%s b done=%s gather done=%s", pyBool(a.Done()), pyBool(b.Done()), pyBool(g.Done()))
			o.say("main", "gather.cancel() -> %s", pyBool(g.Cancel()))
			if _, err := g.Wait(t); err != nil {
				return err
			}
			av, _, _ := a.Result()
			bv, _, _ := b.Result()
			o.say("main", "gather -> ['%s', '%s']", av, bv)
			c := sim.SpawnValue(t, "c", brew("c"))
			g2 := sim.NewGather(t, false, c)
			w := sim.SpawnValue(t, "watcher", func(t *sim.Task) (string, error) {
				if _, err := g2.Wait(t); err != nil {
					if isCancel(err) {
						o.say("watcher", "cancelled; gather done=%s", pyBool(g2.Done()))
					}
				} else {
					cv, _, _ := c.Result()
					o.say("watcher", "got ['%s']", cv)
				}
				return "watched", nil
			})
			if err := t.Sleep(0); err != nil {
				return err
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "c done=%s g2 done=%s cancel watcher -> %s", pyBool(c.Done()), pyBool(g2.Done()), pyBool(w.Cancel()))
			wv, err := w.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "watcher -> %s, cancelled=%s", wv, pyBool(w.Cancelled()))
			cv, _, _ := c.Result()
			o.say("main", "g2 cancelled=%s result=['%s']", pyBool(g2.Cancelled()), cv)
			return nil
		}},
		prog{name: "114_gather_child_cancelled_alone", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					o.say(name, "done")
					return nil
				}
			}
			a := t.Spawn("a", brew("a", time.Second))
			b := t.Spawn("b", brew("b", 3*time.Second))
			c := t.Spawn("c", brew("c", 2*time.Second))
			t.Engine().CallLater(sec(1.5), "", func() { c.CancelMsg("c is off") })
			if err := sim.Gather(t, a, b, c); isCancel(err) {
				o.say("main", "gather raised %s; cancelling()=%d", errName(err), t.Cancelling())
			} else if err != nil {
				return err
			}
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			o.say("main", "b done=%s; sleeping on", pyBool(b.Done()))
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			if err := sim.Gather(t, a, b, c); isCancel(err) {
				o.say("main", "gather again raised %s", errName(err))
			} else if err != nil {
				return err
			}
			return nil
		}},
	)
}

// pyNames is Python's repr of a sorted list of task names: ['a', 'b'].
func pyNames(fs []sim.Awaitable) string {
	var ns []string
	for _, f := range fs {
		ns = append(ns, "'"+f.(*sim.Task).Name()+"'")
	}
	sort.Strings(ns)
	return "[" + strings.Join(ns, ", ") + "]"
}

func init() {
	register(
		prog{name: "115_shield_inner_cancelled", main: func(o *out, t *sim.Task) error {
			pour := func(s float64) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(sec(s)); err != nil {
						return "", err
					}
					return "poured " + pyNum(s), nil
				}
			}
			inner := sim.SpawnValue(t, "pour", pour(3))
			c := t.Spawn("customer", func(t *sim.Task) error {
				if err := sim.Shield(t, inner); err != nil {
					if !isCancel(err) {
						return err
					}
					o.say("customer", "shield raised %s, cancelling()=%d", errName(err), t.Cancelling())
				} else {
					v, _, _ := inner.Result()
					o.say("customer", "got %s", v)
				}
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				o.say("customer", "still here")
				return nil
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			inner.CancelMsg("spilled")
			if err := c.Wait(t); err != nil {
				return err
			}
			quick := sim.SpawnValue(t, "quick", pour(0))
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			o.say("main", "quick done=%s", pyBool(quick.Done()))
			t.Engine().CallSoon("", func() { o.say("soon", "ran") })
			if err := sim.Shield(t, quick); err != nil {
				return err
			}
			v, _, _ := quick.Result()
			o.say("main", "shield(done) -> %s without yielding", v)
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "after sleep(0)")
			return nil
		}},
		prog{name: "116_shield_outer_cancelled_inner_fails", main: func(o *out, t *sim.Task) error {
			inner := t.Spawn("brew", func(t *sim.Task) error {
				if err := t.Sleep(2 * time.Second); err != nil {
					return err
				}
				o.say("brew", "machine jams")
				return raise("RuntimeError", "jammed")
			})
			customer := func(name string) sim.Func {
				return func(t *sim.Task) error {
					err := sim.Shield(t, inner)
					switch {
					case isCancel(err):
						o.say(name, "cancelled; inner done=%s", pyBool(inner.Done()))
						return err
					case err != nil:
						o.say(name, "shield raised %s", errName(err))
					}
					return nil
				}
			}
			c1 := t.Spawn("c1", customer("c1"))
			c2 := t.Spawn("c2", customer("c2"))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			c1.Cancel()
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "c1 done=%s cancelled=%s", pyBool(c1.Done()), pyBool(c1.Cancelled()))
			if err := c2.Wait(t); err != nil {
				return err
			}
			if err := inner.Wait(t); err != nil {
				o.say("main", "await inner: %s", errName(err))
			}
			return nil
		}},
		prog{name: "117_wait_duplicates_and_done", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			brew := func(d time.Duration) sim.Func { return func(t *sim.Task) error { return t.Sleep(d) } }
			tt := t.Spawn("t", brew(time.Second))
			done, pending, err := sim.Wait(t, []sim.Awaitable{tt, tt}, sim.AllCompleted, sim.NoTimeout)
			if err != nil {
				return err
			}
			o.say("main", "wait([t, t]): done=%d pending=%d", len(done), len(pending))
			u := t.Spawn("u", brew(2*time.Second))
			if done, pending, err = sim.Wait(t, []sim.Awaitable{tt, u, tt}, sim.FirstCompleted, sim.NoTimeout); err != nil {
				return err
			}
			o.say("main", "FIRST_COMPLETED with t done: done=%d pending=%d", len(done), len(pending))
			e.CallSoon("", func() { o.say("soon", "queued before the wait") })
			if done, pending, err = sim.Wait(t, []sim.Awaitable{u, u, u}, sim.AllCompleted, 5*time.Second); err != nil {
				return err
			}
			o.say("main", "wait([u, u, u]): done=%d pending=%d", len(done), len(pending))
			f := sim.NewFuture[string](e, "f")
			f.SetResult("ready")
			e.CallSoon("", func() { o.say("soon", "queued before the wait") })
			if done, _, err = sim.Wait(t, []sim.Awaitable{f}, sim.FirstException, sim.NoTimeout); err != nil {
				return err
			}
			o.say("main", "wait on a done future: done=%d", len(done))
			return nil
		}},
		prog{name: "118_wait_timeout_at_completion_instant", main: func(o *out, t *sim.Task) error {
			brew := func(name string, s float64) sim.Func {
				return func(t *sim.Task) error {
					if err := t.SleepSeconds(s); err != nil {
						return err
					}
					o.say(name, "done")
					return nil
				}
			}
			late := t.Spawn("late", brew("late", 1))
			done, pending, err := sim.Wait(t, []sim.Awaitable{late}, sim.AllCompleted, time.Second)
			if err != nil {
				return err
			}
			o.say("main", "wait timer first: done=%d pending=%d", len(done), len(pending))
			if err := late.Wait(t); err != nil {
				return err
			}
			early := t.Spawn("early", brew("early", 1))
			if err := t.Sleep(0); err != nil {
				return err
			}
			if done, pending, err = sim.Wait(t, []sim.Awaitable{early}, sim.AllCompleted, time.Second); err != nil {
				return err
			}
			o.say("main", "sleep timer first: done=%d pending=%d", len(done), len(pending))
			a := t.Spawn("a", brew("a", 1))
			b := t.Spawn("b", brew("b", 0.5+0.5))
			if err := t.Sleep(0); err != nil {
				return err
			}
			if done, _, err = sim.Wait(t, []sim.Awaitable{a, b}, sim.FirstCompleted, sec(0.1+0.9)); err != nil {
				return err
			}
			o.say("main", "FIRST_COMPLETED at 1: done=%s", pyNames(done))
			return sim.Gather(t, a, b)
		}},
		prog{name: "119_wait_first_exception_cancelled", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration, fail bool) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					if fail {
						return raise("ValueError", name+" burnt")
					}
					return nil
				}
			}
			a := t.Spawn("a", brew("a", 3*time.Second, false))
			b := t.Spawn("b", brew("b", 5*time.Second, false))
			c := t.Spawn("c", brew("c", 4*time.Second, true))
			t.Engine().CallLater(time.Second, "", func() { b.Cancel() })
			done, pending, err := sim.Wait(t, []sim.Awaitable{a, b, c}, sim.FirstException, sim.NoTimeout)
			if err != nil {
				return err
			}
			o.say("main", "done=%s pending=%s", pyNames(done), pyNames(pending))
			o.say("main", "c.exception() = %s", errName(c.Err()))
			d := t.Spawn("d", brew("d", time.Second, false))
			e := t.Spawn("e", brew("e", 2*time.Second, false))
			e.Cancel()
			if done, pending, err = sim.Wait(t, []sim.Awaitable{d, e}, sim.FirstException, sim.NoTimeout); err != nil {
				return err
			}
			o.say("main", "no failure: done=%s pending=%s", pyNames(done), pyNames(pending))
			return nil
		}},
		prog{name: "120_as_completed_timeout_rest", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration) *sim.TaskOf[string] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (string, error) {
					if err := t.Sleep(d); err != nil {
						return "", err
					}
					o.say(name, "ready")
					return name, nil
				})
			}
			ready := brew("ready", 0)
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			slow := []*sim.TaskOf[string]{brew("slow0", 2*time.Second), brew("slow1", 3*time.Second)}
			fast := brew("fast", time.Second)
			byTask := map[*sim.Task]*sim.TaskOf[string]{slow[0].Task: slow[0], slow[1].Task: slow[1], ready.Task: ready, fast.Task: fast}
			it := sim.NewAsCompleted(t, []sim.Awaitable{slow[0].Task, ready.Task, fast.Task, slow[1].Task}, 2*time.Second)
			for round := range 4 {
				a, _, err := it.Next(t)
				switch {
				case errors.Is(err, sim.ErrTimeout):
					o.say("main", "round %d: TimeoutError", round)
				case err != nil:
					return err
				default:
					r := byTask[a.(*sim.Task)]
					v, _, _ := r.Result()
					o.say("main", "round %d: %s -> %s", round, r.Name(), v)
				}
			}
			o.say("main", "slow0 done=%s slow1 done=%s", pyBool(slow[0].Done()), pyBool(slow[1].Done()))
			v, err := slow[1].Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "%s awaited", v)
			return nil
		}},
	)
}
