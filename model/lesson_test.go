package model

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/lesson"
	"github.com/brewloop/brewloop/sim"
)

// lessonRun is what a lesson scenario did: its transcript, every trace event, and
// when its last event happened (RunUntil moves the clock past the end).
type lessonRun struct {
	transcript string
	events     []sim.Record
	end        time.Duration
}

// runLessonScenario runs the scenario name the way `brewloop run --scenario name
// --transcript` does, and checks that it ends with no live task.
func runLessonScenario(t *testing.T, name string) lessonRun {
	t.Helper()
	cfg, err := config.Resolve(config.Options{Base: config.Source{Name: "config.yaml", Data: mustRead(t, "../config.yaml")}, Scenario: name})
	if err != nil {
		t.Fatalf("Resolve(--scenario %s) error:\n%v", name, err)
	}
	var (
		buf bytes.Buffer
		r   lessonRun
	)
	rec := sim.TracerFunc(func(ev sim.Record) {
		r.events = append(r.events, ev)
		r.end = ev.Time
	})
	shop, err := NewShop(cfg, WithScenario(name), WithTracer(sim.Tee(lesson.NewTranscript(&buf), rec)))
	if err != nil {
		t.Fatalf("NewShop(--scenario %s) error = %v", name, err)
	}
	defer shop.Close()
	if l := shop.Lesson(); l == nil || l.Name != name {
		t.Fatalf("NewShop(--scenario %s).Lesson() = %v, want the %s lesson", name, l, name)
	}
	if err := Live(shop).RunUntil(time.Hour); err != nil {
		t.Fatalf("--scenario %s: RunUntil(1h) error = %v", name, err)
	}
	if !shop.Finished() {
		t.Errorf("--scenario %s: Finished() = false after the run, want every task ended", name)
	}
	r.transcript = buf.String()
	return r
}

