package conformance_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// pyStrs is Python's repr of a list of str.
func pyStrs(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + x + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// excName is vt.err(e) for what a gather with return_exceptions returns: None or the error.
func excName(err error) string {
	var ce *sim.CancelledError
	if errors.As(err, &ce) && ce.Msg == "" {
		return "CancelledError"
	}
	return errName(err)
}

func init() {
	register(
		prog{name: "150_queue_woken_putter_cancelled", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 1)
			q.TryPut("first")
			var ps []*sim.Task
			for i := range 3 {
				name, item := fmt.Sprint("p", i), fmt.Sprint("cup", i)
				ps = append(ps, t.Spawn(name, func(t *sim.Task) error {
					if err := q.Put(t, item); err != nil {
						if errors.Is(err, sim.ErrCancelled) {
							o.say(name, "cancelled, full=%s", pyBool(q.Full()))
							return nil
						}
						return err
					}
					o.say(name, "put %s, qsize=%d", item, q.Len())
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			v, _ := q.TryGet()
			o.say("main", "took %s, cancelling p0", v)
			ps[0].Cancel()
			for range 2 {
				if err := t.Sleep(0); err != nil {
					return err
				}
			}
			v, _ = q.TryGet()
			o.say("main", "took %s", v)
			if err := sim.Gather(t, ps...); err != nil {
				return err
			}
			v, _ = q.TryGet()
			o.say("main", "left %s, empty=%s", v, pyBool(q.Empty()))
			return nil
		}},
		prog{name: "151_queue_join_twice_and_refill", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[float64](t.Engine(), "q", 0)
			joiner := func(name string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := q.Join(t); err != nil {
						return err
					}
					o.say(name, "joined")
					return nil
				})
			}
			w := t.Spawn("worker", func(t *sim.Task) error {
				for {
					item, err := q.Get(t)
					if err != nil {
						return err
					}
					if err := t.SleepSeconds(item); err != nil {
						return err
					}
					o.say("worker", "done %s", pyNum(item))
					q.TaskDone()
				}
			})
			q.TryPut(0.5)
			q.TryPut(0.25)
			if err := sim.Gather(t, joiner("j0"), joiner("j1")); err != nil {
				return err
			}
			other := joiner("j2")
			if err := q.Join(t); err != nil {
				return err
			}
			o.say("main", "join on a finished queue returned at once")
			q.TryPut(1)
			if err := q.Join(t); err != nil {
				return err
			}
			o.say("main", "joined again, other done=%s", pyBool(other.Done()))
			w.Cancel()
			return nil
		}},
		prog{name: "152_queue_shutdown_full_blocked_putters", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 2)
			q.TryPut("a")
			q.TryPut("b")
			var ts []*sim.Task
			for i := range 2 {
				name := fmt.Sprint("p", i)
				ts = append(ts, t.Spawn(name, func(t *sim.Task) error {
					if err := q.Put(t, fmt.Sprint("x", i)); err != nil {
						if errors.Is(err, sim.ErrClosed) {
							o.say(name, "QueueShutDown")
							return nil
						}
						return err
					}
					o.say(name, "put")
					return nil
				}))
			}
			ts = append(ts, t.Spawn("joiner", func(t *sim.Task) error {
				if err := q.Join(t); err != nil {
					return err
				}
				o.say("joiner", "joined")
				return nil
			}))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.Shutdown(false)
			o.say("main", "shutdown, qsize=%d", q.Len())
			g := t.Spawn("g", func(t *sim.Task) error {
				for {
					v, err := q.Get(t)
					if errors.Is(err, sim.ErrClosed) {
						o.say("g", "QueueShutDown")
						return nil
					} else if err != nil {
						return err
					}
					o.say("g", "got %s", v)
					q.TaskDone()
				}
			})
			// gather(*ps, g, j)
			if err := sim.Gather(t, ts[0], ts[1], g, ts[2]); err != nil {
				return err
			}
			o.say("main", "empty=%s", pyBool(q.Empty()))
			return nil
		}},
		prog{name: "153_queue_shutdown_immediate_join", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			q := sim.NewQueue[int](e, "q", 0)
			empty := sim.NewQueue[int](e, "empty", 0)
			waitingGetter := func(t *sim.Task, name string, q *sim.Queue[int]) error {
				if _, err := q.Get(t); errors.Is(err, sim.ErrClosed) {
					o.say(name, "QueueShutDown")
				} else if err != nil {
					return err
				}
				return nil
			}
			for i := range 3 {
				q.TryPut(i)
			}
			v, _ := q.TryGet()
			o.say("main", "got %d, not marked done", v)
			j := t.Spawn("joiner", func(t *sim.Task) error {
				if err := q.Join(t); err != nil {
					return err
				}
				o.say("joiner", "joined, qsize=%d", q.Len())
				return nil
			})
			g := t.Spawn("g-empty", func(t *sim.Task) error { return waitingGetter(t, "g-empty", empty) })
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.Shutdown(true)
			empty.Shutdown(true)
			o.say("main", "both shut down")
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "joiner done=%s", pyBool(j.Done()))
			q.TaskDone()
			if err := sim.Gather(t, j, g); err != nil {
				return err
			}
			func() {
				defer func() {
					if recover() != nil { // asyncio raises ValueError
						o.say("main", "ValueError: task_done() called too many times")
					}
				}()
				q.TaskDone()
			}()
			return waitingGetter(t, "late", q)
		}},
		prog{name: "154_queue_negative_maxsize_unbounded", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", -3)
			for i := range 5 {
				if err := q.Put(t, fmt.Sprint(i)); err != nil {
					return err
				}
			}
			o.say("main", "qsize=%d full=%s", q.Len(), pyBool(q.Full()))
			for !q.Empty() {
				q.TryGet()
			}
			var gs []*sim.Task
			for i := range 2 {
				name := fmt.Sprint("g", i)
				gs = append(gs, t.Spawn(name, func(t *sim.Task) error {
					v, err := q.Get(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.TryPut("a")
			q.TryPut("b")
			v, _ := q.TryGet()
			o.say("main", "stole %s", v)
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "qsize=%d", q.Len())
			q.TryPut("c")
			return sim.Gather(t, gs...)
		}},
		prog{name: "155_priority_queue_bounded_putters", main: func(o *out, t *sim.Task) error {
			type item struct {
				p     int
				drink string
			}
			show := func(it item) string { return fmt.Sprintf("(%d, '%s')", it.p, it.drink) }
			q := sim.NewPriorityQueue(t.Engine(), "q", 2, func(a, b item) bool {
				return a.p < b.p || (a.p == b.p && a.drink < b.drink)
			})
			q.TryPut(item{5, "tea"})
			q.TryPut(item{3, "latte"})
			var ps []*sim.Task
			for i, it := range []item{{1, "espresso"}, {4, "mocha"}, {0, "water"}} {
				name := fmt.Sprint("p", i)
				ps = append(ps, t.Spawn(name, func(t *sim.Task) error {
					if err := q.Put(t, it); err != nil {
						return err
					}
					o.say(name, "put %s", show(it))
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			for range 5 {
				v, _ := q.TryGet()
				o.say("main", "get %s", show(v))
				for range 2 {
					if err := t.Sleep(0); err != nil {
						return err
					}
				}
			}
			if err := sim.Gather(t, ps...); err != nil {
				return err
			}
			o.say("main", "empty=%s", pyBool(q.Empty()))
			return nil
		}},
		prog{name: "157_event_set_then_clear_same_step", main: func(o *out, t *sim.Task) error {
			ev := sim.NewEvent(t.Engine(), "ev")
			waiter := func(name string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := ev.Wait(t); err != nil {
						return err
					}
					o.say(name, "woke ok=True is_set=%s", pyBool(ev.IsSet()))
					return nil
				})
			}
			ws := []*sim.Task{waiter("w0"), waiter("w1")}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			ev.Set()
			ev.Clear()
			o.say("main", "set and cleared")
			late := waiter("late")
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "late done=%s", pyBool(late.Done()))
			ev.Set()
			ev.Set()
			if err := sim.Gather(t, ws[0], ws[1], late); err != nil {
				return err
			}
			if err := ev.Wait(t); err != nil {
				return err
			}
			o.say("main", "wait on a set event: True")
			return nil
		}},
		prog{name: "159_condition_notify_n_and_newcomer", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			var ws []*sim.Task
			for i := range 3 {
				name := fmt.Sprint("w", i)
				ws = append(ws, t.Spawn(name, func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					o.say(name, "waiting")
					if err := cond.Wait(t); err != nil {
						return err
					}
					o.say(name, "notified, has the lock")
					return t.Sleep(sec(0.5))
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.Notify(t, 2)
			g := t.Spawn("grabber", func(t *sim.Task) error {
				if err := cond.Acquire(t); err != nil {
					return err
				}
				defer cond.Release(t)
				o.say("grabber", "has the lock")
				return t.Sleep(sec(0.25))
			})
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "notified two, releasing")
			cond.Release(t)
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.Notify(t, 5)
			cond.Notify(t, 1)
			cond.Release(t)
			if err := sim.Gather(t, ws[0], ws[1], ws[2], g); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "160_condition_wait_for_producer", main: func(o *out, t *sim.Task) error {
			cond := sim.NewCondition(t.Engine(), "cond", nil)
			var stock []string
			consumer := func(name string, need int) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					var got []string
					if err := cond.WaitUntil(t, func() bool {
						if len(stock) >= need {
							got = append([]string(nil), stock[:need]...)
							return true
						}
						return false
					}); err != nil {
						return err
					}
					stock = stock[need:]
					o.say(name, "took %s", pyStrs(got))
					return nil
				})
			}
			big, small := consumer("big", 3), consumer("small", 1)
			producer := t.Spawn("producer", func(t *sim.Task) error {
				for i := range 5 {
					if err := t.Sleep(sec(0.5)); err != nil {
						return err
					}
					if err := cond.Acquire(t); err != nil {
						return err
					}
					stock = append(stock, fmt.Sprint("bean", i))
					o.say("producer", "stock=%d", len(stock))
					cond.NotifyAll(t)
					cond.Release(t)
				}
				return nil
			})
			if err := sim.Gather(t, producer, big, small); err != nil {
				return err
			}
			o.say("main", "left %s", pyStrs(stock))
			return nil
		}},
		prog{name: "161_condition_shared_lock_cancel_reacquire", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			lock := sim.NewLock(e, "lock")
			cond := sim.NewCondition(e, "cond", lock)
			var ws []*sim.Task
			for i := range 3 {
				name := fmt.Sprint("w", i)
				ws = append(ws, t.Spawn(name, func(t *sim.Task) error {
					if err := cond.Acquire(t); err != nil {
						return err
					}
					defer cond.Release(t)
					if err := cond.Wait(t); err != nil {
						o.say(name, "cancelled, holds lock=%s", pyBool(lock.Locked()))
						return err
					}
					o.say(name, "notified")
					return nil
				}))
			}
			if err := t.Sleep(0); err != nil {
				return err
			}
			h := t.Spawn("holder", func(t *sim.Task) error {
				if err := lock.Acquire(t); err != nil {
					return err
				}
				o.say("holder", "holding the lock 1 s")
				if err := t.Sleep(time.Second); err != nil {
					lock.Release(t)
					return err
				}
				lock.Release(t)
				o.say("holder", "released")
				return nil
			})
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			ws[1].Cancel()
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := cond.Acquire(t); err != nil {
				return err
			}
			cond.NotifyAll(t)
			cond.Release(t)
			errs, err := sim.GatherErrors(t, ws[0], ws[1], ws[2], h)
			if err != nil {
				return err
			}
			var rs []string
			for _, r := range errs {
				if r == nil {
					rs = append(rs, "None")
				} else {
					rs = append(rs, "'"+excName(r)+"'")
				}
			}
			o.say("main", "[%s]", strings.Join(rs, ", "))
			return nil
		}},
		prog{name: "162_semaphore_zero_signal", main: func(o *out, t *sim.Task) error {
			sem := sim.NewSemaphore(t.Engine(), "sem", 0)
			taker := func(t *sim.Task, name string) error {
				if err := sem.Acquire(t); err != nil {
					return err
				}
				o.say(name, "acquired")
				return nil
			}
			sem.Release()
			sem.Release()
			o.say("main", "locked=%s", pyBool(sem.Locked()))
			if err := taker(t, "a"); err != nil {
				return err
			}
			if err := taker(t, "b"); err != nil {
				return err
			}
			o.say("main", "locked=%s", pyBool(sem.Locked()))
			var ts []*sim.Task
			for i := range 2 {
				name := fmt.Sprint("w", i)
				ts = append(ts, t.Spawn(name, func(t *sim.Task) error { return taker(t, name) }))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			sem.Release()
			ts = append(ts, t.Spawn("newcomer", func(t *sim.Task) error { return taker(t, "newcomer") }))
			o.say("main", "released once, locked=%s", pyBool(sem.Locked()))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			sem.Release()
			sem.Release()
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
	)
}
