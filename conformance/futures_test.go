package conformance_test

import (
	"errors"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	register(
		prog{name: "022_task_result_exception_states", main: func(o *out, t *sim.Task) error {
			ok := sim.SpawnValue(t, "ok", func(t *sim.Task) (int, error) {
				if err := t.Sleep(time.Second); err != nil {
					return 0, err
				}
				return 42, nil
			})
			bad := t.Spawn("bad", func(t *sim.Task) error {
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				return raise("ValueError", "milk ran out")
			})
			slow := t.Spawn("slow", func(t *sim.Task) error { return t.Sleep(9 * time.Second) })
			if _, _, done := ok.Result(); !done {
				o.say("main", "result() too early: InvalidStateError: Result is not set.")
			}
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			slow.Cancel()
			if err := t.Sleep(0); err != nil {
				return err
			}
			v, err, _ := ok.Result()
			exc := "None"
			if err != nil {
				exc = errName(err)
			}
			o.say("main", "ok: done=%s result=%d exception=%s", pyBool(ok.Done()), v, exc)
			o.say("main", "bad: done=%s exception=%s", pyBool(bad.Done()), errName(bad.Err()))
			if err := bad.Err(); err != nil {
				o.say("main", "bad.result() raised %s", errName(err))
			}
			o.say("main", "slow: cancelled=%s", pyBool(slow.Cancelled()))
			if err := slow.Err(); isCancel(err) {
				o.say("main", "slow.exception() raised %s", errName(err))
			}
			return nil
		}},
		prog{name: "023_future_set_exception_two_awaiters", main: func(o *out, t *sim.Task) error {
			drink := sim.NewFuture[string](t.Engine(), "drink")
			var ts []*sim.Task
			for _, n := range []string{"ann", "bob", "cy"} {
				ts = append(ts, t.Spawn(n, func(t *sim.Task) error {
					v, err := drink.Wait(t)
					var pe *pyErr
					if errors.As(err, &pe) {
						o.say(n, "failed: %s", errName(err))
						return nil
					}
					if err != nil {
						return err
					}
					o.say(n, "got %s", v)
					return nil
				}))
			}
			if err := t.Sleep(sec(1.5)); err != nil {
				return err
			}
			drink.SetError(raise("RuntimeError", "machine broke"))
			if drink.Done() { // set_result on a done future raises InvalidStateError
				o.say("main", "second set: InvalidStateError: invalid state")
			}
			if err := sim.Gather(t, ts...); err != nil {
				return err
			}
			o.say("main", "done")
			return nil
		}},
		prog{name: "024_future_cancel_callbacks", main: func(o *out, t *sim.Task) error {
			fut := sim.NewFuture[string](t.Engine(), "fut")
			fut.AddDoneCallback(func(f *sim.Future[string]) { o.say("cb1", "cancelled=%s", pyBool(f.Cancelled())) })
			w := t.Spawn("w", func(t *sim.Task) error {
				_, err := fut.Wait(t)
				if isCancel(err) {
					o.say("w", "got %s", errName(err))
				}
				return nil
			})
			if err := t.Sleep(0); err != nil {
				return err
			}
			fut.AddDoneCallback(func(f *sim.Future[string]) { o.say("cb2", "cancelled=%s", pyBool(f.Cancelled())) })
			o.say("main", "cancel -> %s", pyBool(fut.CancelMsg("no beans")))
			o.say("main", "cancel again -> %s", pyBool(fut.Cancel()))
			if err := w.Wait(t); err != nil {
				return err
			}
			o.say("main", "done=%s", pyBool(fut.Done()))
			return nil
		}},
		prog{name: "025_cancel_after_result_set", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			d1, d2 := sim.NewFuture[string](e, "d1"), sim.NewFuture[string](e, "d2")
			customer := func(name string, drink *sim.Future[string]) sim.Func {
				return func(t *sim.Task) error {
					v, err := drink.Wait(t)
					if isCancel(err) {
						o.say(name, "CancelledError although drink done=%s", pyBool(drink.Done()))
						return err
					}
					o.say(name, "got %s", v)
					return err
				}
			}
			t1 := t.Spawn("ann", customer("ann", d1))
			t2 := t.Spawn("bob", customer("bob", d2))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			d1.SetResult("latte")
			o.say("main", "cancel ann after her drink is set -> %s", pyBool(t1.Cancel()))
			o.say("main", "cancel bob before his drink is set -> %s", pyBool(t2.Cancel()))
			o.say("main", "bob's drink cancelled=%s", pyBool(d2.Cancelled()))
			if _, err := sim.GatherErrors(t, t1, t2); err != nil {
				return err
			}
			o.say("main", "ann cancelled=%s bob cancelled=%s", pyBool(t1.Cancelled()), pyBool(t2.Cancelled()))
			return nil
		}},
	)
}