// TestLessonTranscripts checks each lesson's exact transcript and the virtual time
// of its last event.
func TestLessonTranscripts(t *testing.T) {
	tests := []struct {
		name string
		want string
		end  time.Duration
	}{
		{"count", `
00:00:00.000 count-1: One
00:00:00.000 count-2: One
00:00:00.000 count-3: One
00:00:01.000 count-1: Two
00:00:01.000 count-2: Two
00:00:01.000 count-3: Two
`, time.Second},
		{"count-sequential", `
00:00:00.000 main: One
00:00:01.000 main: Two
00:00:01.000 main: One
00:00:02.000 main: Two
00:00:02.000 main: One
00:00:03.000 main: Two
`, 3 * time.Second},
		{"gather", `
00:00:00.000 hello-1: 1 Hello
00:00:00.000 hello-3: 3 Hello
00:00:03.000 world: world!
`, 3 * time.Second},
		{"sequential", `
00:00:00.000 main: 1 Hello
00:00:03.000 main: world!
00:00:03.000 main: 3 Hello
`, 3 * time.Second},
		{"blocking", `
00:00:00.500 barista: brewing with time.sleep(3): the whole loop stops
00:00:03.500 barista: coffee ready
00:00:03.500 clock: tick 1: due at 1.0 s, 2.5 s late
00:00:04.500 clock: tick 2: due at 4.5 s, 0.0 s late
00:00:05.500 clock: tick 3: due at 5.5 s, 0.0 s late
00:00:06.500 clock: tick 4: due at 6.5 s, 0.0 s late
`, 6500 * time.Millisecond},
		{"to-thread", `
00:00:00.500 barista: brewing with asyncio.to_thread(time.sleep, 3): the loop keeps running
00:00:01.000 clock: tick 1: due at 1.0 s, 0.0 s late
00:00:02.000 clock: tick 2: due at 2.0 s, 0.0 s late
00:00:03.000 clock: tick 3: due at 3.0 s, 0.0 s late
00:00:03.500 barista: coffee ready
00:00:04.000 clock: tick 4: due at 4.0 s, 0.0 s late
`, 4 * time.Second},
		{"timeout", `
00:00:00.000 customer: I'll wait 2 s for my coffee
00:00:00.000 customer: brewing a slow coffee (5 s)
00:00:02.000 customer: brew cancelled
00:00:02.000 customer: waited 2 s: leaving without coffee
`, 2 * time.Second},
		{"cancel", `
00:00:00.000 main: latte: done() False, cancelled() False, result() raises InvalidStateError
00:00:00.000 espresso: brewing espresso (1 s)
00:00:00.000 latte: brewing latte (5 s)
00:00:01.000 espresso: espresso ready
00:00:02.000 main: espresso: done() True, cancelled() False, result() returns 'espresso'
00:00:02.000 main: latte.cancel()
00:00:02.000 main: latte: done() False, cancelled() False, result() raises InvalidStateError
00:00:02.000 latte: latte cancelled
00:00:02.000 main: await latte raised CancelledError
00:00:02.000 main: latte: done() True, cancelled() True, result() raises CancelledError
`, 2 * time.Second},
		{"primitives", `
00:00:01.000 main: the shop opens
00:00:01.000 ann: orders a latte
00:00:01.000 bob: orders a cappuccino
00:00:01.000 cat: orders a flat white
00:00:01.000 barista-1: pulling a shot for ann (1.0 s)
00:00:01.000 barista-2: pulling a shot for bob (1.2 s)
00:00:01.000 barista-3: all machines busy: waiting
00:00:02.000 barista-1: steaming milk for ann (1.0 s)
00:00:02.000 barista-3: pulling a shot for cat (0.8 s)
00:00:02.200 barista-2: milk steamer in use: waiting
00:00:02.800 barista-3: milk steamer in use: waiting
00:00:03.000 barista-1: ann's latte is on the counter
00:00:03.000 barista-2: steaming milk for bob (0.5 s)
00:00:03.000 ann: got my latte
00:00:03.500 barista-2: bob's cappuccino is on the counter
00:00:03.500 barista-3: steaming milk for cat (0.4 s)
00:00:03.500 bob: got my cappuccino
00:00:03.900 barista-3: cat's flat white is on the counter
00:00:03.900 cat: got my flat white
00:00:03.900 cat: leaving with the group (ready 3 of 3)
00:00:03.900 ann: leaving with the group (ready 1 of 3)
00:00:03.900 bob: leaving with the group (ready 2 of 3)
00:00:03.900 main: closing: the baristas go home
`, 3900 * time.Millisecond},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			r := runLessonScenario(t, tt.name)
			if want := strings.TrimPrefix(tt.want, "\n"); r.transcript != want {
				t.Errorf("--scenario %s transcript =\n%s\nwant\n%s", tt.name, r.transcript, want)
			}
			if r.end != tt.end {
				t.Errorf("--scenario %s last event at %v, want %v", tt.name, r.end, tt.end)
			}
		})
	}
	for _, l := range lesson.All() {
		if !tested[l.Name] {
			t.Errorf("lesson %q has no expected transcript in TestLessonTranscripts", l.Name)
		}
	}
}

// transcriptLine is one line of a transcript: `HH:MM:SS.mmm task: text`.
type transcriptLine struct {
	at         time.Duration
	task, text string
}

var transcriptRE = regexp.MustCompile(`^(\d\d):(\d\d):(\d\d)\.(\d\d\d) (\S+): (.*)$`)

// parseTranscript parses transcript lines; a line "# ended at HH:MM:SS.mmm" (what
// model/lesson/lessons/say.py prints when main returns) gives the end time.
func parseTranscript(t *testing.T, what, s string) (lines []transcriptLine, end time.Duration, hasEnd bool) {
	t.Helper()
	for i, ln := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if rest, ok := strings.CutPrefix(ln, "# ended at "); ok {
			m := transcriptRE.FindStringSubmatch(rest + " x: y")
			if m == nil {
				t.Fatalf("%s:%d: %q: want # ended at HH:MM:SS.mmm", what, i+1, ln)
			}
			end, hasEnd = clockOf(m), true
			continue
		}
		m := transcriptRE.FindStringSubmatch(ln)
		if m == nil {
			t.Fatalf("%s:%d: %q: want HH:MM:SS.mmm task: text", what, i+1, ln)
		}
		lines = append(lines, transcriptLine{at: clockOf(m), task: m[5], text: m[6]})
	}
	return lines, end, hasEnd
}

