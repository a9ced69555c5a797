package sim

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// newTestEngine returns an engine with a Recorder, closed when the test ends.
func newTestEngine(tb testing.TB, opts ...Option) (*Engine, *Recorder) {
	tb.Helper()
	rec := &Recorder{}
	e := New(append([]Option{WithTracer(rec)}, opts...)...)
	tb.Cleanup(e.Close)
	return e, rec
}

// log collects "what name@time" lines, the projection SimPy's resource tests use.
type log struct{ lines []string }

// add records what the running task t did, at the current virtual time.
func (l *log) add(t *Task, what string) {
	l.lines = append(l.lines, fmt.Sprintf("%s %s@%v", what, t.Name(), t.Now()))
}

// addf records a formatted line without a task.
func (l *log) addf(format string, args ...any) {
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

// check compares the log with want and prints both on a mismatch.
func (l *log) check(tb testing.TB, want ...string) {
	tb.Helper()
	checkLines(tb, "log", l.lines, want)
}

// checkLines compares two line lists and prints them side by side on a mismatch.
func checkLines(tb testing.TB, what string, got, want []string) {
	tb.Helper()
	if slices.Equal(got, want) {
		return
	}
	var b strings.Builder
	n := max(len(got), len(want))
	for i := range n {
		g, w := "", ""
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		mark := "  "
		if g != w {
			mark = "!="
		}
		fmt.Fprintf(&b, "\n%s got  %q\n   want %q", mark, g, w)
	}
	tb.Errorf("%s differs (got %d lines, want %d):%s", what, len(got), len(want), b.String())
}

// kinds projects the recorded events of the given kinds as "kind name@time obj (detail)".
func kinds(rec *Recorder, ks ...Kind) []string {
	var out []string
	for _, ev := range rec.Events {
		if len(ks) > 0 && !slices.Contains(ks, ev.Kind) {
			continue
		}
		s := fmt.Sprintf("%s %s@%v", ev.Kind, ev.Name, ev.Time)
		if ev.Object != "" {
			s += " " + ev.Object
		}
		if ev.Detail != "" {
			s += " (" + ev.Detail + ")"
		}
		out = append(out, s)
	}
	return out
}

// mustRun runs e and fails the test on an error.
func mustRun(tb testing.TB, e *Engine) {
	tb.Helper()
	if err := e.RunUntilIdle(); err != nil {
		tb.Fatalf("Run() = %v, want nil", err)
	}
}

// sleeper returns a task body that sleeps d and logs before and after.
func sleeper(l *log, d time.Duration) Func {
	return func(t *Task) error {
		l.add(t, "start")
		if err := t.Sleep(d); err != nil {
			l.add(t, "sleep: "+err.Error())
			return err
		}
		l.add(t, "end")
		return nil
	}
}

// wantPanic runs fn and checks that it panics with a message starting with "sim:"
// and containing sub.
func wantPanic(tb testing.TB, sub string, fn func()) {
	tb.Helper()
	defer func() {
		tb.Helper()
		r := recover()
		if r == nil {
			tb.Errorf("no panic, want one containing %q", sub)
			return
		}
		msg := fmt.Sprint(r)
		if !strings.HasPrefix(msg, "sim:") || !strings.Contains(msg, sub) {
			tb.Errorf("panic %q, want a \"sim:\" message containing %q", msg, sub)
		}
	}()
	fn()
}

// taskErr checks that t is in state want and returns t.Err().
func taskErr(tb testing.TB, t *Task, want State) error {
	tb.Helper()
	if t.State() != want {
		tb.Errorf("%s.State() = %v, want %v", t.Name(), t.State(), want)
	}
	return t.Err()
}

// runSteps runs at most n steps due at or before t (a UI bounding its work per
// frame) and reports whether nothing was left due by t.
func runSteps(e *Engine, t time.Duration, n int) (reached bool, err error) {
	for range n {
		if next, ok := e.NextTime(); !ok || next > t {
			return true, err
		}
		_, serr := e.Step()
		err = errors.Join(err, serr)
	}
	next, ok := e.NextTime()
	return !ok || next > t, err
}
