package conformance_test

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Counterparts of programs 238-245 (a barrier at its deadline, shutdown(immediate=True),
// executor jobs at deadlines, done-callbacks that cancel, self-cancel before done futures,
// futures set by callbacks, asyncio.run's ending with stubborn tasks, cancelling() counts).

func init() {
	register(
		prog{name: "238_barrier_wait_for_deadline_as_last_arrives", main: func(o *out, t *sim.Task) error {
			// patience < 0 is None: await b.wait() without wait_for.
			party := func(name string, b *sim.Barrier, delay, patience time.Duration) sim.Func {
				return func(t *sim.Task) error {
					if err := t.Sleep(delay); err != nil {
						return err
					}
					var i int
					var err error
					if patience < 0 {
						i, err = b.Wait(t)
					} else {
						err = sim.WaitFor(t, patience, func(t *sim.Task) error {
							var err error
							i, err = b.Wait(t)
							return err
						})
					}
					switch {
					case err == nil:
						o.say(name, "passed with index %d", i)
					case errors.Is(err, sim.ErrTimeout), errors.Is(err, sim.ErrBrokenBarrier):
						o.say(name, "%s; n_waiting=%d broken=%s", errName(err), b.Waiting(), pyBool(b.Broken()))
					default:
						return err
					}
					return nil
				}
			}
			e := t.Engine()
			b := sim.NewBarrier(e, "b", 2)
			patient := t.Spawn("patient", party("patient", b, 0, time.Second))
			if err := t.Sleep(0); err != nil {
				return err
			}
			late := t.Spawn("late", party("late", b, time.Second, 5*time.Second))
			if err := sim.Gather(t, patient, late); err != nil {
				return err
			}
			o.say("main", "round 1 over: n_waiting=%d", b.Waiting())
			late2 := t.Spawn("late2", party("late2", b, time.Second, -1))
			if err := t.Sleep(0); err != nil {
				return err
			}
			patient2 := t.Spawn("patient2", party("patient2", b, 0, time.Second))
			if _, _, err := sim.Wait(t, []sim.Awaitable{patient2, late2}, sim.AllCompleted, 3*time.Second); err != nil {
				return err
			}
			o.say("main", "round 2: n_waiting=%d", b.Waiting())
			b2 := sim.NewBarrier(e, "b2", 2)
			helper := t.Spawn("helper", party("helper", b2, 500*time.Millisecond, -1))
			if err := party("main", b2, 0, 500*time.Millisecond)(t); err != nil {
				return err
			}
			return helper.Wait(t)
		}},
		prog{name: "239_queue_shutdown_immediate_getters_putters", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			// spawn is 239's spawn(name, op): a task that says what op returned or raised.
			spawn := func(name string, op func(t *sim.Task) (string, error)) *sim.Task {
				return t.Spawn(name, func(t *sim.Task) error {
					v, err := op(t)
					switch {
					case err == nil:
						o.say(name, "-> %s", v)
					case errors.Is(err, sim.ErrClosed), isCancel(err):
						o.say(name, "%s", errName(err))
					default:
						return err
					}
					return nil
				})
			}
			q := sim.NewQueue[string](e, "q", 2)
			q.TryPut("a")
			q.TryPut("b")
			var ps []*sim.Task
			for i := range 3 {
				item := "x" + strconv.Itoa(i)
				ps = append(ps, spawn("p"+strconv.Itoa(i), func(t *sim.Task) (string, error) { return "None", q.Put(t, item) }))
			}
			j := spawn("joiner", func(t *sim.Task) (string, error) { return "None", q.Join(t) })
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			v, _ := q.TryGet()
			o.say("main", "get_nowait -> %s", v)
			q.TaskDone()
			ps[1].Cancel()
			q.Shutdown(true)
			o.say("main", "qsize=%d empty=%s", q.Len(), pyBool(q.Empty()))
			if err := sim.Gather(t, append(ps, j)...); err != nil {
				return err
			}
			q2 := sim.NewQueue[string](e, "q2", 0)
			var gs []*sim.Task
			for i := range 2 {
				gs = append(gs, spawn("g"+strconv.Itoa(i), q2.Get))
			}
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			q2.TryPut("y")
			q2.Shutdown(true)
			o.say("main", "q2 qsize=%d", q2.Len())
			if err := sim.Gather(t, gs...); err != nil {
				return err
			}
			pyRaises(o, "main", "ValueError: task_done() called too many times", q2.TaskDone)
			return nil
		}},
		prog{name: "240_executor_job_ends_at_deadline", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			pool := sim.NewExecutor(e, "pool", 1)
			fut := sim.RunInExecutor(pool, "espresso", time.Second, "espresso", nil)
			var r string
			err := sim.WaitFor(t, time.Second, func(t *sim.Task) error {
				var err error
				r, err = fut.Wait(t)
				return err
			})
			if errors.Is(err, sim.ErrTimeout) {
				o.say("main", "wait_for TimeoutError")
			} else if err != nil {
				return err
			} else {
				o.say("main", "wait_for got %s", r)
			}
			cm := t.Timeout(time.Second)
			r, err = sim.ToThread(t, "latte", time.Second, "latte", nil)
			if err == nil {
				o.say("main", "timeout got %s", r)
			}
			if err := cm.Exit(err); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "timeout TimeoutError")
			} else if err != nil {
				return err
			}
			cm = t.TimeoutAtTime(e.Time() + (1 + 1e-10))
			r, err = sim.RunInExecutor(pool, "mocha", time.Second, "mocha", nil).Wait(t)
			if err == nil {
				o.say("main", "later deadline got %s", r)
			}
			if err := cm.Exit(err); errors.Is(err, sim.ErrTimeout) {
				o.say("main", "later deadline TimeoutError")
			} else if err != nil {
				return err
			}
			first := sim.RunInExecutor(pool, "a", 500*time.Millisecond, "a", nil)
			second := sim.RunInExecutor(pool, "b", 500*time.Millisecond, "b", nil)
			e.CallLater(time.Second, "", func() { o.say("timer", "second done=%s", pyBool(second.Done())) })
			g := sim.NewGather(t, false, first, second)
			if err := sim.WaitFor(t, time.Second, func(t *sim.Task) error { _, err := g.Wait(t); return err }); errors.Is(err, sim.ErrTimeout) {
				a, _, _ := first.Result()
				o.say("main", "chain TimeoutError, first=%s second cancelled=%s", a, pyBool(second.Cancelled()))
			} else if err != nil {
				return err
			} else {
				a, _, _ := first.Result()
				b, _, _ := second.Result()
				o.say("main", "chain got ['%s', '%s']", a, b)
			}
			return nil
		}},
		prog{name: "241_done_callback_cancels_gather_caller", main: func(o *out, t *sim.Task) error {
			brew := func(name string, d time.Duration) *sim.TaskOf[string] {
				return sim.SpawnValue(t, name, func(t *sim.Task) (string, error) {
					if err := t.Sleep(d); err != nil {
						o.say(name, "cancelled")
						return "", err
					}
					return name, nil
				})
			}
			me := t
			a := brew("a", time.Second)
			b := brew("b", 2*time.Second)
			a.OnDone(func(*sim.Task) { o.say("cb-a", "cancel main -> %s", pyBool(me.CancelMsg("a finished"))) })
			b.OnDone(func(*sim.Task) { o.say("cb-b", "uncancel main -> %d", me.Uncancel()) })
			if _, err := sim.GatherErrors(t, a.Task, b.Task); isCancel(err) {
				o.say("main", "%s, cancelling=%d", errName(err), t.Cancelling())
			} else if err != nil {
				return err
			}
			if err := t.Sleep(0); err != nil {
				return err
			}
			o.say("main", "b cancelled=%s, cancelling=%d", pyBool(b.Cancelled()), t.Cancelling())
			c := brew("c", time.Second)
			d := brew("d", time.Second)
			c.OnDone(func(*sim.Task) { o.say("cb-c", "cancel d -> %s done=%s", pyBool(d.Cancel()), pyBool(d.Done())) })
			errs, err := sim.GatherErrors(t, c.Task, d.Task)
			if err != nil {
				return err
			}
			var rs []string
			for i, x := range []*sim.TaskOf[string]{c, d} {
				if errs[i] != nil {
					rs = append(rs, errName(errs[i]))
				} else {
					v, _, _ := x.Result()
					rs = append(rs, "'"+v+"'")
				}
			}
			o.say("main", "gather -> [%s]", strings.Join(rs, ", "))
			return nil
		}},
		prog{name: "242_self_cancel_then_done_futures", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			type maker func(t *sim.Task, f *sim.Future[string]) (string, error)
			quoted := func(v string, err error) (string, error) { return "'" + v + "'", err }
			probes := []struct {
				name string
				make maker
			}{
				{"plain", func(t *sim.Task, f *sim.Future[string]) (string, error) { return quoted(f.Wait(t)) }},
				{"shield", func(t *sim.Task, f *sim.Future[string]) (string, error) {
					err := sim.Shield(t, f)
					v, _, _ := f.Result()
					return quoted(v, err)
				}},
				{"wait_for", func(t *sim.Task, f *sim.Future[string]) (string, error) {
					var v string
					err := sim.WaitFor(t, time.Second, func(t *sim.Task) error {
						var err error
						v, err = f.Wait(t)
						return err
					})
					return quoted(v, err)
				}},
				{"timeout", func(t *sim.Task, f *sim.Future[string]) (string, error) {
					cm := t.Timeout(time.Second)
					v, err := f.Wait(t)
					return quoted(v, cm.Exit(err))
				}},
				{"gather", func(t *sim.Task, f *sim.Future[string]) (string, error) {
					_, err := sim.NewGather(t, false, f).Wait(t)
					v, _, _ := f.Result()
					return "['" + v + "']", err
				}},
				{"wait", func(t *sim.Task, f *sim.Future[string]) (string, error) {
					d, _, err := sim.Wait(t, []sim.Awaitable{f}, sim.AllCompleted, sim.NoTimeout)
					return string(rune('0' + len(d))), err
				}},
			}
			for _, p := range probes {
				name := p.name
				err := t.Spawn(name, func(t *sim.Task) error {
					done := sim.NewFuture[string](e, "done")
					done.SetResult("ready")
					t.CancelMsg("self " + name)
					r, err := p.make(t, done)
					if err == nil {
						o.say(name, "passed: %s cancelling=%d", r, t.Cancelling())
						if err = t.Sleep(0); err == nil {
							o.say(name, "not reached")
							return nil
						}
					}
					if !isCancel(err) {
						return err
					}
					o.say(name, "%s done=%s", errName(err), pyBool(done.Done()))
					return nil
				}).Wait(t)
				if err != nil {
					return err
				}
			}
			o.say("main", "all probed")
			return nil
		}},
		prog{name: "243_futures_set_by_call_soon", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			f1, f2, f3 := sim.NewFuture[int](e, "f1"), sim.NewFuture[int](e, "f2"), sim.NewFuture[int](e, "f3")
			link := func(src, dst *sim.Future[int], label string) {
				src.AddDoneCallback(func(f *sim.Future[int]) {
					v, _, _ := f.Result()
					o.say("cb", "%s sees %d", label, v)
					e.CallSoon("", func() { dst.SetResult(v + 1) })
				})
			}
			link(f1, f2, "f1")
			link(f2, f3, "f2")
			waiter := func(name string, f *sim.Future[int]) sim.Func {
				return func(t *sim.Task) error {
					v, err := f.Wait(t)
					if err != nil {
						return err
					}
					o.say(name, "got %d", v)
					return nil
				}
			}
			var ws []*sim.Task
			for i, f := range []*sim.Future[int]{f3, f2, f1} {
				n := "w" + string(rune('1'+i))
				ws = append(ws, t.Spawn(n, waiter(n, f)))
			}
			if err := t.Sleep(0); err != nil {
				return err
			}
			e.CallSoon("", func() { f1.SetResult(10) })
			if err := sim.Gather(t, ws...); err != nil {
				return err
			}
			g := sim.NewFuture[int](e, "g")
			victim := t.Spawn("victim", waiter("victim", g))
			if err := t.Sleep(0); err != nil {
				return err
			}
			e.CallSoon("", func() {
				if g.Cancelled() {
					o.say("cb", "skip")
				} else {
					g.SetResult(1)
					o.say("cb", "None")
				}
			})
			victim.Cancel()
			errs, err := sim.GatherErrors(t, victim)
			if err != nil {
				return err
			}
			o.say("main", "victim -> %s, g cancelled=%s", errName(errs[0]), pyBool(g.Cancelled()))
			h := sim.NewFuture[string](e, "h")
			e.CallSoon("", func() { h.SetResult("soon") })
			v, err := h.Wait(t)
			if err != nil {
				return err
			}
			o.say("main", "h -> %s", v)
			return nil
		}},
		prog{name: "244_run_ending_tasks_resist_cancel", main: func(o *out, t *sim.Task) error {
			stubborn := func(name string, pause float64, other *sim.TaskOf[string]) func(*sim.Task) (string, error) {
				return func(t *sim.Task) (string, error) {
					if err := t.Sleep(100 * time.Second); err != nil {
						if err := t.SleepSeconds(pause); err != nil {
							return "", err
						}
						o.say(name, "caught the cancel")
					}
					if other != nil {
						v, err := other.Wait(t)
						if err != nil {
							return "", err
						}
						o.say(name, "%s -> %s", other.Name(), v)
						return "", nil
					}
					if err := t.Sleep(time.Second); err != nil {
						return "", err
					}
					o.say(name, "done anyway")
					return "cup", nil
				}
			}
			s := sim.SpawnValue(t, "stubborn", stubborn("stubborn", 0.1, nil))
			t.Spawn("worker", func(t *sim.Task) error {
				for rounds := 0; rounds < 3; {
					if err := t.SleepSeconds(0.7); err != nil {
						o.say("worker", "cancelled at round %d, uncancel -> %d", rounds, t.Uncancel())
						continue
					}
					rounds++
					o.say("worker", "round %d, cancelling=%d", rounds, t.Cancelling())
				}
				return nil
			})
			sim.SpawnValue(t, "follower", stubborn("follower", 0.2, s))
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			o.say("main", "returning")
			return nil
		}, after: func(o *out, err error) {
			if err != nil {
				o.lines = append(o.lines, "!! "+errName(err))
				return
			}
			o.say("after", "asyncio.run returned")
		}},
		prog{name: "245_timeout_after_caught_cancel_counts", main: func(o *out, t *sim.Task) error {
			sipper := func(name string, fix bool) sim.Func {
				return func(t *sim.Task) error {
					cm := t.Timeout(2 * time.Second)
					err := func() error {
						if err := t.Sleep(5 * time.Second); isCancel(err) {
							o.say(name, "outside cancel caught, cancelling=%d", t.Cancelling())
							if fix {
								t.Uncancel()
							}
						} else if err != nil {
							return err
						}
						return t.Sleep(5 * time.Second)
					}()
					switch err := cm.Exit(err); {
					case errors.Is(err, sim.ErrTimeout):
						o.say(name, "TimeoutError, cancelling=%d", t.Cancelling())
					case isCancel(err):
						o.say(name, "CancelledError escaped, cancelling=%d", t.Cancelling())
					case err != nil:
						return err
					}
					if t.Cancelling() > 0 {
						cm := t.Timeout(time.Second)
						if err := cm.Exit(t.Sleep(5 * time.Second)); errors.Is(err, sim.ErrTimeout) {
							o.say(name, "second timeout: TimeoutError, cancelling=%d", t.Cancelling())
						} else if err != nil {
							return err
						}
					}
					return nil
				}
			}
			for _, c := range []struct {
				name string
				fix  bool
			}{{"leaky", false}, {"tidy", true}} {
				s := t.Spawn(c.name, sipper(c.name, c.fix))
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				s.Cancel()
				if err := s.Wait(t); err != nil {
					return err
				}
			}
			return nil
		}},
	)
}