// clockOf returns the time of a transcriptRE match.
func clockOf(m []string) time.Duration {
	n := func(i int) time.Duration {
		v, _ := strconv.Atoi(m[i]) // the pattern admits only digits
		return time.Duration(v)
	}
	return n(1)*time.Hour + n(2)*time.Minute + n(3)*time.Second + n(4)*time.Millisecond
}

// asyncioJitter is how far a line of real asyncio output may be from brewloop's
// virtual time: asyncio runs on the wall clock, each sleep wakes a millisecond or
// so late, and the lateness adds up over a lesson.
const asyncioJitter = 50 * time.Millisecond

// asyncioTaskNames maps task names in a lesson's real asyncio output to brewloop's,
// where they differ for a reason the lesson explains.
var asyncioTaskNames = map[string]map[string]string{
	// Python 3.11's wait_for runs the coroutine in a task of its own (Task-3);
	// since 3.12 it runs in the caller's task, as sim.WaitFor does.
	"timeout": {"Task-3": "customer"},
}

// TestLessonsMatchAsyncio checks each lesson against what its Python program
// printed on real asyncio (model/lesson/lessons/NAME.out, captured by running NAME.py):
// the same lines from the same tasks in the same order, at the same times to
// within asyncioJitter, and the same end.
func TestLessonsMatchAsyncio(t *testing.T) {
	for _, l := range lesson.All() {
		t.Run(l.Name, func(t *testing.T) {
			path := filepath.Join("lesson", "lessons", l.Name+".out")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("os.ReadFile(%s) error = %v (run python3 model/lesson/lessons/%s.py > %[1]s)", path, err, l.Name)
			}
			want, wantEnd, ok := parseTranscript(t, path, string(data))
			if !ok {
				t.Fatalf("%s has no # ended at line", path)
			}
			for i := range want {
				if n, ok := asyncioTaskNames[l.Name][want[i].task]; ok {
					want[i].task = n
				}
			}
			r := runLessonScenario(t, l.Name)
			got, _, _ := parseTranscript(t, "transcript", r.transcript)
			for i := 0; i < max(len(got), len(want)); i++ {
				switch {
				case i >= len(got):
					t.Errorf("line %d: brewloop has no line, asyncio printed %s %s: %s", i+1, lesson.TranscriptClock(want[i].at), want[i].task, want[i].text)
				case i >= len(want):
					t.Errorf("line %d: brewloop said %s %s: %s, asyncio printed nothing more", i+1, lesson.TranscriptClock(got[i].at), got[i].task, got[i].text)
				case got[i].task != want[i].task || got[i].text != want[i].text || absDuration(got[i].at-want[i].at) > asyncioJitter:
					t.Errorf("line %d: brewloop said\n  %s %s: %s\nasyncio printed\n  %s %s: %s", i+1,
						lesson.TranscriptClock(got[i].at), got[i].task, got[i].text, lesson.TranscriptClock(want[i].at), want[i].task, want[i].text)
				}
			}
			if absDuration(r.end-wantEnd) > asyncioJitter {
				t.Errorf("--scenario %s ends at %s, asyncio's main returned at %s", l.Name, lesson.TranscriptClock(r.end), lesson.TranscriptClock(wantEnd))
			}
		})
	}
}

func absDuration(d time.Duration) time.Duration { return max(d, -d) }

// TestLessonPythonIsTheProgramRun checks that the Python shown in the lesson panel
// is the program whose asyncio output the lesson is compared with.
func TestLessonPythonIsTheProgramRun(t *testing.T) {
	for _, l := range lesson.All() {
		path := filepath.Join("lesson", "lessons", l.Name+".py")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("lesson %s: os.ReadFile(%s) error = %v", l.Name, path, err)
			continue
		}
		if l.Python != string(data) {
			t.Errorf("lesson %s: Python differs from %s; copy the file into the lesson", l.Name, path)
		}
	}
}

