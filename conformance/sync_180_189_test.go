package conformance_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// timedGetter is getter() of program 189: q.get() under wait_for(patience).
func timedGetter[T any](o *out, t *sim.Task, name string, q *sim.Queue[T], patience time.Duration) *sim.Task {
	return t.Spawn(name, func(t *sim.Task) error {
		var v T
		err := sim.WaitFor(t, patience, func(t *sim.Task) error {
			var err error
			v, err = q.Get(t)
			return err
		})
		switch {
		case errors.Is(err, sim.ErrTimeout):
			o.say(name, "timed out, qsize=%d", q.Len())
		case errors.Is(err, sim.ErrCancelled):
			o.say(name, "cancelled")
		case err != nil:
			return err
		default:
			o.say(name, "got %v", v)
		}
		return nil
	})
}

func init() {
	register(
		prog{name: "180_condition_cancelled_while_reacquiring", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			var ws []*sim.Task
			for i := range 3 {
				name := fmt.Sprint("w", i)
				ws = append(ws, t.Spawn(name, func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					if err := cond.Wait(t); errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled, holds the lock=%s", pyBool(cond.Lock().Locked()))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "notified")
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.Notify(t, 1)
			if err := t.Sleep(0); err != nil {
				return err
			}
			ws[0].Cancel()
			o.say("main", "notified w0, cancelled it while main holds the lock")
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			cond.Release(t)
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "w1 done=%s, w2 done=%s", pyBool(ws[1].Done()), pyBool(ws[2].Done()))
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.NotifyAll(t)
			cond.Release(t)
			return sim.Gather(t, ws...)
		}},
		prog{name: "181_lock_fast_path_all_waiters_cancelled", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			lock := sim.NewLock(e, "lock")
			sem := sim.NewSemaphore(e, "sem", 1)
			waiter := func(name string, acquire func(*sim.Task) error, release func(*sim.Task)) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := acquire(t); errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled")
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "acquired")
					release(t)
					return nil
				})
			}
			if err := lock.Acquire(t); err != nil {
				return err
			}
			if err := sem.Acquire(t); err != nil {
				return err
			}
			ws := []*sim.Task{
				waiter("lw0", lock.Acquire, lock.Release),
				waiter("lw1", lock.Acquire, lock.Release),
				waiter("sw", sem.Acquire, func(*sim.Task) { sem.Release() }),
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			for _, w := range ws {
				w.Cancel()
			}
			lock.Release(t)
			sem.Release()
			o.say("main", "lock.locked=%s sem.locked=%s", pyBool(lock.Locked()), pyBool(sem.Locked()))
			if err := lock.Acquire(t); err != nil {
				return err
			}
			if err := sem.Acquire(t); err != nil {
				return err
			}
			o.say("main", "took both without waiting")
			if err := sim.Gather(t, ws...); err != nil {
				return err
			}
			lock.Release(t)
			sem.Release()
			return nil
		}},
		prog{name: "182_barrier_party_cancelled_after_release", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "b", 3)
			party := func(name string, delay time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(delay); err != nil {
						return err
					}
					idx, err := b.Wait(t)
					if errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled, n_waiting=%d", b.Waiting())
						return err
					} else if err != nil {
						return err
					}
					o.say(name, "index %d", idx)
					return nil
				})
			}
			var ps []*sim.Task
			for i := range 3 {
				ps = append(ps, party(fmt.Sprint("p", i), time.Duration(i)*time.Second))
			}
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			ps[0].Cancel()
			o.say("main", "cancelled p0 as p2 arrives")
			errs, err := sim.GatherErrors(t, ps...)
			if err != nil {
				return err
			}
			var rs []*string
			for _, r := range errs {
				if r == nil {
					rs = append(rs, nil)
				} else {
					s := excName(r)
					rs = append(rs, &s)
				}
			}
			o.say("main", "%s broken=%s", pyResults(rs), pyBool(b.Broken()))
			var qs []*sim.Task
			for i := range 3 {
				qs = append(qs, party(fmt.Sprint("q", i), 0))
			}
			return sim.Gather(t, qs...)
		}},
		prog{name: "183_queue_putter_woken_then_shutdown", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 1)
			q.TryPut("a")
			var ps []*sim.Task
			for i := range 2 {
				name := fmt.Sprint("p", i)
				ps = append(ps, t.Spawn(name, func(t *sim.Task) error {
					if err := q.Put(t, fmt.Sprint(i)); errors.Is(err, sim.ErrClosed) {
						o.say(name, "QueueShutDown, qsize=%d", q.Len())
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "put")
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			v, _ := q.TryGet()
			o.say("main", "took %s", v)
			q.Shutdown(false)
			if err := sim.Gather(t, ps...); err != nil {
				return err
			}
			if _, err := q.Get(t); errors.Is(err, sim.ErrClosed) {
				o.say("main", "get on an empty shut-down queue raised")
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "184_semaphore_limits_to_thread", main: func(o *out, t *sim.Task) error {
			sem := sim.NewSemaphore(t.Engine(), "sem", 2)
			var gs []*sim.Task
			for i, s := range []float64{1, 0.5, 0.5, 1, 0.25} {
				name := fmt.Sprint("g", i)
				gs = append(gs, t.Spawn(name, func(t *sim.Task) error {
					if err := sem.Acquire(t); err != nil {
						return err
					}
					o.say(name, "grinding")
					_, err := sim.ToThread(t, name, sec(s), 0, nil)
					sem.Release()
					if err != nil {
						return err
					}
					o.say(name, "ground")
					return nil
				}))
			}
			if err := sim.Gather(t, gs...); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(sem.Locked()))
			return nil
		}},
		prog{name: "185_queue_sentinel_pipeline", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			orders := sim.NewQueue[string](e, "orders", 2) // "" is the None sentinel
			cups := sim.NewQueue[string](e, "cups", 0)
			barista := func(name string, pace float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					for {
						order, err := orders.Get(t)
						if err != nil {
							return err
						}
						if order == "" {
							orders.TaskDone()
							o.say(name, "off shift")
							return nil
						}
						if err := t.SleepSeconds(pace); err != nil {
							return err
						}
						if err := cups.Put(t, order+"-by-"+name); err != nil {
							return err
						}
						orders.TaskDone()
					}
				})
			}
			bs := []*sim.Task{barista("fast", 1), barista("slow", 1.5)}
			for i := range 5 {
				if err := orders.Put(t, fmt.Sprint("o", i)); err != nil {
					return err
				}
				o.say("producer", "queued o%d qsize=%d", i, orders.Len())
			}
			for range 2 {
				if err := orders.Put(t, ""); err != nil {
					return err
				}
			}
			if err := orders.Join(t); err != nil {
				return err
			}
			o.say("main", "orders joined, cups=%d", cups.Len())
			if err := sim.Gather(t, bs...); err != nil {
				return err
			}
			var all []string
			for !cups.Empty() {
				v, _ := cups.TryGet()
				all = append(all, v)
			}
			o.say("main", "%s", strings.Join(all, " "))
			return nil
		}},
		prog{name: "187_queue_join_cancelled_joiner", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			q.TryPut("x")
			var js []*sim.Task
			for i := range 2 {
				name := fmt.Sprint("j", i)
				js = append(js, t.Spawn(name, func(t *sim.Task) error {
					if err := q.Join(t); errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled")
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "joined")
					return nil
				}))
			}
			if err := t.Sleep(sec(0.25)); err != nil {
				return err
			}
			js[0].Cancel()
			if err := sim.WaitFor(t, sec(0.5), q.Join); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "join timed out")
			} else if err != nil {
				return err
			}
			q.TryGet()
			q.TaskDone()
			o.say("main", "task_done")
			if err := sim.Gather(t, js...); err != nil {
				return err
			}
			if err := q.Join(t); err != nil {
				return err
			}
			o.say("main", "joined")
			return nil
		}},
		prog{name: "188_executor_jobs_end_with_timers_same_instant", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			pool := sim.NewExecutor(e, "pool", 2)
			sleeper := func(name string, d time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					o.say(name, "woke")
					return nil
				})
			}
			offload := func(name string, d time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					f := sim.RunInExecutor(pool, name, d, name, nil)
					f.AddDoneCallback(func(*sim.Future[string]) { o.say(name, "future done-callback") })
					v, err := f.Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				})
			}
			ts := []*sim.Task{offload("jobA", sec(0.5)), sleeper("s1", time.Second),
				offload("jobB", time.Second), offload("jobC", sec(0.5)), sleeper("s2", time.Second)}
			e.CallLater(time.Second, "later", func() { o.say("later", "fired") })
			return sim.Gather(t, ts...)
		}},
		prog{name: "189_lifo_priority_get_wait_for_and_cancel", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			lifo := sim.NewLifoQueue[string](e, "lifo", 0)
			prio := sim.NewPriorityQueue(e, "prio", 0, func(a, b int) bool { return a < b })
			gs := []*sim.Task{timedGetter(o, t, "l0", lifo, time.Second), timedGetter(o, t, "l1", lifo, 3*time.Second),
				timedGetter(o, t, "p0", prio, 3*time.Second), timedGetter(o, t, "p1", prio, 3*time.Second)}
			if err := t.Sleep(0); err != nil {
				return err
			}
			e.CallLater(time.Second, "", func() { lifo.TryPut("top") })
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			prio.TryPut(2)
			prio.TryPut(1)
			gs[2].Cancel()
			if err := sim.Gather(t, gs...); err != nil {
				return err
			}
			o.say("main", "lifo=%d prio=%d", lifo.Len(), prio.Len())
			return nil
		}},
	)
}
