package conformance_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{name: "090_shop_async_baristas", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			type order struct {
				name    string
				seconds float64
				drink   *sim.Future[string]
			}
			orders := sim.NewQueue[order](e, "orders", 0)
			machines := sim.NewSemaphore(e, "machines", 2)
			var brews []*sim.Task
			for _, me := range []string{"barista1", "barista2"} {
				t.Spawn(me, func(t *sim.Task) error {
					for {
						ord, err := orders.Get(t)
						if err != nil {
							return err
						}
						if err := t.Sleep(sec(0.5)); err != nil {
							return err
						}
						o.say(me, "took %s's order", ord.name)
						brews = append(brews, t.Spawn("brew", func(t *sim.Task) error {
							if err := machines.Acquire(t); err != nil {
								return err
							}
							o.say("brew", "%s's drink on a machine", ord.name)
							err := t.Sleep(sec(ord.seconds))
							machines.Release()
							if err != nil {
								return err
							}
							if !ord.drink.Done() {
								ord.drink.SetResult("drink for " + ord.name)
							}
							return nil
						}))
					}
				})
			}
			var cs []*sim.Task
			for _, c := range []struct {
				name              string
				seconds, patience float64
			}{{"ann", 3, 10}, {"bob", 2, 10}, {"cy", 4, 3}, {"dee", 1, 10}, {"eve", 2, 2.5}} {
				cs = append(cs, t.Spawn(c.name, func(t *sim.Task) error {
					drink := sim.NewFuture[string](e, "drink")
					if err := orders.Put(t, order{c.name, c.seconds, drink}); err != nil {
						return err
					}
					err := sim.WaitFor(t, sec(c.patience), drink.Await)
					switch {
					case err == nil:
						v, _, _ := drink.Result()
						o.say(c.name, "got %s", v)
					case errors.Is(err, sim.ErrTimeout):
						o.say(c.name, "ran out of patience")
					default:
						return err
					}
					return nil
				}))
			}
			if err := sim.Gather(t, cs...); err != nil {
				return err
			}
			if err := sim.Gather(t, brews...); err != nil {
				return err
			}
			o.say("main", "closing")
			return nil
		}},
		prog{name: "091_shop_hands_on_arrivals", main: func(o *out, t *sim.Task) error {
			queue := sim.NewQueue[string](t.Engine(), "queue", 2)
			a := t.Spawn("arrivals", func(t *sim.Task) error {
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
			})
			b := t.Spawn("barista", func(t *sim.Task) error {
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
			})
			return sim.Gather(t, a, b)
		}},
	)
}

func init() {
	register(
		prog{name: "092_shop_blocking_barista", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			type drink struct {
				name string
				f    *sim.Future[string]
			}
			var drinks []drink
			for _, n := range []string{"ann", "bob", "cy"} {
				drinks = append(drinks, drink{n, sim.NewFuture[string](e, n)})
			}
			var waits []*sim.Task
			for _, d := range drinks {
				waits = append(waits, t.Spawn(d.name, func(t *sim.Task) error {
					err := sim.WaitFor(t, 3*time.Second, func(t *sim.Task) error { return sim.Shield(t, d.f) })
					switch {
					case err == nil:
						o.say(d.name, "got the drink")
					case errors.Is(err, sim.ErrTimeout):
						o.say(d.name, "left, too slow")
					default:
						return err
					}
					return nil
				}))
			}
			e.CallLater(time.Second, "", func() { o.say("door", "bell rings (due at 1 s)") })
			if err := t.Sleep(sec(0.5)); err != nil {
				return err
			}
			for _, d := range drinks {
				o.say("barista", "brewing for %s with time.sleep(2)", d.name)
				t.Block(2 * time.Second)
				d.f.SetResult(d.name)
				if err := t.Sleep(0); err != nil {
					return err
				}
			}
			return sim.Gather(t, waits...)
		}},
		prog{name: "093_shop_executor_mode", main: func(o *out, t *sim.Task) error {
			pool := sim.NewExecutor(t.Engine(), "pool", 2)
			tk := t.Spawn("till", func(t *sim.Task) error {
				for range 4 {
					if err := t.Sleep(time.Second); err != nil {
						return err
					}
					o.say("till", "still serving")
				}
				return nil
			})
			customer := func(name string, seconds, patience float64) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					o.say(name, "orders")
					brew := sim.RunInExecutor(pool, name, sec(seconds), name+"'s flat white", nil)
					err := sim.WaitFor(t, sec(patience), brew.Await)
					switch {
					case err == nil:
						v, _, _ := brew.Result()
						o.say(name, "got %s", v)
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "gives up")
					default:
						return err
					}
					return nil
				})
			}
			return sim.Gather(t, tk, customer("ann", 2, 5), customer("bob", 3, 5), customer("cy", 1, 1.5), customer("dee", 1, 5))
		}},
		prog{name: "094_shop_taskgroup_closing_time", main: func(o *out, t *sim.Task) error {
			barista := func(me string) sim.Func {
				return func(t *sim.Task) error {
					cup := 0
					for {
						cup++
						n := cup
						cupTask := t.Spawn("pour", func(t *sim.Task) error {
							if err := t.Sleep(sec(1.5)); err != nil {
								return err
							}
							o.say(me, "poured cup %d", n)
							return nil
						})
						if err := sim.Shield(t, cupTask); err != nil {
							if err := cupTask.Wait(t); err != nil {
								return err
							}
							o.say(me, "stopped after cup %d", cup)
							return sim.ErrCancelled
						}
					}
				}
			}
			cm := t.Timeout(4 * time.Second)
			err := cm.Exit(sim.TaskGroup(t, func(g *sim.Group) error {
				g.Spawn("kim", barista("kim"))
				if err := t.Sleep(sec(1.25)); err != nil {
					return err
				}
				g.Spawn("lee", barista("lee"))
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
