package conformance_test

import (
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{name: "070_queue_running_task_takes_item_first", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			g := t.Spawn("getter", func(t *sim.Task) error {
				o.say("getter", "waiting")
				v, err := q.Get(t)
				if err != nil {
					return err
				}
				o.say("getter", "got %s", v)
				return nil
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.TryPut("first")
			v, _ := q.TryGet()
			o.say("main", "took %s before the getter ran", v)
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.TryPut("second")
			o.say("main", "put second")
			if err := g.Wait(t); err != nil {
				return err
			}
			o.say("main", "empty=%s", pyBool(q.Empty()))
			return nil
		}},
		prog{name: "071_queue_maxsize_putters", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 2)
			p := t.Spawn("p", func(t *sim.Task) error {
				for _, item := range []string{"a", "b", "c", "d"} {
					o.say("p", "put %s (qsize=%d, full=%s)", item, q.Len(), pyBool(q.Full()))
					if err := q.Put(t, item); err != nil {
						return err
					}
					o.say("p", "put %s done", item)
				}
				return nil
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			v, _ := q.TryGet()
			o.say("main", "get %s", v)
			q.TryPut("x")
			o.say("main", "put_nowait x took the slot")
			for range 3 {
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				v, err := q.Get(t)
				if err != nil {
					return err
				}
				o.say("main", "get %s", v)
			}
			if err := p.Wait(t); err != nil {
				return err
			}
			v, _ = q.TryGet()
			o.say("main", "left: %s", v)
			return nil
		}},
		prog{name: "072_queue_join_task_done", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[int](t.Engine(), "q", 0)
			for _, s := range []int{2, 1, 3, 1} {
				q.TryPut(s)
			}
			var ws []*sim.Task
			for i := range 2 {
				name := fmt.Sprint("w", i)
				ws = append(ws, t.Spawn(name, func(t *sim.Task) error {
					for {
						order, err := q.Get(t)
						if err != nil {
							return err
						}
						if err := t.Sleep(time.Duration(order) * time.Second); err != nil {
							return err
						}
						o.say(name, "made a %d s drink", order)
						q.TaskDone()
					}
				}))
			}
			if err := q.Join(t); err != nil {
				return err
			}
			o.say("main", "all orders done")
			func() {
				defer func() {
					if recover() != nil { // asyncio raises ValueError
						o.say("main", "ValueError: task_done() called too many times")
					}
				}()
				q.TaskDone()
			}()
			for _, w := range ws {
				w.Cancel()
			}
			if _, err := sim.GatherErrors(t, ws...); err != nil {
				return err
			}
			n := 0
			for _, w := range ws {
				if w.Cancelled() {
					n++
				}
			}
			o.say("main", "workers cancelled=%d", n)
			return nil
		}},
		prog{name: "073_queue_lifo", main: func(o *out, t *sim.Task) error {
			q := sim.NewLifoQueue[string](t.Engine(), "q", 0)
			for _, c := range []string{"cup1", "cup2", "cup3"} {
				q.TryPut(c)
			}
			a, _ := q.TryGet()
			b, _ := q.TryGet()
			c, _ := q.TryGet()
			o.say("main", "stack order: %s %s %s", a, b, c)
			var ts []*sim.Task
			for i := range 2 {
				name := fmt.Sprint("t", i)
				ts = append(ts, t.Spawn(name, func(t *sim.Task) error {
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
			q.TryPut("plate1")
			q.TryPut("plate2")
			return sim.Gather(t, ts...)
		}},
		prog{name: "074_queue_priority", main: func(o *out, t *sim.Task) error {
			type item struct {
				p     int
				drink string
			}
			q := sim.NewPriorityQueue(t.Engine(), "q", 0, func(a, b item) bool {
				return a.p < b.p || (a.p == b.p && a.drink < b.drink)
			})
			for _, it := range []item{{2, "latte"}, {1, "espresso"}, {3, "tea"}, {1, "americano"}, {2, "cappuccino"}} {
				if err := q.Put(t, it); err != nil {
					return err
				}
			}
			for !q.Empty() {
				it, err := q.Get(t)
				if err != nil {
					return err
				}
				o.say("main", "%d %s", it.p, it.drink)
			}
			w := sim.SpawnValue(t, "waiter", func(t *sim.Task) (item, error) { return q.Get(t) })
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.TryPut(item{5, "water"})
			q.TryPut(item{0, "vip"})
			got, err := w.Wait(t)
			if err != nil {
				return err
			}
			left, _ := q.TryGet()
			o.say("main", "waiter got %s, left %s", got.drink, left.drink)
			return nil
		}},
	)
}

func init() {
	register(
		prog{name: "075_queue_shutdown", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[int](t.Engine(), "q", 2)
			p := t.Spawn("producer", func(t *sim.Task) error {
				for i := range 10 {
					if err := q.Put(t, i); err != nil {
						o.say("producer", "put %d refused", i)
						return nil
					}
				}
				return nil
			})
			c := t.Spawn("c", func(t *sim.Task) error {
				for {
					item, err := q.Get(t)
					if err != nil {
						o.say("c", "queue shut down")
						return nil
					}
					o.say("c", "got %d", item)
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
				}
			})
			if err := t.Sleep(sec(2.5)); err != nil {
				return err
			}
			q.Shutdown(false)
			o.say("main", "shutdown, qsize=%d", q.Len())
			if !q.TryPut(99) && q.Closed() {
				o.say("main", "put_nowait refused")
			}
			if err := sim.Gather(t, p, c); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "076_queue_shutdown_immediate", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			q.TryPut("early")
			j := t.Spawn("joiner", func(t *sim.Task) error {
				if err := q.Join(t); err != nil {
					return err
				}
				o.say("joiner", "join returned")
				return nil
			})
			var gs []*sim.Task
			for i := range 4 {
				name := fmt.Sprint("g", i)
				gs = append(gs, t.Spawn(name, func(t *sim.Task) error {
					v, err := q.Get(t)
					if err != nil {
						o.say(name, "QueueShutDown")
						return nil
					}
					o.say(name, "got %s", v)
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.TaskDone()
			for _, item := range []string{"a", "b", "c"} {
				q.TryPut(item)
			}
			o.say("main", "put 3, qsize=%d, shutdown(immediate=True)", q.Len())
			q.Shutdown(true)
			o.say("main", "qsize=%d", q.Len())
			if err := sim.Gather(t, append(gs, j)...); err != nil {
				return err
			}
			if _, err := q.Get(t); err != nil {
				o.say("main", "get after shutdown: QueueShutDown")
			}
			return nil
		}},
		prog{name: "077_queue_woken_getter_cancelled", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			var gs []*sim.Task
			for i := range 3 {
				name := fmt.Sprint("g", i)
				gs = append(gs, t.Spawn(name, func(t *sim.Task) error {
					v, err := q.Get(t)
					if isCancel(err) {
						o.say(name, "cancelled, qsize=%d", q.Len())
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.TryPut("muffin")
			gs[0].Cancel()
			o.say("main", "put muffin, cancelled g0")
			for range 2 {
				if err := t.Sleep(0); err != nil {
					return err
				}
			}
			q.TryPut("scone")
			if err := sim.Gather(t, gs...); err != nil {
				return err
			}
			o.say("main", "qsize=%d", q.Len())
			return nil
		}},
		prog{name: "078_queue_putters_and_getters_same_step", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			getter := func(name string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					v, err := q.Get(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				})
			}
			var ws []*sim.Task
			for i := range 3 {
				ws = append(ws, getter(fmt.Sprint("w", i)))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			for _, item := range []string{"a", "b", "c"} {
				q.TryPut(item)
			}
			n := getter("new")
			o.say("main", "put a b c, started a newcomer")
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "qsize=%d", q.Len())
			q.TryPut("d")
			return sim.Gather(t, append(ws, n)...)
		}},
		prog{name: "079_queue_get_cancelled_item_kept", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			only := t.Spawn("only", func(t *sim.Task) error {
				v, err := q.Get(t)
				if isCancel(err) {
					o.say("only", "cancelled, qsize=%d", q.Len())
					return nil
				} else if err != nil {
					return err
				}
				o.say("only", "got %s", v)
				return nil
			})
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.TryPut("pretzel")
			only.Cancel()
			for range 2 {
				if err := t.Sleep(0); err != nil {
					return err
				}
			}
			n := q.Len()
			v, _ := q.TryGet()
			o.say("main", "qsize=%d, took %s", n, v)
			if _, ok := q.TryGet(); !ok {
				o.say("main", "QueueEmpty")
			}
			return nil
		}},
	)
}