// TestLessonsRegistered checks the lessons' fields and that each has its scenario,
// starting paused, with the same summary.
func TestLessonsRegistered(t *testing.T) {
	want := []string{"count", "count-sequential", "gather", "sequential", "blocking", "to-thread", "timeout", "cancel", "primitives"}
	var names []string
	for _, l := range lesson.All() {
		names = append(names, l.Name)
		if l.Summary == "" || strings.Contains(l.Summary, "\n") || l.About == "" || l.Python == "" || l.Watch == "" || l.Main == nil {
			t.Errorf("lesson %s: want a one-line Summary and non-empty About, Python, Watch and Main", l.Name)
		}
		sc, ok := config.LookupScenario(l.Name)
		if !ok {
			t.Errorf("LookupScenario(%q) found nothing, want the lesson's scenario", l.Name)
			continue
		}
		if sc.Lesson != l.Name || !sc.StartPaused || sc.Summary != l.Summary {
			t.Errorf("LookupScenario(%q) = {Lesson: %q, StartPaused: %v, Summary: %q}, want {%q, true, %q}",
				l.Name, sc.Lesson, sc.StartPaused, sc.Summary, l.Name, l.Summary)
		}
		if got, ok := lesson.Lookup(l.Name); !ok || got.Name != l.Name {
			t.Errorf("lesson.Lookup(%q) = %v, %v; want the lesson", l.Name, got, ok)
		}
	}
	if !slices.Equal(names, want) {
		t.Errorf("lesson.All() names = %v, want %v", names, want)
	}
	for _, sc := range config.Scenarios() {
		if _, ok := lesson.Lookup(sc.Lesson); sc.Lesson != "" && (!ok || sc.Lesson != sc.Name) {
			t.Errorf("scenario %q has Lesson %q, want a lesson of the same name", sc.Name, sc.Lesson)
		}
	}
	if _, ok := lesson.Lookup("coffee-shop"); ok {
		t.Errorf("lesson.Lookup(coffee-shop) found a lesson, want none: it would replace the shop")
	}
	if a, b := lesson.All()[0], lesson.All()[0]; a == b {
		t.Errorf("lesson.All() returned the same *Lesson twice, want fresh values on each call")
	}
}

// TestLessonLateness checks that the blocking lesson's lateness is in the trace:
// the barista blocks for 3 s and the clock's wake is 2.5 s late, while in the
// to-thread lesson no wake is late and nothing blocks.
func TestLessonLateness(t *testing.T) {
	find := func(evs []sim.Record, name string, k sim.Kind) []string {
		var out []string
		for _, ev := range evs {
			if ev.Name == name && ev.Kind == k {
				out = append(out, lesson.TranscriptClock(ev.Time)+" "+ev.Detail)
			}
		}
		return out
	}
	b := runLessonScenario(t, "blocking")
	if got, want := find(b.events, "barista", sim.KindBlock), []string{"00:00:00.500 for 3s"}; !slices.Equal(got, want) {
		t.Errorf("blocking: barista's block events = %q, want %q", got, want)
	}
	wantWakes := []string{"00:00:03.500 late 2.5s", "00:00:04.500 ", "00:00:05.500 ", "00:00:06.500 "}
	if got := find(b.events, "clock", sim.KindWake); !slices.Equal(got, wantWakes) {
		t.Errorf("blocking: clock's wake events = %q, want %q", got, wantWakes)
	}
	x := runLessonScenario(t, "to-thread")
	for _, ev := range x.events {
		if ev.Kind == sim.KindBlock || (ev.Kind == sim.KindWake && ev.Detail != "") {
			t.Errorf("to-thread: event %v, want no blocking and no late wake", ev)
		}
	}
	var waits []string
	for _, ev := range x.events {
		if ev.Name == "barista" && ev.Kind == sim.KindWait {
			waits = append(waits, lesson.TranscriptClock(ev.Time)+" "+ev.Object)
		}
	}
	if want := []string{"00:00:00.500 worker threads"}; !slices.Equal(waits, want) {
		t.Errorf("to-thread: barista waits on %q, want %q", waits, want)
	}
}

