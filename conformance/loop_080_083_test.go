package conformance_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/sim"
)

func init() {
	cp2Register(
		prog{name: "080_loop_callbacks_handles", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			var chain func(n int)
			chain = func(n int) {
				o.say("chain", "link %d", n)
				if n < 3 {
					e.CallSoon("", func() { chain(n + 1) })
				}
			}
			h1 := e.CallSoon("", func() { o.say("soon", "one") })
			h2 := e.CallSoon("", func() { o.say("soon", "two") })
			e.CallSoon("", func() { chain(1) })
			h2.Cancel()
			t1 := e.CallLater(sec(1.5), "", func() { o.say("later", "1.5 s") })
			t2 := e.CallAt(sec(1.0), "", func() { o.say("at", "1.0") })
			t3 := e.CallLater(sec(1.2), "", func() { o.say("later", "never") })
			t3.Cancel()
			o.say("main", "h1 cancelled=%s h2 cancelled=%s", pyBool(h1.Cancelled()), pyBool(h2.Cancelled()))
			o.say("main", "when: %s %s %s", pyFloat(t1.When().Seconds()), pyFloat(t2.When().Seconds()), pyFloat(t3.When().Seconds()))
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
			t1.Cancel()
			o.say("main", "cancelling a fired timer: cancelled=%s", pyBool(t1.Cancelled()))
			return nil
		}},
		prog{name: "083_block_late_timers", main: func(o *out, t *sim.Task) error {
			e := t.Engine()
			ticker := func(name string, period float64) sim.Func {
				return func(t *sim.Task) error {
					for range 3 {
						due := e.Time() + period
						if err := t.Sleep(sec(period)); err != nil {
							return err
						}
						o.say(name, "tick, late by %d ms", int((e.Time()-due)*1000+0.5))
					}
					return nil
				}
			}
			blocker := func(t *sim.Task) error {
				if err := t.Sleep(sec(1.2)); err != nil {
					return err
				}
				o.say("blocker", "time.sleep(2) - the loop stops")
				t.Block(2 * time.Second)
				o.say("blocker", "unblocked")
				return nil
			}
			return sim.Gather(t, t.Spawn("fast", ticker("fast", 0.5)), t.Spawn("slow", ticker("slow", 1)), t.Spawn("blocker", blocker))
		}},
	)
	registerAfterRun(
		afterRunProg{"081_run_ending_cancels_pending", func(o *out) (sim.Func, func()) {
			cleaner := func(t *sim.Task) error {
				for {
					if err := t.Sleep(time.Second); cp2Cancelled(err) {
						o.say("cleaner", "closing: stacking chairs")
						if err := t.Sleep(sec(0.5)); err != nil {
							return err
						}
						o.say("cleaner", "chairs stacked")
						return err
					} else if err != nil {
						return err
					}
					o.say("cleaner", "wiped a table")
				}
			}
			var result string
			main := func(t *sim.Task) error {
				t.Spawn("cleaner", cleaner)
				if err := t.Sleep(sec(2.5)); err != nil {
					return err
				}
				o.say("main", "returns")
				result = "closed"
				return nil
			}
			return main, func() { o.say("after-run", "asyncio.run returned %s", result) }
		}},
		afterRunProg{"082_run_ending_several_pending", func(o *out) (sim.Func, func()) {
			staff := func(name string, cleanup float64) sim.Func {
				return func(t *sim.Task) error {
					err := t.Sleep(100 * time.Second)
					if cp2Cancelled(err) {
						if err := t.Sleep(sec(cleanup)); err != nil {
							return err
						}
						o.say(name, "left after %s s of cleanup", cp2Num(cleanup))
					}
					return err
				}
			}
			main := func(t *sim.Task) error {
				for _, s := range []struct {
					name    string
					cleanup float64
				}{{"barista", 2}, {"cashier", 0.5}, {"manager", 1}} {
					t.Spawn(s.name, staff(s.name, s.cleanup))
				}
				if err := t.Sleep(time.Second); err != nil {
					return err
				}
				o.say("main", "returns")
				return nil
			}
			return main, func() { o.say("after-run", "loop closed") }
		}},
	)
}

// cp2Num prints a number written in Python as an int when whole, else a float
// (the literals 2, 0.5 and 1 of 082).
func cp2Num(x float64) string {
	if x == float64(int64(x)) {
		return fmt.Sprint(int64(x))
	}
	return pyFloat(x)
}

// afterRunProg is a program with lines after asyncio.run returned (081, 082):
// start gives its main, run as asyncio.run(main()) is, and what it does once
// asyncio.run has returned (not called if it raised).
type afterRunProg struct {
	name  string
	start func(o *out) (main sim.Func, after func())
}

var afterRunProgs []afterRunProg

func registerAfterRun(ps ...afterRunProg) { afterRunProgs = append(afterRunProgs, ps...) }

// TestGoProgramsAfterRun compares the programs with lines after asyncio.run
// with their goldens, as TestGoPrograms does the others.
func TestGoProgramsAfterRun(t *testing.T) {
	for _, p := range afterRunProgs {
		t.Run(p.name, func(t *testing.T) {
			want, err := os.ReadFile("golden/" + p.name + ".txt")
			if err != nil {
				t.Fatalf("golden of %s: %v", p.name, err)
			}
			o := &out{e: sim.New()}
			defer o.e.Close()
			main, after := p.start(o)
			if err := o.e.RunMain("main", main); err != nil {
				o.lines = append(o.lines, "!! "+errName(err))
			} else {
				after()
			}
			if d := cp2Diff(o.lines, string(want)); d != "" {
				t.Errorf("%s: sim's transcript differs from CPython's:%s", p.name, d)
			}
		})
	}
}

// cp2Diff shows got beside the golden want line by line, or returns "" if
// they are equal.
func cp2Diff(got []string, want string) string {
	wl := strings.Split(strings.TrimRight(want, "\n"), "\n")
	if strings.Join(got, "\n") == strings.Join(wl, "\n") {
		return ""
	}
	var b strings.Builder
	for i := range max(len(got), len(wl)) {
		g, w := "", ""
		if i < len(got) {
			g = got[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		mark := "  "
		if g != w {
			mark = "!="
		}
		fmt.Fprintf(&b, "\n%s sim     %s\n   CPython %s", mark, g, w)
	}
	return b.String()
}
