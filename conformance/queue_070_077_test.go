package conformance_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 070-077: Queue, LifoQueue, PriorityQueue, join and
// shutdown.

// taskDoneCP1 is q.task_done(): sim panics on a task_done too many, where
// asyncio raises ValueError; the panic becomes that exception.
func taskDoneCP1[T any](q *sim.Queue[T]) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if s, ok := r.(string); ok && strings.Contains(s, "TaskDone called too many times") {
				err = raise("ValueError", "task_done() called too many times")
				return
			}
			panic(r)
		}
	}()
	q.TaskDone()
	return nil
}

// drink is the (priority, name) tuple of program 074.
type drink struct {
	prio int
	name string
}

func init() {
	register(
		prog{name: "070_queue_running_task_takes_item_first", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			g := t.Spawn("getter", func(t *sim.Task) error {
				o.say("getter", "waiting")
				item, err := q.Get(t)
				if err != nil {
					return err
				}
				o.say("getter", "got %s", item)
				return nil
			})
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			q.TryPut("first")
			item, ok := q.TryGet()
			if !ok {
				return raise("QueueEmpty", "")
			}
			o.say("main", "took %s before the getter ran", item)
			if err := t.Sleep(sec(1)); err != nil {
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
			producer := func(name string, items ...string) sim.Func {
				return func(t *sim.Task) error {
					for _, item := range items {
						o.say(name, "put %s (qsize=%d, full=%s)", item, q.Len(), pyBool(q.Full()))
						if err := q.Put(t, item); err != nil {
							return err
						}
						o.say(name, "put %s done", item)
					}
					return nil
				}
			}
			p := t.Spawn("p", producer("p", "a", "b", "c", "d"))
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			item, ok := q.TryGet()
			if !ok {
				return raise("QueueEmpty", "")
			}
			o.say("main", "get %s", item)
			if !q.TryPut("x") {
				return raise("QueueFull", "")
			}
			o.say("main", "put_nowait x took the slot")
			for range 3 {
				if err := t.Sleep(sec(1)); err != nil {
					return err
				}
				item, err := q.Get(t)
				if err != nil {
					return err
				}
				o.say("main", "get %s", item)
			}
			if err := p.Wait(t); err != nil {
				return err
			}
			item, ok = q.TryGet()
			if !ok {
				return raise("QueueEmpty", "")
			}
			o.say("main", "left: %s", item)
			return nil
		}},
		prog{name: "072_queue_join_task_done", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[int](t.Engine(), "q", 0)
			worker := func(name string) sim.Func {
				return func(t *sim.Task) error {
					for {
						order, err := q.Get(t)
						if err != nil {
							return err
						}
						if err := t.Sleep(sec(float64(order))); err != nil {
							return err
						}
						o.say(name, "made a %d s drink", order)
						if err := taskDoneCP1(q); err != nil {
							return err
						}
					}
				}
			}
			for _, s := range []int{2, 1, 3, 1} {
				q.TryPut(s)
			}
			var workers []*sim.Task
			for i := range 2 {
				n := fmt.Sprint("w", i)
				workers = append(workers, t.Spawn(n, worker(n)))
			}
			if err := q.Join(t); err != nil {
				return err
			}
			o.say("main", "all orders done")
			if err := taskDoneCP1(q); err != nil {
				var pe *pyErr
				if !errors.As(err, &pe) || pe.typ != "ValueError" {
					return err
				}
				o.say("main", "%s", errName(err))
			}
			for _, w := range workers {
				w.Cancel()
			}
			if _, err := sim.GatherErrors(t, workers...); err != nil {
				return err
			}
			n := 0
			for _, w := range workers {
				if w.Cancelled() {
					n++
				}
			}
			o.say("main", "workers cancelled=%d", n)
			return nil
		}},
		prog{name: "073_queue_lifo", main: func(o *out, t *sim.Task) error {
			q := sim.NewLifoQueue[string](t.Engine(), "q", 0)
			for _, cup := range []string{"cup1", "cup2", "cup3"} {
				q.TryPut(cup)
			}
			var got []string
			for range 3 {
				v, ok := q.TryGet()
				if !ok {
					return raise("QueueEmpty", "")
				}
				got = append(got, v)
			}
			o.say("main", "stack order: %s", strings.Join(got, " "))
			var takers []*sim.Task
			for i := range 2 {
				name := fmt.Sprint("t", i)
				takers = append(takers, t.Spawn(name, func(t *sim.Task) error {
					v, err := q.Get(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}))
			}
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			q.TryPut("plate1")
			q.TryPut("plate2")
			return sim.Gather(t, takers...)
		}},
		prog{name: "074_queue_priority", main: func(o *out, t *sim.Task) error {
			q := sim.NewPriorityQueue(t.Engine(), "q", 0, func(a, b drink) bool {
				if a.prio != b.prio {
					return a.prio < b.prio
				}
				return a.name < b.name
			})
			for _, item := range []drink{{2, "latte"}, {1, "espresso"}, {3, "tea"}, {1, "americano"}, {2, "cappuccino"}} {
				if err := q.Put(t, item); err != nil {
					return err
				}
			}
			for !q.Empty() {
				d, err := q.Get(t)
				if err != nil {
					return err
				}
				o.say("main", "%d %s", d.prio, d.name)
			}
			waiter := sim.SpawnValue(t, "waiter", q.Get)
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			q.TryPut(drink{5, "water"})
			q.TryPut(drink{0, "vip"})
			w, err := waiter.Wait(t)
			if err != nil {
				return err
			}
			left, ok := q.TryGet()
			if !ok {
				return raise("QueueEmpty", "")
			}
			o.say("main", "waiter got %s, left %s", w.name, left.name)
			return nil
		}},
		prog{name: "075_queue_shutdown", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[int](t.Engine(), "q", 2)
			consumer := func(name string) sim.Func {
				return func(t *sim.Task) error {
					for {
						item, err := q.Get(t)
						if errors.Is(err, sim.ErrClosed) {
							o.say(name, "queue shut down")
							return nil
						} else if err != nil {
							return err
						}
						o.say(name, "got %d", item)
						if err := t.Sleep(sec(1)); err != nil {
							return err
						}
					}
				}
			}
			producer := func(t *sim.Task) error {
				for i := range 10 {
					if err := q.Put(t, i); errors.Is(err, sim.ErrClosed) {
						o.say("producer", "put %d refused", i)
						return nil
					} else if err != nil {
						return err
					}
				}
				return nil
			}
			p := t.Spawn("producer", producer)
			c := t.Spawn("c", consumer("c"))
			if err := t.Sleep(sec(2.5)); err != nil {
				return err
			}
			q.Shutdown(false)
			o.say("main", "shutdown, qsize=%d", q.Len())
			if !q.TryPut(99) {
				if !q.Closed() {
					return raise("QueueFull", "")
				}
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
			getter := func(name string) sim.Func {
				return func(t *sim.Task) error {
					v, err := q.Get(t)
					if errors.Is(err, sim.ErrClosed) {
						o.say(name, "QueueShutDown")
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}
			}
			q.TryPut("early")
			j := t.Spawn("joiner", func(t *sim.Task) error {
				if err := q.Join(t); err != nil {
					return err
				}
				o.say("joiner", "join returned")
				return nil
			})
			var getters []*sim.Task
			for i := range 4 {
				n := fmt.Sprint("g", i)
				getters = append(getters, t.Spawn(n, getter(n)))
			}
			if err := t.Sleep(sec(1)); err != nil {
				return err
			}
			if err := taskDoneCP1(q); err != nil {
				return err
			}
			for _, item := range []string{"a", "b", "c"} {
				q.TryPut(item)
			}
			o.say("main", "put 3, qsize=%d, shutdown(immediate=True)", q.Len())
			q.Shutdown(true)
			o.say("main", "qsize=%d", q.Len())
			if err := sim.Gather(t, append(getters, j)...); err != nil {
				return err
			}
			if _, err := q.Get(t); errors.Is(err, sim.ErrClosed) {
				o.say("main", "get after shutdown: QueueShutDown")
			} else if err != nil {
				return err
			}
			return nil
		}},
		prog{name: "077_queue_woken_getter_cancelled", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			getter := func(name string) sim.Func {
				return func(t *sim.Task) error {
					v, err := q.Get(t)
					if errors.Is(err, sim.ErrCancelled) {
						o.say(name, "cancelled, qsize=%d", q.Len())
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}
			}
			var gs []*sim.Task
			for i := range 3 {
				n := fmt.Sprint("g", i)
				gs = append(gs, t.Spawn(n, getter(n)))
			}
			if err := t.Sleep(sec(1)); err != nil {
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
	)
}
