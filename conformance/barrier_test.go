package conformance_test

import (
	"errors"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{name: "050_barrier_filling", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 3)
			party := func(name string, d time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					o.say(name, "arrives, n_waiting=%d", b.Waiting())
					i, err := b.Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "passes with index %d", i)
					return nil
				})
			}
			if err := sim.Gather(t, party("ann", time.Second), party("bob", 2*time.Second), party("cy", 3*time.Second)); err != nil {
				return err
			}
			o.say("main", "parties=%d n_waiting=%d broken=%s", b.Parties(), b.Waiting(), pyBool(b.Broken()))
			return nil
		}},
		prog{name: "051_barrier_cancelled_waiter", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 3)
			party := func(name string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					i, err := b.Wait(t)
					if isCancel(err) {
						o.say(name, "cancelled while waiting, n_waiting=%d", b.Waiting())
						return err
					} else if err != nil {
						return err
					}
					o.say(name, "passes with index %d", i)
					return nil
				})
			}
			a, bb := party("a"), party("b")
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d, cancel a", b.Waiting())
			a.Cancel()
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d", b.Waiting())
			c, d := party("c"), party("d")
			if err := sim.Gather(t, bb, c, d); err != nil {
				return err
			}
			o.say("main", "a cancelled=%s broken=%s", pyBool(a.Cancelled()), pyBool(b.Broken()))
			return nil
		}},
		prog{name: "052_barrier_cyclic_reuse", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 2)
			party := func(name string, pace time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					for round := range 3 {
						if err := t.Sleep(pace); err != nil {
							return err
						}
						i, err := b.Wait(t)
						if err != nil {
							return err
						}
						o.say(name, "round %d index %d", round, i)
					}
					return nil
				})
			}
			if err := sim.Gather(t, party("fast", sec(0.5)), party("slow", sec(1.25))); err != nil {
				return err
			}
			o.say("main", "n_waiting=%d", b.Waiting())
			return nil
		}},
		prog{name: "053_barrier_reset", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 3)
			party := func(name string) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					i, err := b.Wait(t)
					if errors.Is(err, sim.ErrBrokenBarrier) {
						o.say(name, "%s (broken=%s)", errName(err), pyBool(b.Broken()))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "passes with index %d", i)
					return nil
				})
			}
			first := []*sim.Task{party("a"), party("b")}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "reset")
			if err := b.Reset(t); err != nil {
				return err
			}
			o.say("main", "reset returned, broken=%s", pyBool(b.Broken()))
			if err := sim.Gather(t, first...); err != nil {
				return err
			}
			if err := sim.Gather(t, party("c"), party("d"), party("e")); err != nil {
				return err
			}
			o.say("main", "broken=%s", pyBool(b.Broken()))
			return nil
		}},
		prog{name: "054_barrier_abort", main: func(o *out, t *sim.Task) error {
			b := sim.NewBarrier(t.Engine(), "barrier", 3)
			partyBody := func(name string) sim.Func {
				return func(t *sim.Task) error {
					i, err := b.Wait(t)
					if errors.Is(err, sim.ErrBrokenBarrier) {
						o.say(name, "%s", errName(err))
						return nil
					} else if err != nil {
						return err
					}
					o.say(name, "passes with index %d", i)
					return nil
				}
			}
			party := func(name string) *sim.Task { return t.Spawn(name, partyBody(name)) }
			waiting := []*sim.Task{party("a"), party("b")}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := b.Abort(t); err != nil {
				return err
			}
			o.say("main", "aborted, broken=%s", pyBool(b.Broken()))
			if err := sim.Gather(t, waiting...); err != nil {
				return err
			}
			if err := partyBody("late")(t); err != nil {
				return err
			}
			if err := b.Reset(t); err != nil {
				return err
			}
			o.say("main", "after reset broken=%s", pyBool(b.Broken()))
			return sim.Gather(t, party("x"), party("y"), party("z"))
		}},
		prog{name: "055_barrier_async_with_index", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			solo := sim.NewBarrier(e, "solo", 1)
			for range 2 {
				i, err := solo.Wait(t)
				if err != nil {
					return err
				}
				o.say("main", "solo index %d", i)
			}
			pair := sim.NewBarrier(e, "pair", 2)
			runner := func(name string, d time.Duration) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					if err := t.Sleep(d); err != nil {
						return err
					}
					i, err := pair.Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "through with index %d", i)
					return nil
				})
			}
			return sim.Gather(t, runner("x", 2*time.Second), runner("y", time.Second), runner("z", 3*time.Second), runner("w", 3*time.Second))
		}},
	)
}
