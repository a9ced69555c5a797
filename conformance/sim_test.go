package conformance_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// The Go side of the conformance suite: each program of programs/ written again in
// Go on sim, printing through the same say, must print the golden transcript
// CPython 3.14 printed, byte for byte. Every Python program must have its Go
// counterpart: TestGoPrograms fails naming any that has none.

// prog is the Go counterpart of programs/<name>.py.
type prog struct {
	name string
	main func(o *out, t *sim.Task) error
	// after runs once asyncio.run has returned (with main's error), for the lines
	// a program prints after it.
	after func(o *out, err error)
}

var progs []prog

// register adds Go counterparts; each file of programs calls it from init.
func register(ps ...prog) { progs = append(progs, ps...) }

// out collects a program's transcript.
type out struct {
	e     *sim.Engine
	lines []string
}

// say prints a transcript line as vtloop.say does: HH:MM:SS.mmm who: text, with
// ms = int(loop.time() * 1000 + 0.5).
func (o *out) say(who, format string, args ...any) {
	ms := int64(o.e.Time()*1000 + 0.5)
	o.lines = append(o.lines, fmt.Sprintf("%02d:%02d:%02d.%03d %s: %s", ms/3600000, ms/60000%60, ms/1000%60, ms%1000, who, fmt.Sprintf(format, args...)))
}

// now is vtloop.now(): loop.time() as Python's repr prints it.
func (o *out) now() string { return pyFloat(o.e.Time()) }

// pyFloat formats x as Python's repr of a float does.
func pyFloat(x float64) string {
	if a := math.Abs(x); a == 0 || (a >= 1e-4 && a < 1e16) {
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(x, 'e', -1, 64)
	// Python writes 1e-05 and 1e+16: two exponent digits at least.
	i := strings.Index(s, "e")
	mant, sign, digits := s[:i], s[i+1], strings.TrimLeft(s[i+2:], "0")
	for len(digits) < 2 {
		digits = "0" + digits
	}
	return mant + "e" + string(sign) + digits
}

// sec converts Python's float seconds to a duration.
func sec(s float64) time.Duration { return time.Duration(math.Round(s * 1e9)) }

// pyBool is Python's str of a bool.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// errName is vtloop.err for the errors sim returns.
func errName(err error) string {
	var ce *sim.CancelledError
	var be *sim.BrokenBarrierError
	var ge *sim.GroupError
	switch {
	case errors.As(err, &ge):
		n := "1 sub-exception"
		if len(ge.Errs) != 1 {
			n = fmt.Sprint(len(ge.Errs), " sub-exceptions")
		}
		return "ExceptionGroup: unhandled errors in a TaskGroup (" + n + ")"
	case errors.As(err, &be):
		return "BrokenBarrierError: " + be.Msg
	case errors.As(err, &ce):
		return "CancelledError: " + ce.Msg
	case errors.Is(err, sim.ErrCancelled):
		return "CancelledError"
	case errors.Is(err, sim.ErrTimeout):
		return "TimeoutError"
	case errors.Is(err, sim.ErrBrokenBarrier):
		return "BrokenBarrierError"
	case errors.Is(err, sim.ErrClosed):
		return "QueueShutDown"
	}
	var pe *pyErr
	if errors.As(err, &pe) {
		if pe.msg == "" {
			return pe.typ
		}
		return pe.typ + ": " + pe.msg
	}
	return err.Error()
}

// pyErr is a Python exception a program raises: type name and message.
type pyErr struct{ typ, msg string }

func (p *pyErr) Error() string { return p.typ + ": " + p.msg }

func raise(typ, msg string) error { return &pyErr{typ, msg} }

// run runs p as asyncio.run(main(), loop_factory=vt.VirtualLoop) does and
// returns its transcript.
func run(p prog) []string {
	o := &out{e: sim.New()}
	defer o.e.Close()
	var mainErr error
	err := o.e.RunMain("main", func(t *sim.Task) (err error) {
		defer func() { mainErr = err }()
		return p.main(o, t)
	})
	if p.after != nil {
		p.after(o, err) // what RunMain returned, whole
	} else if err = raised(err, mainErr); err != nil {
		o.lines = append(o.lines, "!! "+errName(err))
	}
	return o.lines
}

// raised is what asyncio.run raises of what sim.RunMain returned: main's own
// error, or a deadlock. RunMain also returns the failures of other tasks that
// nobody retrieved and those raised while asyncio.run's ending cancelled the
// tasks left; asyncio.run only logs those (to stderr, "Task exception was never
// retrieved", "unhandled exception during asyncio.run() shutdown") and returns
// main's result, and the transcript is stdout.
func raised(err, mainErr error) error {
	var keep []error
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		if te, ok := err.(*sim.TaskError); ok && te.Task != "main" && err != mainErr {
			return // logged by asyncio
		}
		keep = append(keep, err)
	}
	if err != nil {
		walk(err)
	}
	switch len(keep) {
	case 0:
		return nil
	case 1:
		return keep[0]
	}
	return errors.Join(keep...)
}

func TestGoPrograms(t *testing.T) {
	have := map[string]bool{}
	sort.Slice(progs, func(i, j int) bool { return progs[i].name < progs[j].name })
	for _, p := range progs {
		have[p.name] = true
		t.Run(p.name, func(t *testing.T) {
			want, err := os.ReadFile("golden/" + p.name + ".txt")
			if err != nil {
				t.Fatalf("golden of %s: %v", p.name, err)
			}
			got := run(p)
			wl := strings.Split(strings.TrimRight(string(want), "\n"), "\n")
			if strings.Join(got, "\n") != strings.Join(wl, "\n") {
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
				t.Errorf("%s: sim's transcript differs from CPython's:%s", p.name, b.String())
			}
		})
	}
	var missing []string
	for _, g := range listDir(t, "golden", func(n string) bool { return strings.HasSuffix(n, ".txt") }) {
		if n := strings.TrimSuffix(g, ".txt"); !have[n] {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d programs have no Go counterpart (each Python program needs one): %s", len(missing), strings.Join(missing, ", "))
	}
}
