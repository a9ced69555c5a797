package conformance_test

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/brewloop/brewloop/sim"
)

// Learner-style programs 220-228: a TaskGroup crawler, workers that requeue on
// cancel, Event deadlines, main cancelled by a background task, a watchdog
// timeout, closing with Queue.shutdown, fail-fast gather, an idle timeout, a
// child's timeout against a sibling's failure.

// groupErrsOfType returns the errors of a *sim.GroupError whose Python type is typ, as
// vt.err prints them, quoted as in a list's repr.
func groupErrsOfType(err error, typ string) []string {
	var ge *sim.GroupError
	if !errors.As(err, &ge) {
		return nil
	}
	var got []string
	for _, e := range ge.Errs {
		var pe *pyErr
		if errors.As(e, &pe) && pe.typ == typ {
			got = append(got, "'"+errName(e)+"'")
		}
	}
	return got
}

func init() {
	register(
		prog{name: "220_taskgroup_crawler_semaphore_failure", main: func(o *out, t *sim.Task) error {
			sem := sim.NewSemaphore(t.Engine(), "sem", 2)
			pages := map[string]bool{}
			err := sim.TaskGroup(t, func(g *sim.Group) error {
				for _, p := range []struct {
					url  string
					secs float64
				}{{"a", 0.1}, {"b", 0.3}, {"c", 0.2}, {"d", 0.1}, {"e", 0.1}} {
					g.Spawn(p.url, func(t *sim.Task) error {
						if err := sem.Acquire(t); err != nil {
							return err
						}
						defer sem.Release()
						o.say(p.url, "fetching, locked=%s", pyBool(sem.Locked()))
						if err := t.SleepSeconds(p.secs); err != nil {
							return err
						}
						if p.url == "c" {
							return raise("ConnectionError", p.url+" reset")
						}
						pages[p.url] = true
						o.say(p.url, "saved")
						return nil
					})
				}
				return nil
			})
			if got := groupErrsOfType(err, "ConnectionError"); len(got) > 0 {
				o.say("main", "failed: [%s]", strings.Join(got, ", "))
			} else if err != nil {
				return err
			}
			var keys []string
			for k := range pages {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			o.say("main", "pages=%s locked=%s value=%d t=%s", reprStrList(keys), pyBool(sem.Locked()), sem.Limit()-sem.Held(), o.now())
			return nil
		}},
		prog{name: "221_worker_pool_requeue_on_cancel", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			var done []string
			worker := func(name string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					for {
						item, err := q.Get(t)
						if err != nil {
							return err
						}
						err = t.SleepSeconds(0.2)
						if err == nil {
							done = append(done, item)
							o.say(name, "finished %s", item)
						} else if errors.Is(err, sim.ErrCancelled) {
							q.TryPut(item)
							o.say(name, "requeued %s, qsize=%d", item, q.Len())
						}
						q.TaskDone()
						if err != nil {
							return err
						}
					}
				})
			}
			for i := range 5 {
				q.TryPut(fmt.Sprint("i", i))
			}
			ws := []*sim.Task{worker("w0"), worker("w1")}
			if err := t.SleepSeconds(0.4); err != nil {
				return err
			}
			for _, w := range ws {
				w.Cancel()
			}
			o.say("main", "cancelled workers, done=%s", reprStrList(done))
			if err := t.Yield(); err != nil {
				return err
			}
			last := worker("w2")
			if err := q.Join(t); err != nil {
				return err
			}
			o.say("main", "joined, done=%s t=%s", reprStrList(done), o.now())
			last.Cancel()
			_, err := sim.GatherErrors(t, append(ws, last)...)
			return err
		}},
		prog{name: "222_event_wait_for_deadlines_collide", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			waiter := func(name string, ev *sim.Event, timeout float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					err := sim.WaitForSeconds(t, timeout, ev.Wait)
					if errors.Is(err, sim.ErrTimeout) {
						o.say(name, "timed out (timeout %s)", pyFloat(timeout))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "saw the event (timeout %s)", pyFloat(timeout))
					return nil
				})
			}
			tenth, fifth := 0.1, 0.2
			ev1 := sim.NewEvent(e, "ev1")
			e.CallLaterSeconds(0.2, "ev1.set", ev1.Set)
			if err := sim.Gather(t, waiter("a", ev1, 0.1), waiter("b", ev1, 0.2), waiter("c", ev1, tenth+tenth)); err != nil {
				return err
			}
			ev2 := sim.NewEvent(e, "ev2")
			d := waiter("d", ev2, 0.3)
			setter := t.Spawn("setter", func(t *sim.Task) error {
				if err := t.SleepSeconds(tenth + fifth); err != nil {
					return err
				}
				ev2.Set()
				o.say("setter", "set")
				return nil
			})
			if err := sim.Gather(t, d, setter, waiter("e", ev2, tenth+fifth), waiter("f", ev2, 0.3)); err != nil {
				return err
			}
			o.say("main", "t=%s", o.now())
			return nil
		}},
		prog{name: "223_main_cancelled_by_background_task", main: func(o *out, t *sim.Task) error {
			mainTask := t
			t.Spawn("supervisor", func(t *sim.Task) error {
				if err := t.SleepSeconds(0.2); err != nil {
					return err
				}
				mainTask.CancelMsg("supervisor says stop")
				o.say("supervisor", "cancelled main")
				err := t.SleepSeconds(10)
				if errors.Is(err, sim.ErrCancelled) {
					if err := t.SleepSeconds(0.1); err != nil {
						return err
					}
					o.say("supervisor", "cancelled by asyncio.run")
				}
				return err
			})
			err := t.SleepSeconds(1)
			if errors.Is(err, sim.ErrCancelled) {
				o.say("main", "cancelled: %s", errName(err))
			}
			if err := t.SleepSeconds(0.1); err != nil {
				return err
			}
			o.say("main", "finally done")
			return err
		}, after: func(o *out, err error) {
			if errors.Is(err, sim.ErrCancelled) {
				o.say("after-run", "asyncio.run raised %s", errName(err))
			} else if err != nil {
				o.lines = append(o.lines, "!! "+errName(err))
			}
		}},
		prog{name: "224_watchdog_timeout_reschedule", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			stream := func(name string, gaps []float64) error {
				got := 0
				cm := t.Timeout(sec(0.3))
				err := cm.Exit(func() error {
					for _, gap := range gaps {
						if err := t.SleepSeconds(gap); err != nil {
							return err
						}
						got++
						cm.RescheduleTime(e.Time() + 0.3)
						when, _ := cm.WhenTime()
						o.say(name, "chunk %d, deadline %s", got, pyFloat(when))
					}
					return nil
				}())
				switch {
				case errors.Is(err, sim.ErrTimeout):
					o.say(name, "stalled after %d chunks, t=%s", got, o.now())
				case err != nil:
					return err
				default:
					o.say(name, "complete, expired=%s", pyBool(cm.Expired()))
				}
				return nil
			}
			tenth, fifth := 0.1, 0.2
			if err := stream("s1", []float64{0.1, 0.2, 0.3, 0.1}); err != nil {
				return err
			}
			if err := stream("s2", []float64{0.1, 0.2, tenth + fifth, fifth + tenth}); err != nil {
				return err
			}
			return stream("s3", []float64{fifth + tenth - tenth, 0.29999999999999993})
		}},
		prog{name: "225_shop_closing_queue_shutdown", main: func(o *out, t *sim.Task) error {
			orders := sim.NewQueue[string](t.Engine(), "orders", 2)
			barista := func(name string, secs float64) *sim.TaskOf[int] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (int, error) {
					made := 0
					for {
						who, err := orders.Get(t)
						if errors.Is(err, sim.ErrClosed) {
							o.say(name, "goes home after %d drinks", made)
							return made, nil
						} else if err != nil {
							return 0, err
						}
						if err := t.SleepSeconds(secs); err != nil {
							return 0, err
						}
						made++
						o.say(name, "served %s", who)
						orders.TaskDone()
					}
				})
			}
			bs := []*sim.TaskOf[int]{barista("kim", 0.2), barista("lee", 0.3)}
			var cs []*sim.Task
			for n := range 8 {
				who := fmt.Sprint("c", n)
				cs = append(cs, t.Spawn(who, func(t *sim.Task) error {
					if err := orders.Put(t, who); errors.Is(err, sim.ErrClosed) {
						o.say(who, "turned away")
					} else if err != nil {
						return err
					}
					return nil
				}))
				if n == 5 {
					orders.Shutdown(false)
					o.say("main", "closing, qsize=%d", orders.Len())
				}
				if err := t.SleepSeconds(0.1); err != nil {
					return err
				}
			}
			if err := sim.Gather(t, cs...); err != nil {
				return err
			}
			if err := sim.Gather(t, bs[0].Task, bs[1].Task); err != nil {
				return err
			}
			k, _, _ := bs[0].Result()
			l, _, _ := bs[1].Result()
			o.say("main", "made=[%d, %d] t=%s", k, l, o.now())
			return nil
		}},
		prog{name: "226_gather_fail_fast_then_cancel_rest", main: func(o *out, t *sim.Task) error {
			step := func(name string, secs float64, fail bool) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					err := t.SleepSeconds(secs)
					if errors.Is(err, sim.ErrCancelled) {
						if err := t.SleepSeconds(0.05); err != nil {
							return err
						}
						o.say(name, "cleaned up")
						return err
					} else if err != nil {
						return err
					}
					if fail {
						return raise("ValueError", name+" failed")
					}
					return nil
				})
			}
			tenth := 0.1
			tasks := []*sim.Task{step("a", 0.3, false), step("b", 0.2, true), step("c", tenth+tenth, true), step("d", 0.2, false)}
			if err := sim.Gather(t, tasks...); err != nil {
				var pe *pyErr
				if !errors.As(err, &pe) || pe.typ != "ValueError" {
					return err
				}
				o.say("main", "gather raised %s", errName(err))
				for _, tk := range tasks {
					tk.Cancel()
				}
				errs, err := sim.GatherErrors(t, tasks...)
				if err != nil {
					return err
				}
				var res []string
				for i, r := range errs {
					if r == nil {
						res = append(res, tasks[i].Name())
					} else {
						res = append(res, errName(r))
					}
				}
				o.say("main", "%s", reprStrList(res))
			}
			o.say("main", "t=%s", o.now())
			return nil
		}},
		prog{name: "227_consumer_idle_timeout", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			tenth, fifth := 0.1, 0.2
			producer := t.Spawn("producer", func(t *sim.Task) error {
				for i, gap := range []float64{0.1, 0.3, 0.2, tenth + fifth} {
					if err := t.SleepSeconds(gap); err != nil {
						return err
					}
					q.TryPut(fmt.Sprint("m", i))
					o.say("producer", "put m%d qsize=%d", i, q.Len())
				}
				return nil
			})
			consumer := sim.SpawnValue(t, "consumer", func(t *sim.Task) (string, error) {
				idle := 0
				for idle < 2 {
					msg := ""
					err := sim.WaitForSeconds(t, 0.3, func(t *sim.Task) error {
						var err error
						msg, err = q.Get(t)
						return err
					})
					if errors.Is(err, sim.ErrTimeout) {
						idle++
						o.say("consumer", "idle %d, qsize=%d", idle, q.Len())
						continue
					} else if err != nil {
						return "", err
					}
					idle = 0
					o.say("consumer", "got %s", msg)
				}
				return "bye", nil
			})
			if err := sim.Gather(t, producer, consumer.Task); err != nil {
				return err
			}
			v, _, _ := consumer.Result()
			o.say("main", "%s qsize=%d", reprStrList([]string{"", v}), q.Len())
			return nil
		}},
		prog{name: "228_taskgroup_child_timeout_vs_sibling_failure", main: func(o *out, t *sim.Task) error {
			careful := func(name string) sim.Func {
				return func(t *sim.Task) error {
					cm := t.Timeout(sec(0.3))
					err := cm.Exit(t.SleepSeconds(1))
					switch {
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "own timeout, cancelling=%d", t.Cancelling())
						if err := t.Yield(); err != nil {
							return err
						}
						o.say(name, "carried on")
						return nil
					case errors.Is(err, sim.ErrCancelled):
						o.say(name, "cancelled by the group, cancelling=%d", t.Cancelling())
					}
					return err
				}
			}
			failing := func(t *sim.Task) error {
				if err := t.SleepSeconds(0.3); err != nil {
					return err
				}
				return raise("ValueError", "sibling failed")
			}
			round := func(label, first string) error {
				err := sim.TaskGroup(t, func(g *sim.Group) error {
					if first == "timeout" {
						g.Spawn(label, careful(label))
						g.Spawn("failing", failing)
						return nil
					}
					g.Spawn("failing", failing)
					if err := t.Yield(); err != nil {
						return err
					}
					g.Spawn(label, careful(label))
					return nil
				})
				if len(groupErrsOfType(err, "ValueError")) > 0 {
					o.say("main", "%s: group failed t=%s", label, o.now())
					return nil
				}
				return err
			}
			if err := round("r1", "timeout"); err != nil {
				return err
			}
			return round("r2", "failure")
		}},
	)
}
