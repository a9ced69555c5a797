package conformance_test

import (
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 134-138 (done-callbacks, cancel messages, as_completed, loop handles).

func init() {
	register(
		prog{name: "134_future_callbacks_after_done", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			fut := sim.NewFuture[int](e, "fut")
			var cb func(name string) func(*sim.Future[int])
			cb = func(name string) func(*sim.Future[int]) {
				return func(f *sim.Future[int]) {
					v, _, _ := f.Result()
					o.say(name, "result %d", v)
					if name == "first" {
						f.AddDoneCallback(cb("added-by-first"))
					}
				}
			}
			fut.AddDoneCallback(cb("first"))
			gone := fut.AddDoneCallback(cb("gone"))
			o.say("main", "remove gone -> %d", fut.RemoveDoneCallback(gone))
			e.CallSoon("", func() { o.say("soon", "queued before set_result") })
			fut.SetResult(7)
			e.CallSoon("", func() { o.say("soon", "queued after set_result") })
			late := fut.AddDoneCallback(cb("late"))
			o.say("main", "remove late -> %d", fut.RemoveDoneCallback(late))
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "after one sleep(0)")
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "after two")
			return nil
		}},
		prog{name: "135_cancel_message_through_primitives", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			lock := sim.NewLock(e, "lock")
			if err := lock.Acquire(t); err != nil {
				return err
			}
			event := sim.NewEvent(e, "event")
			queue := sim.NewQueue[int](e, "queue", 0)
			long := t.Spawn("long", func(t *sim.Task) error { return t.Sleep(100 * time.Second) })
			waits := []struct {
				name string
				wait sim.Func
			}{
				{"sleep", func(t *sim.Task) error { return t.Sleep(100 * time.Second) }},
				{"shield", func(t *sim.Task) error { return sim.Shield(t, long) }},
				{"wait", func(t *sim.Task) error {
					_, _, err := sim.Wait(t, []sim.Awaitable{long}, sim.AllCompleted, sim.NoTimeout)
					return err
				}},
				{"event", event.Wait},
				{"lock", lock.Acquire},
				{"queue", func(t *sim.Task) error { _, err := queue.Get(t); return err }},
				{"gather", func(t *sim.Task) error {
					return sim.Gather(t, t.Spawn("sleeper", func(t *sim.Task) error { return t.Sleep(100 * time.Second) }))
				}},
			}
			var tasks []*sim.Task
			for _, w := range waits {
				tasks = append(tasks, t.Spawn(w.name, func(t *sim.Task) error {
					if err := w.wait(t); isCancel(err) {
						o.say(w.name, "%s", errName(err))
					}
					return nil
				}))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			for _, c := range tasks {
				c.CancelMsg("stop " + c.Name())
			}
			if err := sim.Gather(t, tasks...); err != nil {
				return err
			}
			long.Cancel()
			return nil
		}},
		prog{name: "136_gather_return_exceptions_caller_cancelled", main: func(o *out, t *sim.Task) error {
			child := func(name string, catch bool) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					err := t.Sleep(10 * time.Second)
					if err == nil {
						return "", nil
					}
					o.say(name, "caught %s", errName(err))
					if !catch {
						return "", err
					}
					if err := t.Sleep(sec(0.5)); err != nil {
						return "", err
					}
					return name + " kept going", nil
				}
			}
			for _, c := range []struct {
				label       string
				lastCatches bool
			}{{"ends", false}, {"catches", true}} {
				label := c.label
				caller := t.Spawn(label, func(t *sim.Task) error {
					a := sim.SpawnValue(t, label+"-a", child(label+"-a", true))
					b := sim.SpawnValue(t, label+"-b", child(label+"-b", c.lastCatches))
					_, err := sim.GatherErrors(t, a.Task, b.Task)
					if isCancel(err) {
						av, _, _ := a.Result()
						o.say(label, "gather raised %s; a -> %s", errName(err), av)
					}
					return err
				})
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				caller.CancelMsg(label + " cancelled")
				if _, err := sim.GatherErrors(t, caller); err != nil {
					return err
				}
			}
			return nil
		}},
		prog{name: "137_as_completed_cancelled_task", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration, fail bool) *sim.TaskOf[string] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (string, error) {
					if err := t.Sleep(d); err != nil {
						return "", err
					}
					if fail {
						return "", raise("OSError", name+": no water")
					}
					return name, nil
				})
			}
			a := brew("a", 3*time.Second, false)
			b := brew("b", 2*time.Second, false)
			c := brew("c", time.Second, true)
			byTask := map[*sim.Task]*sim.TaskOf[string]{a.Task: a, b.Task: b, c.Task: c}
			t.Engine().CallLater(sec(1.5), "", func() { a.CancelMsg("no longer needed") })
			it := sim.NewAsCompleted(t, []sim.Awaitable{a.Task, b.Task, c.Task}, sim.NoTimeout)
			for {
				aw, ok, err := it.Next(t)
				if !ok {
					return nil
				}
				if err != nil {
					return err
				}
				r := byTask[aw.(*sim.Task)]
				switch {
				case r.Cancelled():
					_, err, _ := r.Result()
					o.say("main", "%s cancelled: result() raises %s", r.Name(), errName(err))
				case r.Err() != nil:
					o.say("main", "%s failed: %s", r.Name(), errName(r.Err()))
				default:
					v, _, _ := r.Result()
					o.say("main", "%s -> %s", r.Name(), v)
				}
			}
		}},
		prog{name: "138_loop_handles_past_and_self_cancel", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			handles := map[string]*sim.Handle{}
			var say func(name string) func()
			say = func(name string) func() {
				return func() {
					o.say(name, "ran, cancelled()=%s", pyBool(handles[name].Cancelled()))
					handles[name].Cancel()
					if name == "due-now" {
						handles["from-timer"] = e.CallLater(0, "", say("from-timer"))
					}
				}
			}
			handles["due-now"] = e.CallAt(e.Now(), "", say("due-now"))
			handles["past"] = e.CallAt(e.Now()-sec(0.5), "", say("past"))
			handles["soon"] = e.CallSoon("", say("soon"))
			handles["also-now"] = e.CallLater(0, "", say("also-now"))
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "after one sleep(0)")
			if err := t.Sleep(time.Millisecond); err != nil {
				return err
			}
			for _, name := range []string{"also-now", "due-now", "from-timer", "past", "soon"} {
				o.say("main", "%s: cancelled()=%s", name, pyBool(handles[name].Cancelled()))
			}
			return nil
		}},
	)
}
