package conformance_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// cp2Order is an order of 090: who, how long the brew takes, the drink's future.
type cp2Order struct {
	name    string
	seconds float64
	drink   *sim.Future[string]
}

func init() {
	cp2Register(
		prog{name: "090_shop_async_baristas", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			brew := func(name string, seconds float64, machines *sim.Semaphore, drink *sim.Future[string]) sim.Func {
				return func(t *sim.Task) error {
					if err := machines.Acquire(t); err != nil {
						return err
					}
					o.say("brew", "%s's drink on a machine", name)
					err := t.Sleep(sec(seconds))
					machines.Release()
					if err != nil {
						return err
					}
					if !drink.Done() {
						drink.SetResult("drink for " + name)
					}
					return nil
				}
			}
			barista := func(me string, orders *sim.Queue[cp2Order], machines *sim.Semaphore, brews *[]*sim.Task) sim.Func {
				return func(t *sim.Task) error {
					for {
						ord, err := orders.Get(t)
						if err != nil {
							return err
						}
						if err := t.Sleep(sec(0.5)); err != nil {
							return err
						}
						o.say(me, "took %s's order", ord.name)
						*brews = append(*brews, t.Spawn("brew", brew(ord.name, ord.seconds, machines, ord.drink)))
					}
				}
			}
			customer := func(name string, seconds, patience float64, orders *sim.Queue[cp2Order]) sim.Func {
				return func(t *sim.Task) error {
					drink := sim.NewFuture[string](e, "drink of "+name)
					if err := orders.Put(t, cp2Order{name, seconds, drink}); err != nil {
						return err
					}
					var got string
					err := sim.WaitFor(t, sec(patience), func(t *sim.Task) (err error) {
						got, err = drink.Wait(t)
						return err
					})
					switch {
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "ran out of patience")
					case err != nil:
						return err
					default:
						o.say(name, "got %s", got)
					}
					return nil
				}
			}
			orders, machines, brews := sim.NewQueue[cp2Order](e, "orders", 0), sim.NewSemaphore(e, "machines", 2), []*sim.Task{}
			for _, i := range []int{1, 2} {
				me := fmt.Sprint("barista", i)
				t.Spawn(me, barista(me, orders, machines, &brews))
			}
			var customers []*sim.Task
			for _, c := range []struct {
				name        string
				s, patience float64
			}{{"ann", 3, 10}, {"bob", 2, 10}, {"cy", 4, 3}, {"dee", 1, 10}, {"eve", 2, 2.5}} {
				customers = append(customers, t.Spawn(c.name, customer(c.name, c.s, c.patience, orders)))
			}
			if err := sim.Gather(t, customers...); err != nil {
				return err
			}
			if err := sim.Gather(t, brews...); err != nil {
				return err
			}
			o.say("main", "closing")
			return nil
		}},
		prog{name: "091_shop_hands_on_arrivals", main: func(o *out, t *sim.Task) error {
			arrivals := func(queue *sim.Queue[string]) sim.Func {
				return func(t *sim.Task) error {
					for n, gap := range []float64{0.5, 0.5, 0.25, 0.25, 0.25, 3} {
						if err := t.Sleep(sec(gap)); err != nil {
							return err
						}
						who := fmt.Sprint("c", n)
						if queue.TryPut(who) {
							o.say(who, "joins the queue (%d waiting)", queue.Len())
						} else {
							o.say(who, "queue full, walks away")
						}
					}
					queue.Shutdown(false)
					return nil
				}
			}
			barista := func(queue *sim.Queue[string]) sim.Func {
				return func(t *sim.Task) error {
					served := 0
					for {
						who, err := queue.Get(t)
						if errors.Is(err, sim.ErrClosed) {
							o.say("barista", "shop closed after %d drinks", served)
							return nil
						} else if err != nil {
							return err
						}
						o.say("barista", "brewing for %s", who)
						if err := t.Sleep(time.Second); err != nil {
							return err
						}
						served++
					}
				}
			}
			queue := sim.NewQueue[string](t.Engine(), "queue", 2)
			return sim.Gather(t, t.Spawn("arrivals", arrivals(queue)), t.Spawn("barista", barista(queue)))
		}},
		prog{name: "092_shop_blocking_barista", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			customer := func(name string, drink *sim.Future[string], patience float64) sim.Func {
				return func(t *sim.Task) error {
					err := sim.WaitFor(t, sec(patience), func(t *sim.Task) error { return sim.Shield(t, drink) })
					switch {
					case err == nil:
						o.say(name, "got the drink")
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "left, too slow")
					default:
						return err
					}
					return nil
				}
			}
			type named struct {
				name  string
				drink *sim.Future[string]
			}
			barista := func(t *sim.Task, drinks []named) error {
				for _, d := range drinks {
					o.say("barista", "brewing for %s with time.sleep(2)", d.name)
					t.Block(2 * time.Second)
					d.drink.SetResult(d.name)
					if err := t.Sleep(0); err != nil {
						return err
					}
				}
				return nil
			}
			var drinks []named
			for _, n := range []string{"ann", "bob", "cy"} {
				drinks = append(drinks, named{n, sim.NewFuture[string](e, "drink of "+n)})
			}
			var waits []*sim.Task
			for i, p := range []float64{3, 3, 3} {
				waits = append(waits, t.Spawn(drinks[i].name, customer(drinks[i].name, drinks[i].drink, p)))
			}
			e.CallLater(time.Second, "", func() { o.say("door", "bell rings (due at 1 s)") })
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			if err := barista(t, drinks); err != nil {
				return err
			}
			return sim.Gather(t, waits...)
		}},
		prog{name: "093_shop_executor_mode", main: func(o *out, t *sim.Task) error {
			customer := func(name string, pool *sim.Executor, seconds, patience float64) sim.Func {
				return func(t *sim.Task) error {
					o.say(name, "orders")
					brew := sim.RunInExecutor(pool, name, sec(seconds), name+"'s flat white", nil)
					var got string
					err := sim.WaitFor(t, sec(patience), func(t *sim.Task) (err error) {
						got, err = brew.Wait(t)
						return err
					})
					switch {
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "gives up")
					case err != nil:
						return err
					default:
						o.say(name, "got %s", got)
					}
					return nil
				}
			}
			ticker := func(t *sim.Task) error {
				for range 4 {
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					o.say("till", "still serving")
				}
				return nil
			}
			pool := sim.NewExecutor(t.Engine(), "pool", 2)
			return sim.Gather(t, t.Spawn("ticker", ticker), t.Spawn("ann", customer("ann", pool, 2, 5)), t.Spawn("bob", customer("bob", pool, 3, 5)),
				t.Spawn("cy", customer("cy", pool, 1, 1.5)), t.Spawn("dee", customer("dee", pool, 1, 5)))
		}},
		prog{name: "094_shop_taskgroup_closing_time", main: func(o *out, t *sim.Task) error {
			pour := func(me string, cup int) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(sec(1.5)); err != nil {
						return err
					}
					o.say(me, "poured cup %d", cup)
					return nil
				}
			}
			barista := func(me string) sim.Func {
				return func(t *sim.Task) error {
					cup := 0
					var cupTask *sim.Task
					for {
						cup++
						cupTask = t.Spawn("pour", pour(me, cup))
						if err := sim.Shield(t, cupTask); cp2Cancelled(err) {
							if err := cupTask.Wait(t); err != nil {
								return err
							}
							o.say(me, "stopped after cup %d", cup)
							return err
						} else if err != nil {
							return err
						}
					}
				}
			}
			cm := t.Timeout(4 * time.Second)
			err := cm.Exit(sim.TaskGroup(t, func(tg *sim.Group) error {
				tg.Spawn("kim", barista("kim"))
				if err := t.Sleep(sec(1.25)); err != nil {
					return err
				}
				tg.Spawn("lee", barista("lee"))
				return nil
			}))
			if errors.Is(err, sim.ErrTimeout) {
				o.say("main", "closing time")
			} else if err != nil {
				return err
			}
			o.say("main", "lights off")
			return nil
		}},
	)
}