// TestLessonPrimitivesVisible checks that each primitive of the primitives lesson
// is waited on under its descriptive name, which the TUI's task table shows.
func TestLessonPrimitivesVisible(t *testing.T) {
	r := runLessonScenario(t, "primitives")
	waits := map[string][]string{}
	for _, ev := range r.events {
		if ev.Kind == sim.KindWait && !slices.Contains(waits[ev.Object], ev.Name) {
			waits[ev.Object] = append(waits[ev.Object], ev.Name)
		}
	}
	want := []struct {
		object string
		tasks  []string
	}{
		{"shop opens", []string{"ann", "bob", "cat"}},
		{"orders", []string{"barista-1", "barista-2", "barista-3"}},
		{"machines", []string{"barista-3"}},
		{"milk steamer", []string{"barista-2", "barista-3"}},
		{"pickup counter", []string{"ann", "bob", "cat"}},
		{"group order", []string{"ann", "bob"}},
	}
	for _, w := range want {
		if got := waits[w.object]; !slices.Equal(got, w.tasks) {
			t.Errorf("primitives: tasks waiting on %q = %q, want %q", w.object, got, w.tasks)
		}
	}
}

// TestLessonCoffeeShopShape checks that the coffee-shop scenario and its Python
// equivalent (model/lesson/lessons/coffee-shop.py) print the same kinds of lines from the
// same kinds of tasks; their random draws differ, so the times do not match.
func TestLessonCoffeeShopShape(t *testing.T) {
	// A customer's and a brew's number is the order's; any barista may brew.
	shapes := []*regexp.Regexp{
		regexp.MustCompile(`^customer-(\d+): Order (\d+): Customer arrived!$`),
		regexp.MustCompile(`^brew-(\d+): Order (\d+): Coffee is ready!$`),
		regexp.MustCompile(`^barista-\d+: Order \d+: Brewing coffee\.\.\. \(takes \d+(?:\.\d)? seconds\)$`),
	}
	check := func(what string, lines []transcriptLine) {
		if len(lines) == 0 {
			t.Errorf("%s: no lines", what)
		}
		for _, l := range lines {
			ok := false
			for _, re := range shapes {
				if m := re.FindStringSubmatch(l.task + ": " + l.text); m != nil && (len(m) == 1 || m[1] == m[2]) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: line %q from %s does not look like the coffee shop's", what, l.text, l.task)
			}
		}
	}
	py, _, _ := parseTranscript(t, "coffee-shop.out", string(mustRead(t, filepath.Join("lesson", "lessons", "coffee-shop.out"))))
	check("coffee-shop.out", py)

	cfg, err := config.Resolve(config.Options{Base: config.Source{Name: "config.yaml", Data: mustRead(t, "../config.yaml")}, Scenario: "coffee-shop"})
	if err != nil {
		t.Fatalf("Resolve(--scenario coffee-shop) error = %v", err)
	}
	var buf bytes.Buffer
	shop, err := NewShop(cfg, WithScenario("coffee-shop"), WithTracer(lesson.NewTranscript(&buf)))
	if err != nil {
		t.Fatalf("NewShop(coffee-shop) error = %v", err)
	}
	defer shop.Close()
	if err := Live(shop).RunUntil(20 * time.Second); err != nil {
		t.Fatalf("coffee-shop: RunUntil(20s) error = %v", err)
	}
	got, _, _ := parseTranscript(t, "coffee-shop transcript", buf.String())
	check("coffee-shop transcript", got)
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("os.ReadFile(%s) error = %v", path, err)
	}
	return data
}

// TestLessonDocs checks that docs/lessons.md shows, for each lesson, the Python
// program, its asyncio output and the brewloop transcript, as they are now.
func TestLessonDocs(t *testing.T) {
	doc := string(mustRead(t, filepath.Join("..", "docs", "lessons.md")))
	for _, l := range lesson.All() {
		out := string(mustRead(t, filepath.Join("lesson", "lessons", l.Name+".out")))
		r := runLessonScenario(t, l.Name)
		for _, b := range []struct{ what, block string }{
			{"Python program", "```python\n" + l.Python + "```\n"},
			{"asyncio output", "```\n" + out + "```\n"},
			{"brewloop transcript", "```\n" + r.transcript + "```\n"},
		} {
			if !strings.Contains(doc, b.block) {
				t.Errorf("docs/lessons.md lacks lesson %s's %s:\n%s", l.Name, b.what, b.block)
			}
		}
	}
}
