package conformance_test

import (
	"errors"
	"fmt"
	"sort"

	"github.com/brewloop/brewloop/sim"
)

// Learner-style programs 212-219: the tutorial's coffee shop, heartbeats, retries
// under a budget, the docs' queue example, the race-condition lesson, a
// Condition buffer, hedged requests, done-callbacks of background tasks.

func init() {
	register(
		prog{name: "212_coffee_shop_baristas_customers", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			type order struct {
				who, drink string
				fut        *sim.Future[string]
			}
			make := map[string]float64{"espresso": 0.2, "latte": 0.3}
			orders := sim.NewQueue[order](e, "orders", 0)
			var bs []sim.Awaitable
			for _, name := range []string{"kim", "lee"} {
				bs = append(bs, t.Spawn(name, func(t *sim.Task) error {
					for {
						od, err := orders.Get(t)
						if err != nil {
							return err
						}
						if od.fut.Cancelled() {
							o.say(name, "skips %s's %s", od.who, od.drink)
						} else {
							if err := t.SleepSeconds(make[od.drink]); err != nil {
								return err
							}
							if od.fut.Cancelled() {
								o.say(name, "%s's %s wasted", od.who, od.drink)
							} else {
								od.fut.SetResult(od.drink + " by " + name)
							}
						}
						orders.TaskDone()
					}
				}))
			}
			plan := []struct {
				who, drink string
				patience   float64
			}{{"ann", "latte", 1}, {"bob", "espresso", 0.3}, {"cy", "latte", 0.4}, {"dee", "espresso", 0.4}, {"eve", "espresso", 0.2}}
			var cs []*sim.Task
			for _, p := range plan {
				cs = append(cs, t.Spawn(p.who, func(t *sim.Task) error {
					fut := sim.NewFuture[string](t.Engine(), "fut")
					if err := orders.Put(t, order{p.who, p.drink, fut}); err != nil {
						return err
					}
					got := ""
					err := sim.WaitFor(t, sec(p.patience), func(t *sim.Task) error {
						var err error
						got, err = fut.Wait(t)
						return err
					})
					if errors.Is(err, sim.ErrTimeout) {
						o.say(p.who, "leaves")
						return nil
					} else if err != nil {
						return err
					}
					o.say(p.who, "got %s", got)
					return nil
				}))
				if err := t.SleepSeconds(0.1); err != nil {
					return err
				}
			}
			if err := orders.Join(t); err != nil {
				return err
			}
			o.say("main", "queue joined")
			if err := sim.Gather(t, cs...); err != nil {
				return err
			}
			for _, b := range bs {
				b.(*sim.Task).Cancel()
			}
			if _, _, err := sim.Wait(t, bs, sim.AllCompleted, sim.NoTimeout); err != nil {
				return err
			}
			o.say("main", "closed t=%s", o.now())
			return nil
		}},
		prog{name: "213_heartbeat_wait_for_stop_event", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			stop1, stop2 := sim.NewEvent(e, "stop1"), sim.NewEvent(e, "stop2")
			heartbeat := func(name string, stop *sim.Event, useTimeout bool) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					beats := 0
					for !stop.IsSet() {
						var err error
						if useTimeout {
							cm := t.TimeoutAtTime(t.Engine().Time() + 0.1)
							err = cm.Exit(stop.Wait(t))
						} else {
							err = sim.WaitFor(t, sec(0.1), stop.Wait)
						}
						if errors.Is(err, sim.ErrTimeout) {
							beats++
							o.say(name, "beat %d t=%s", beats, o.now())
						} else if err != nil {
							return err
						}
					}
					o.say(name, "stopped after %d beats", beats)
					return nil
				})
			}
			e.CallLaterSeconds(0.3, "stop1.set", stop1.Set)
			setter := t.Spawn("setter", func(t *sim.Task) error {
				if err := t.SleepSeconds(0.6); err != nil {
					return err
				}
				stop2.Set()
				o.say("setter", "stop2 set")
				return nil
			})
			return sim.Gather(t, heartbeat("hb1", stop1, false), heartbeat("hb2", stop2, true), setter)
		}},
		prog{name: "214_retry_inside_overall_timeout", main: func(o *out, t *sim.Task) error {
			call := func(name string, budget float64) error {
				n := 0
				cm := t.TimeoutAtTime(t.Engine().Time() + budget)
				err := cm.Exit(func() error {
					for {
						n++
						err := sim.WaitFor(t, sec(0.3), func(t *sim.Task) error {
							err := t.SleepSeconds(1)
							if errors.Is(err, sim.ErrCancelled) {
								o.say("attempt", "%d cancelled, cancelling=%d", n, t.Cancelling())
							}
							return err
						})
						if !errors.Is(err, sim.ErrTimeout) {
							return err
						}
						backoff := 0.1 * float64(int(1)<<(n-1))
						o.say(name, "attempt %d timed out, retry in %s", n, pyFloat(backoff))
						if err := t.SleepSeconds(backoff); err != nil {
							return err
						}
					}
				}())
				if errors.Is(err, sim.ErrTimeout) {
					o.say(name, "budget spent after %d attempts t=%s", n, o.now())
					return nil
				}
				return err
			}
			if err := call("first", 1.0); err != nil {
				return err
			}
			parts := []float64{0.3, 0.1, 0.3, 0.2}
			budget := parts[0]
			for _, p := range parts[1:] {
				budget += p
			}
			if err := call("second", budget); err != nil {
				return err
			}
			o.say("main", "cancelling=%d", t.Cancelling())
			return nil
		}},
		prog{name: "215_docs_queue_workers_example", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			queue := sim.NewQueue[float64](e, "queue", 0)
			total := 0.0
			choices := []float64{0.1, 0.2, 0.3}
			for i := range 9 {
				s := choices[i*2%3]
				total += s
				queue.TryPut(s)
			}
			var tasks []*sim.Task
			for i := range 3 {
				name := fmt.Sprint("worker-", i)
				tasks = append(tasks, t.Spawn(name, func(t *sim.Task) error {
					for {
						s, err := queue.Get(t)
						if err != nil {
							return err
						}
						if err := t.SleepSeconds(s); err != nil {
							return err
						}
						queue.TaskDone()
						o.say(name, "has slept for %.2f seconds", s)
					}
				}))
			}
			started := e.Time()
			if err := queue.Join(t); err != nil {
				return err
			}
			elapsed := e.Time() - started
			for _, tk := range tasks {
				tk.Cancel()
			}
			res, err := sim.GatherErrors(t, tasks...)
			if err != nil {
				return err
			}
			o.say("main", "%d workers cancelled", len(res))
			o.say("main", "3 workers slept in parallel for %.2f seconds (%s)", elapsed, pyFloat(elapsed))
			o.say("main", "total expected sleep time: %.2f seconds (%s)", total, pyFloat(total))
			return nil
		}},
		prog{name: "216_lock_race_counter_demo", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			counter := 0
			for _, c := range []struct {
				label string
				lock  *sim.Lock
				pause float64
			}{{"no lock", nil, 0}, {"lock", sim.NewLock(e, "lock"), 0}, {"lock 0.1", sim.NewLock(e, "lock"), 0.1}} {
				counter = 0
				var ts []*sim.Task
				for i := range 3 {
					name := fmt.Sprintf("%s/%d", c.label, i)
					ts = append(ts, t.Spawn(name, func(t *sim.Task) error {
						for range 3 {
							if c.lock != nil {
								if err := c.lock.Acquire(t); err != nil {
									return err
								}
							}
							v := counter
							err := t.SleepSeconds(c.pause)
							if c.lock != nil {
								c.lock.Release(t)
							}
							if err != nil {
								return err
							}
							counter = v + 1
						}
						o.say(name, "done, counter=%d", counter)
						return nil
					}))
				}
				if err := sim.Gather(t, ts...); err != nil {
					return err
				}
				o.say("main", "%s: counter=%d (want 9)", c.label, counter)
			}
			return nil
		}},
		prog{name: "217_condition_bounded_buffer", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			var buf []string
			producer := func(name string, items []string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					for _, item := range items {
						if err := cond.Acquire(t); err != nil {
							return err
						}
						if err := cond.WaitUntil(t, func() bool { return len(buf) < 2 }); err != nil {
							cond.Release(t)
							return err
						}
						buf = append(buf, item)
						o.say(name, "put %s buf=%s", item, reprStrList(buf))
						cond.NotifyAll(t)
						cond.Release(t)
						if err := t.SleepSeconds(0.1); err != nil {
							return err
						}
					}
					return nil
				})
			}
			consumer := func(name string, n int) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					for range n {
						if err := cond.Acquire(t); err != nil {
							return err
						}
						if err := cond.WaitUntil(t, func() bool { return len(buf) > 0 }); err != nil {
							cond.Release(t)
							return err
						}
						item := buf[0]
						buf = buf[1:]
						o.say(name, "took %s buf=%s", item, reprStrList(buf))
						cond.NotifyAll(t)
						cond.Release(t)
						if err := t.SleepSeconds(0.2); err != nil {
							return err
						}
					}
					return nil
				})
			}
			if err := sim.Gather(t, producer("p1", []string{"a1", "a2", "a3"}), producer("p2", []string{"b1", "b2", "b3"}),
				consumer("c1", 3), consumer("c2", 3)); err != nil {
				return err
			}
			o.say("main", "buf=%s", reprStrList(buf))
			return nil
		}},
		prog{name: "218_hedged_request_wait_first_completed", main: func(o *out, t *sim.Task) error {
			request := func(name string, secs float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					err := t.SleepSeconds(secs)
					if t.Cancelled() || t.Cancelling() > 0 {
						o.say(name, "cancelled")
					}
					return err
				})
			}
			names := func(as []sim.Awaitable) string {
				var ns []string
				for _, a := range as {
					ns = append(ns, a.(*sim.Task).Name())
				}
				sort.Strings(ns)
				return reprStrList(ns)
			}
			hedged := func(label string, first, second float64) (string, error) {
				a := request(label+"-a", first)
				done, _, err := sim.Wait(t, []sim.Awaitable{a}, sim.AllCompleted, sec(0.2))
				if err != nil {
					return "", err
				}
				if len(done) > 0 {
					return a.Name(), a.Err()
				}
				b := request(label+"-b", second)
				o.say(label, "hedging")
				done, pending, err := sim.Wait(t, []sim.Awaitable{a, b}, sim.FirstCompleted, sim.NoTimeout)
				if err != nil {
					return "", err
				}
				for _, p := range pending {
					p.(*sim.Task).Cancel()
				}
				o.say(label, "done=%s pending=%s", names(done), names(pending))
				for _, d := range done {
					if d == sim.Awaitable(a) {
						return a.Name(), a.Err()
					}
				}
				return b.Name(), b.Err()
			}
			for _, r := range []struct {
				label         string
				first, second float64
			}{{"r1", 0.1, 1}, {"r2", 0.5, 0.2}, {"r3", 0.4, 0.2}} {
				got, err := hedged(r.label, r.first, r.second)
				if err != nil {
					return err
				}
				o.say("main", "got %s", got)
			}
			if err := t.Yield(); err != nil {
				return err
			}
			o.say("main", "t=%s", o.now())
			return nil
		}},
		prog{name: "219_background_tasks_set_done_callbacks", main: func(o *out, t *sim.Task) error {
			background := map[*sim.Task]bool{}
			values := map[*sim.Task]*sim.TaskOf[string]{}
			report := func(tk *sim.Task) {
				var outcome string
				switch {
				case tk.Cancelled():
					outcome = "cancelled"
				case tk.Err() != nil:
					outcome = errName(tk.Err())
				default:
					outcome, _, _ = values[tk].Result()
				}
				o.say("callback", "%s -> %s, left=%d", tk.Name(), outcome, len(background))
			}
			discard := func(tk *sim.Task) { delete(background, tk) }
			tenth := 0.1
			for n, secs := range []float64{0.2, 0.1, 0.2, 0.3, tenth + tenth} {
				task := sim.SpawnValue(t, fmt.Sprint("job", n), func(t *sim.Task) (string, error) {
					if err := t.SleepSeconds(secs); err != nil {
						return "", err
					}
					if n == 2 {
						return "", raise("ValueError", "job 2")
					}
					return fmt.Sprint("r", n), nil
				})
				values[task.Task] = task
				if n%2 == 1 {
					task.OnDone(report)
					task.OnDone(discard)
				} else {
					task.OnDone(discard)
					task.OnDone(report)
				}
				background[task.Task] = true
			}
			if err := t.SleepSeconds(0.25); err != nil {
				return err
			}
			var left []*sim.Task
			for tk := range background {
				left = append(left, tk)
			}
			sort.Slice(left, func(i, j int) bool { return left[i].Name() < left[j].Name() })
			for _, tk := range left {
				tk.Cancel()
			}
			o.say("main", "left=%d", len(background))
			if err := t.Yield(); err != nil {
				return err
			}
			o.say("main", "left=%d", len(background))
			return nil
		}},
	)
}
