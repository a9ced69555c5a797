package conformance_test

import (
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	cp2Register(
		prog{name: "078_queue_putters_and_getters_same_step", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			getter := func(name string) sim.Func {
				return func(t *sim.Task) error {
					v, err := q.Get(t)
					if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}
			}
			var waiting []*sim.Task
			for i := range 3 {
				name := fmt.Sprint("w", i)
				waiting = append(waiting, t.Spawn(name, getter(name)))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			for _, item := range []string{"a", "b", "c"} {
				q.TryPut(item)
			}
			newcomer := t.Spawn("new", getter("new"))
			o.say("main", "put a b c, started a newcomer")
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "qsize=%d", q.Len())
			q.TryPut("d")
			return sim.Gather(t, append(waiting, newcomer)...)
		}},
		prog{name: "079_queue_get_cancelled_item_kept", main: func(o *out, t *sim.Task) error {
			q := sim.NewQueue[string](t.Engine(), "q", 0)
			getter := func(name string) sim.Func {
				return func(t *sim.Task) error {
					v, err := q.Get(t)
					if cp2Cancelled(err) {
						o.say(name, "cancelled, qsize=%d", q.Len())
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "got %s", v)
					return nil
				}
			}
			only := t.Spawn("only", getter("only"))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q.TryPut("pretzel")
			only.Cancel()
			if err := t.Sleep(0); err != nil {
				return err
			}
			if err := t.Sleep(0); err != nil {
				return err
			}
			n := q.Len()
			v, ok := q.TryGet()
			if !ok {
				return raise("QueueEmpty", "")
			}
			o.say("main", "qsize=%d, took %s", n, v)
			if _, ok := q.TryGet(); !ok {
				o.say("main", "QueueEmpty")
			}
			return nil
		}},
	)
}
