package conformance_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/brewloop/brewloop/sim"
)

// Learner-style programs 200-205: pipelines, a crawler, retries, tickers, an
// Event start signal, a Condition handshake.

// reprStrList prints a list of optional strings as Python's repr of a list does
// ("" stands for None).
func reprStrList(xs []string) string {
	var b strings.Builder
	b.WriteString("[")
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		if x == "" {
			b.WriteString("None")
		} else {
			b.WriteString("'" + x + "'")
		}
	}
	return b.String() + "]"
}

func init() {
	register(
		prog{name: "200_pipeline_three_stages_join", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			grind, brew, serve := sim.NewQueue[string](e, "grind", 1), sim.NewQueue[string](e, "brew", 1), sim.NewQueue[string](e, "serve", 0)
			stage := func(name string, inbox, outbox *sim.Queue[string]) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					err := func() error {
						for {
							item, err := inbox.Get(t)
							if err != nil {
								return err
							}
							if err := t.SleepSeconds(0.1); err != nil {
								return err
							}
							o.say(name, "%s done", item)
							if outbox != nil {
								if err := outbox.Put(t, item); err != nil {
									return err
								}
							}
							inbox.TaskDone()
						}
					}()
					if errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled, inbox=%d", inbox.Len())
					}
					return err
				})
			}
			workers := []*sim.Task{stage("grinder", grind, brew), stage("brewer", brew, serve), stage("server", serve, nil)}
			for _, cup := range []string{"c1", "c2", "c3"} {
				if err := grind.Put(t, cup); err != nil {
					return err
				}
				o.say("main", "put %s", cup)
			}
			for _, s := range []struct {
				name string
				q    *sim.Queue[string]
			}{{"grind", grind}, {"brew", brew}, {"serve", serve}} {
				if err := s.q.Join(t); err != nil {
					return err
				}
				o.say("main", "%s joined", s.name)
			}
			for _, w := range workers {
				w.Cancel()
			}
			errs, err := sim.GatherErrors(t, workers...)
			if err != nil {
				return err
			}
			var names []string
			for _, r := range errs {
				names = append(names, errName(r))
			}
			o.say("main", "%s", strings.Join(names, " "))
			return nil
		}},
		prog{name: "201_crawler_semaphore_latencies", main: func(o *out, t *sim.Task) error {
			sem := sim.NewSemaphore(t.Engine(), "sem", 2)
			urls := []string{"a", "b", "c", "d", "e", "f"}
			latency := map[string]float64{"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.1, "e": 0.2, "f": 0.5}
			var tasks []*sim.TaskOf[string]
			for _, u := range urls {
				tasks = append(tasks, sim.SpawnValue(t, u, func(t *sim.Task) (string, error) {
					if err := sem.Acquire(t); err != nil {
						return "", err
					}
					defer sem.Release()
					o.say(u, "start, free=%d", sem.Limit()-sem.Held())
					page := ""
					err := sim.WaitFor(t, sec(0.3), func(t *sim.Task) error {
						if err := t.SleepSeconds(latency[u]); err != nil {
							return err
						}
						page = "<" + u + ">"
						return nil
					})
					if errors.Is(err, sim.ErrTimeout) {
						o.say(u, "timed out")
						return "", nil
					} else if err != nil {
						return "", err
					}
					o.say(u, "got %s", page)
					return page, nil
				}))
			}
			var all []*sim.Task
			for _, tk := range tasks {
				all = append(all, tk.Task)
			}
			if err := sim.Gather(t, all...); err != nil {
				return err
			}
			var pages []string
			for _, tk := range tasks {
				v, _, _ := tk.Result()
				pages = append(pages, v)
			}
			o.say("main", "%s at %s", reprStrList(pages), o.now())
			return nil
		}},
		prog{name: "202_retry_backoff_two_clients", main: func(o *out, t *sim.Task) error {
			calls := 0
			latencies := []float64{0.8, 0.6, 0.4, 0.4, 0.1, 0.1}
			client := func(name string) *sim.TaskOf[string] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (string, error) {
					for attempt := range 4 {
						reply := ""
						err := sim.WaitFor(t, sec(0.4), func(t *sim.Task) error {
							calls++
							if err := t.SleepSeconds(latencies[calls-1]); err != nil {
								return err
							}
							reply = fmt.Sprint("reply", calls)
							return nil
						})
						if err == nil {
							o.say(name, "attempt %d: %s", attempt, reply)
							return reply, nil
						}
						if !errors.Is(err, sim.ErrTimeout) {
							return "", err
						}
						delay := 0.1 * float64(int(1)<<attempt)
						o.say(name, "attempt %d timed out, backing off %s", attempt, pyFloat(delay))
						if err := t.SleepSeconds(delay); err != nil {
							return "", err
						}
					}
					return "", raise("RuntimeError", name+" gave up")
				})
			}
			cs := []*sim.TaskOf[string]{client("ann"), client("bob")}
			errs, err := sim.GatherErrors(t, cs[0].Task, cs[1].Task)
			if err != nil {
				return err
			}
			var res []string
			for i, c := range cs {
				if errs[i] != nil {
					res = append(res, errName(errs[i]))
					continue
				}
				v, _, _ := c.Result()
				res = append(res, v)
			}
			o.say("main", "%s calls=%d", reprStrList(res), calls)
			return nil
		}},
		prog{name: "203_ticker_sleep_drift_vs_call_at", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			stop := sim.NewEvent(e, "stop")
			var atH, laterH *sim.Handle
			var atTick, laterTick func(n int)
			atTick = func(n int) {
				o.say("call_at", "tick %d t=%s", n, o.now())
				next := float64(float64(n)*0.1) + 0.1
				atH = e.CallAtTime(next, "at_tick", func() { atTick(n + 1) })
			}
			laterTick = func(n int) {
				o.say("call_later", "tick %d t=%s", n, o.now())
				laterH = e.CallLaterSeconds(0.1, "later_tick", func() { laterTick(n + 1) })
			}
			atH = e.CallAtTime(0.1, "at_tick", func() { atTick(1) })
			laterH = e.CallLaterSeconds(0.1, "later_tick", func() { laterTick(1) })
			task := t.Spawn("sleeper", func(t *sim.Task) error {
				n := 0
				for !stop.IsSet() {
					if err := t.SleepSeconds(0.1); err != nil {
						return err
					}
					n++
					o.say("sleeper", "tick %d t=%s", n, o.now())
				}
				return nil
			})
			e.CallLaterSeconds(0.5, "stop.set", stop.Set)
			if err := stop.Wait(t); err != nil {
				return err
			}
			o.say("main", "stop seen t=%s", o.now())
			atH.Cancel()
			laterH.Cancel()
			if err := task.Wait(t); err != nil {
				return err
			}
			o.say("main", "sleeper done t=%s", o.now())
			return nil
		}},
		prog{name: "204_event_start_signal_workers", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			goEv, again := sim.NewEvent(e, "go"), sim.NewEvent(e, "again")
			worker := func(name string, first, second *sim.Event, secs float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := first.Wait(t); err != nil {
						return err
					}
					o.say(name, "started, go set=%s", pyBool(first.IsSet()))
					if err := t.SleepSeconds(secs); err != nil {
						return err
					}
					o.say(name, "first lap")
					if err := second.Wait(t); err != nil {
						return err
					}
					o.say(name, "second lap")
					return nil
				})
			}
			var ws []*sim.Task
			for i := range 5 {
				ws = append(ws, worker(fmt.Sprint("w", i), goEv, again, 0.1*float64(i%2+1)))
			}
			if err := t.SleepSeconds(0.1); err != nil {
				return err
			}
			goEv.Set()
			goEv.Clear()
			o.say("main", "go pulsed")
			if err := t.SleepSeconds(0.2); err != nil {
				return err
			}
			again.Set()
			late := worker("late", again, again, 0)
			o.say("main", "again set")
			if err := sim.Gather(t, append(ws, late)...); err != nil {
				return err
			}
			o.say("main", "all laps done")
			return nil
		}},
		prog{name: "205_condition_ping_pong_handshake", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			cond := sim.NewCondition(e, "cond", nil)
			turn := "ping"
			player := func(me, other string) *sim.Task {
				return t.Spawn(me, func(t *sim.Task) error {
					for i := range 3 {
						if err := cond.Acquire(t); err != nil {
							return err
						}
						if err := cond.WaitUntil(t, func() bool { return turn == me }); err != nil {
							cond.Release(t)
							return err
						}
						o.say(me, "hit %d", i)
						turn = other
						cond.Notify(t, 1)
						cond.Release(t)
					}
					return nil
				})
			}
			if err := sim.Gather(t, player("ping", "pong"), player("pong", "ping")); err != nil {
				return err
			}
			var ws []*sim.Task
			for i := range 3 {
				name := fmt.Sprint("w", i)
				ws = append(ws, t.Spawn(name, func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					if err := cond.Wait(t); err != nil {
						return err
					}
					o.say(name, "woken")
					if err := t.SleepSeconds(0.1); err != nil {
						return err
					}
					o.say(name, "leaves the lock")
					return nil
				}))
			}
			if err := t.SleepSeconds(0.1); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.NotifyAll(t)
			o.say("main", "notified all, locked=%s", pyBool(cond.Lock().Locked()))
			cond.Release(t)
			if err := cond.Acquire(t); err != nil {
				return err
			}
			o.say("main", "got the lock back")
			cond.Release(t)
			return sim.Gather(t, ws...)
		}},
	)
}
