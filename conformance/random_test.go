package conformance_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// The differential test: random programs (random/programs.json, made by
// random/gen.py) run by the same interpreter written twice, in Python on CPython 3.14
// (random/interp.py; random/run.mjs stores its transcripts in random/cpython.json)
// and here in Go on sim, must print the same transcripts. Each task of a program
// runs a list of operations on shared primitives; a closer cancels whatever is
// left at 10 s.

// runRandom interprets one random program on sim, as random/interp.py does on
// CPython.
func runRandom(ops [][][]any) []string {
	o := &out{e: sim.New()}
	defer o.e.Close()
	err := o.e.RunMain("main", func(t *sim.Task) error {
		e := t.Engine()
		q := sim.NewQueue[int](e, "q", 2)
		lock := sim.NewLock(e, "lock")
		sem := sim.NewSemaphore(e, "sem", 2)
		ev := sim.NewEvent(e, "ev")
		cond := sim.NewCondition(e, "cond", nil)
		bar := sim.NewBarrier(e, "bar", 3)
		pool := sim.NewExecutor(e, "pool", 2)
		var ts []*sim.Task
		// quiet: a TaskGroup's children are cancelled in the order of a set in
		// CPython (object identity), so they do not print then.
		kidF := func(t *sim.Task, name string, d float64, fail, quiet bool) sim.Func {
			return func(t *sim.Task) error {
				if err := t.SleepSeconds(d); err != nil {
					if !quiet {
						o.say(name, "kid cancelled")
					}
					return err
				}
				if fail {
					o.say(name, "kid fails")
					return raise("ValueError", name)
				}
				o.say(name, "kid done")
				return nil
			}
		}
		kid := func(t *sim.Task, name string, d float64) *sim.Task {
			return t.Spawn(name, kidF(t, name, d, false, false))
		}
		num := func(x any) float64 { return x.(float64) }
		fmtNum := func(x float64) string {
			if x == float64(int(x)) {
				return fmt.Sprint(int(x))
			}
			return pyFloat(x)
		}
		for i, list := range ops {
			me := fmt.Sprint("t", i)
			ts = append(ts, t.Spawn(me, func(t *sim.Task) error {
				run := func() error {
					for _, op := range list {
						switch op[0].(string) {
						case "sleep":
							if err := t.SleepSeconds(num(op[1])); err != nil {
								return err
							}
							o.say(me, "slept %s", fmtNum(num(op[1])))
						case "yield":
							if err := t.Sleep(0); err != nil {
								return err
							}
							o.say(me, "yielded")
						case "put":
							if err := q.Put(t, int(num(op[1]))); err != nil {
								return err
							}
							o.say(me, "put %d", int(num(op[1])))
						case "get":
							v, err := q.Get(t)
							if err != nil {
								return err
							}
							o.say(me, "got %d", v)
						case "lock":
							if err := lock.Acquire(t); err != nil {
								return err
							}
							o.say(me, "locked")
							err := t.SleepSeconds(num(op[1]))
							lock.Release(t)
							if err != nil {
								return err
							}
							o.say(me, "unlocked")
						case "sem":
							if err := sem.Acquire(t); err != nil {
								return err
							}
							o.say(me, "acquired")
							err := t.SleepSeconds(num(op[1]))
							sem.Release()
							if err != nil {
								return err
							}
							o.say(me, "released")
						case "set":
							ev.Set()
							o.say(me, "set")
						case "clear":
							ev.Clear()
							o.say(me, "clear")
						case "wait":
							if err := ev.Wait(t); err != nil {
								return err
							}
							o.say(me, "waited")
						case "cancel":
							j := int(num(op[1]))
							o.say(me, "cancel t%d -> %s", j, pyBool(ts[j].Cancel()))
						case "block":
							t.Block(sec(num(op[1])))
							o.say(me, "blocked %s", fmtNum(num(op[1])))
						case "exec":
							v, err := sim.RunInExecutor(pool, "job", sec(num(op[1])), num(op[1]), nil).Wait(t)
							if err != nil {
								return err
							}
							o.say(me, "exec %s", fmtNum(v))
						case "cancelmsg":
							j := int(num(op[1]))
							o.say(me, "cancelmsg t%d -> %s", j, pyBool(ts[j].CancelMsg("m"+me)))
						case "spawnwait":
							if err := kid(t, me+"k", num(op[1])).Wait(t); err != nil {
								return err
							}
							o.say(me, "kid -> %s", fmtNum(num(op[1])))
						case "gatherkids":
							if err := sim.Gather(t, kid(t, me+"a", num(op[1])), kid(t, me+"b", num(op[1])/2)); err != nil {
								return err
							}
							o.say(me, "gathered")
						case "cwait":
							if err := cond.Acquire(t); err != nil {
								return err
							}
							err := cond.Wait(t)
							if err == nil {
								o.say(me, "notified")
							}
							cond.Release(t)
							if err != nil {
								return err
							}
						case "cnotify":
							if err := cond.Acquire(t); err != nil {
								return err
							}
							cond.Notify(t, 1)
							o.say(me, "notify")
							cond.Release(t)
						case "barrier":
							i, err := bar.Wait(t)
							if err != nil {
								return err
							}
							o.say(me, "barrier %d", i)
						case "shield":
							if err := sim.Shield(t, kid(t, me+"s", num(op[1]))); err != nil {
								return err
							}
							o.say(me, "shielded")
						case "timeout_sleep":
							cm := t.Timeout(sec(num(op[1])))
							err := cm.Exit(t.Sleep(250 * time.Millisecond))
							if errors.Is(err, sim.ErrTimeout) {
								o.say(me, "timed out")
							} else if err != nil {
								return err
							} else {
								o.say(me, "in time")
							}
						case "tg":
							d := num(op[1])
							err := sim.TaskGroup(t, func(g *sim.Group) error {
								g.Spawn(me+"x", kidF(t, me+"x", d, false, true))
								g.Spawn(me+"y", kidF(t, me+"y", d/2, d > 0.3, true))
								return nil
							})
							var ge *sim.GroupError
							switch {
							case errors.As(err, &ge):
								o.say(me, "tg failed")
							case err != nil:
								return err
							default:
								o.say(me, "tg ok")
							}
						case "waitfirst":
							d := num(op[1])
							a, b := kid(t, me+"p", d), kid(t, me+"q", d/2)
							done, pending, err := sim.Wait(t, []sim.Awaitable{a, b}, sim.FirstCompleted, sim.NoTimeout)
							if err != nil {
								return err
							}
							o.say(me, "first %d done", len(done))
							for _, p := range pending { // sorted by name: p before q
								p.(*sim.Task).Cancel()
							}
						case "uncancel":
							o.say(me, "uncancel -> %d", t.Uncancel())
						case "waitfor_get":
							var v int
							err := sim.WaitFor(t, sec(num(op[1])), func(t *sim.Task) error {
								var err error
								v, err = q.Get(t)
								return err
							})
							if errors.Is(err, sim.ErrTimeout) {
								o.say(me, "wf get timeout")
							} else if err != nil {
								return err
							} else {
								o.say(me, "wf got %d", v)
							}
						case "waitfor_wait":
							err := sim.WaitFor(t, sec(num(op[1])), ev.Wait)
							if errors.Is(err, sim.ErrTimeout) {
								o.say(me, "wf wait timeout")
							} else if err != nil {
								return err
							} else {
								o.say(me, "wf waited")
							}
						}
					}
					o.say(me, "end")
					return nil
				}
				err := run()
				if errors.Is(err, sim.ErrCancelled) {
					o.say(me, "cancelled %s", errName(err))
				}
				return err
			}))
		}
		c := t.Spawn("closer", func(t *sim.Task) error {
			if err := t.Sleep(10 * time.Second); err != nil {
				return err
			}
			for _, x := range ts {
				x.Cancel()
			}
			return nil
		})
		if _, err := sim.GatherErrors(t, ts...); err != nil {
			return err
		}
		c.Cancel()
		o.say("main", "done")
		return nil
	})
	if err != nil {
		o.lines = append(o.lines, "!! "+errName(err))
	}
	return o.lines
}

func TestRandomAgainstCPython(t *testing.T) {
	data, err := os.ReadFile("random/programs.json")
	if err != nil {
		t.Fatal(err)
	}
	var progs [][][][]any
	if err := json.Unmarshal(data, &progs); err != nil {
		t.Fatal(err)
	}
	data, err = os.ReadFile("random/cpython.json")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(progs) || len(progs) < 100 {
		t.Fatalf("%d programs and %d CPython transcripts, want the same number, at least 100", len(progs), len(want))
	}
	bad := 0
	for i, p := range progs {
		got := strings.Join(runRandom(p), "\n")
		if w := strings.TrimRight(want[i], "\n"); got != w {
			bad++
			if bad <= 3 {
				t.Errorf("program %d: %v\nsim:\n%s\nCPython:\n%s", i, p, got, w)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d random programs differ from CPython", bad, len(progs))
	}
}
