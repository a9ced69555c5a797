package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/brewloop/brewloop/model/lesson"
	"github.com/brewloop/brewloop/sim"
)

// seeker is a seek function for Options.Seek that records the times it was asked
// for and returns fresh fake shops at those times, or err.
type seeker struct {
	times []time.Duration
	shops []*fakeShop
	err   error
}

func (s *seeker) seek(t time.Duration) (Shop, error) {
	s.times = append(s.times, t)
	if s.err != nil {
		return nil, s.err
	}
	f := newFakeShop(42)
	f.snap = sampleSnapshot()
	f.now = t
	s.shops = append(s.shops, f)
	return f, nil
}

// newSeekApp is a test app with sk as its seek function.
func newSeekApp(t *testing.T, sk *seeker) *testApp {
	t.Helper()
	return newTestApp(t, func(o *Options) { o.Seek = sk.seek })
}

// header returns the first line of the screen.
func (ta *testApp) header() string { return strings.SplitN(ta.screen(), "\n", 2)[0] }

// bottom returns the last line of the screen: the help bar or the prompt.
func (ta *testApp) bottom() string {
	lines := strings.Split(ta.screen(), "\n")
	return lines[len(lines)-1]
}

func TestAppRecord(t *testing.T) {
	calls := 0
	path, err := "runs/coffee-shop-42.json", error(nil)
	ta := newTestApp(t, func(o *Options) {
		o.Record = func() (string, error) { calls++; return path, err }
	})
	if !strings.Contains(ta.bottom(), "w write recording") {
		t.Errorf("the help bar does not offer w: %s", ta.bottom())
	}
	ta.keys("w")
	if calls != 1 {
		t.Fatalf("w called Record %d times, want 1", calls)
	}
	if h := ta.header(); !strings.Contains(h, "recorded to runs/coffee-shop-42.json") {
		t.Errorf("the header does not say where the recording went: %s", h)
	}
	// The notice lasts three seconds of frames, then goes.
	for range 3*DefaultFPS - 1 {
		ta.send(ta.NextFrame())
	}
	if !strings.Contains(ta.header(), "recorded to") {
		t.Error("the notice went before three seconds of frames")
	}
	ta.send(ta.NextFrame())
	if strings.Contains(ta.header(), "recorded to") {
		t.Error("the notice is still there after three seconds of frames")
	}
	err = errors.New("disk full")
	ta.keys("w")
	if calls != 2 || !strings.Contains(ta.header(), "record failed: disk full") {
		t.Errorf("a failing Record: %d calls, header %q; want 2 and the error", calls, ta.header())
	}
	ta.keys("+")
	if strings.Contains(ta.header(), "record failed") {
		t.Error("the next key does not clear the message")
	}
}

func TestAppRecordDisabled(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.keys("w")
	if strings.Contains(ta.screen(), "record") {
		t.Error("without Options.Record, w or the help mentions recording")
	}
}

func TestAppSeek(t *testing.T) {
	sk := &seeker{}
	ta := newSeekApp(t, sk)
	old := ta.shop
	old.now = 30 * time.Second
	oldTick := ta.NextFrame()
	ta.keys("+") // x20, kept across the seek
	if cmd := ta.send(press("[")); cmd == nil {
		t.Error("a seek while running returned no tick")
	}
	if !slices.Equal(sk.times, []time.Duration{0}) {
		t.Fatalf("[ at 00:30: Seek%v, want [0s]", sk.times)
	}
	if !old.closed || ta.App.shop != Shop(sk.shops[0]) {
		t.Fatalf("after [: old shop closed %v, new shop shown %v; want both", old.closed, ta.App.shop == Shop(sk.shops[0]))
	}
	if ta.speed != 20 || ta.paused {
		t.Errorf("after [: speed x%v, paused %v; want x20, running as before", ta.speed, ta.paused)
	}
	ta.send(oldTick)
	if len(sk.shops[0].advances) != 0 {
		t.Error("a tick of the chain from before the seek advanced the new shop")
	}
	ta.send(ta.NextFrame())
	if len(sk.shops[0].advances) != 1 || len(old.advances) != 0 {
		t.Errorf("frame after the seek: new shop %d AdvanceTo calls, old %d; want 1, 0", len(sk.shops[0].advances), len(old.advances))
	}

	// ] moves forward: no re-simulation, the current run fast-forwards in frames
	// with the seek budget, even while paused.
	now := sk.shops[0].now
	ta.keys("space", "]")
	if len(sk.times) != 1 || !ta.seeking || ta.tick() == nil {
		t.Fatalf("] while paused: Seek%v, seeking %v; want no new Seek and a fast-forward under way", sk.times, ta.seeking)
	}
	ta.send(ta.NextFrame())
	adv := sk.shops[0].advances
	if last := adv[len(adv)-1]; last.t != now+time.Minute || last.maxSteps != ta.seekBudget() {
		t.Errorf("seeking frame: AdvanceTo(%v, %d), want AdvanceTo(%v, %d)", last.t, last.maxSteps, now+time.Minute, ta.seekBudget())
	}
	if ta.seeking || !ta.paused || ta.tick() != nil {
		t.Errorf("after reaching the target: seeking %v, paused %v; want done, still paused with no tick", ta.seeking, ta.paused)
	}
	if !strings.Contains(ta.header(), fmtClock(now+time.Minute)) {
		t.Errorf("the header does not show the new time %s: %s", fmtClock(now+time.Minute), ta.header())
	}
	if ta.events.ring.len() == 0 {
		t.Error("a seek while paused leaves the event log empty; it should show where it landed")
	}

	// A far target takes several frames: keys other than esc and quit wait; esc
	// stops where it is.
	sk.shops[0].lag = true
	ta.keys("]")
	ta.send(ta.NextFrame())
	if !ta.seeking || !strings.Contains(ta.header(), "SEEKING") || strings.Contains(ta.header(), "RUNNING") {
		t.Fatalf("a slow fast-forward: seeking %v, header %q; want it under way and shown", ta.seeking, ta.header())
	}
	ta.keys("b")
	if len(sk.shops[0].calls) != 0 {
		t.Errorf("b while seeking reached the shop: %q", sk.shops[0].calls)
	}
	ta.keys("esc")
	at := sk.shops[0].now
	ta.send(ta.NextFrame())
	if ta.seeking || sk.shops[0].now != at {
		t.Errorf("esc while seeking: seeking %v, clock %v -> %v; want stopped where it was", ta.seeking, at, sk.shops[0].now)
	}
	sk.shops[0].lag = false

	sk.err = errors.New("config changed")
	ta.keys("[")
	if ta.App.shop != Shop(sk.shops[0]) || sk.shops[0].closed || !strings.Contains(ta.header(), "seek failed: config changed") {
		t.Errorf("a failing seek should keep the shop and say so: %s", ta.header())
	}
	ta.Close()
	if !sk.shops[0].closed {
		t.Error("Close does not close the shop the last seek returned")
	}
}

func TestAppSeekResetsPanes(t *testing.T) {
	sk := &seeker{}
	ta := newSeekApp(t, sk)
	for i := range 200 {
		ta.shop.snap.Tasks = append(ta.shop.snap.Tasks, sim.TaskInfo{ID: 100 + i, Name: "customer", State: sim.StateWaiting})
	}
	ta.shop.stepRuns = []int{17}
	ta.send(ta.NextFrame())
	ta.keys("space", ".", "tab", "tab", "down", "down", "tab")
	ta.send(tea.MouseWheelMsg{X: ta.lay.rect(areaEvents).x + 1, Y: ta.lay.rect(areaEvents).y + 1, Button: tea.MouseWheelUp})
	if ta.tasks.offset == 0 || ta.events.back == 0 || !ta.stepMode {
		t.Fatalf("setup: tasks offset %d, events back %d, step mode %v; want scrolled and stepping", ta.tasks.offset, ta.events.back, ta.stepMode)
	}
	ta.keys("[")
	if ta.tasks.offset != 0 || ta.tasks.highlight != 0 || ta.events.back != 0 || ta.stepMode || ta.ran != "" {
		t.Errorf("after a seek: tasks offset %d, highlight %d, events back %d, step mode %v, ran %q; want all reset, like a restart",
			ta.tasks.offset, ta.tasks.highlight, ta.events.back, ta.stepMode, ta.ran)
	}
}

func TestAppSeekDisabled(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.keys("tab", "tab") // Tasks: g scrolls to the top there when g is free
	for i := range 200 {
		ta.shop.snap.Tasks = append(ta.shop.snap.Tasks, sim.TaskInfo{ID: 100 + i, Name: "customer", State: sim.StateWaiting})
	}
	ta.send(ta.NextFrame())
	ta.keys("[", "]", "down", "down", "g")
	if ta.shop.closed || ta.prompt.Active() || ta.tasks.offset != 0 {
		t.Errorf("without Options.Seek: shop closed %v, prompt open %v, tasks offset %d; want false, false, 0 (g scrolls to the top)",
			ta.shop.closed, ta.prompt.Active(), ta.tasks.offset)
	}
	if b := ta.bottom(); strings.Contains(b, "go to") || strings.Contains(b, "1 min") {
		t.Errorf("the help bar offers seeking without a seek function: %s", b)
	}
}

func TestAppGoto(t *testing.T) {
	sk := &seeker{}
	ta := newSeekApp(t, sk)
	if !strings.Contains(ta.bottom(), "g go to time") || !strings.Contains(ta.bottom(), "[/] ±1 min") {
		t.Errorf("the help bar does not offer g and [/]: %s", ta.bottom())
	}
	ta.keys("g")
	if !ta.prompt.Active() || !strings.Contains(ta.bottom(), "go to time ›") {
		t.Fatalf("g does not open the prompt: %s", ta.bottom())
	}
	// Keys go to the prompt: b would add a barista, q would quit, space would pause.
	if cmd := ta.send(press("q")); cmd != nil {
		if _, ok := cmd().(tea.QuitMsg); ok {
			t.Fatal("q in the prompt quit the app")
		}
	}
	ta.keys("b", "space")
	if ta.prompt.Value() != "qb " {
		t.Fatalf("typed q, b, space: the prompt holds %q, want %q", ta.prompt.Value(), "qb ")
	}
	ta.keys("backspace", "backspace", "backspace", "1", ":", "3", "x", "enter")
	if len(ta.shop.calls) != 0 || ta.paused || ta.quitting {
		t.Errorf("keys typed into the prompt reached the app: calls %q, paused %v", ta.shop.calls, ta.paused)
	}
	if len(sk.times) != 0 || !ta.prompt.Active() || !strings.Contains(ta.bottom(), "not a time") {
		t.Fatalf("enter on 1:3x: Seek%v, prompt open %v, line %q; want no seek and a complaint", sk.times, ta.prompt.Active(), ta.bottom())
	}
	ta.shop.now = 0 // so 1:30 is ahead: a fast-forward, not a re-simulation
	ta.keys("backspace", "0", "enter")
	if len(sk.times) != 0 || ta.prompt.Active() || !ta.seeking || ta.seekTo != 90*time.Second {
		t.Fatalf("enter on 1:30 at %v: Seek%v, prompt open %v, seeking %v to %v; want a fast-forward to 1m30s", ta.shop.now, sk.times, ta.prompt.Active(), ta.seeking, ta.seekTo)
	}
	ta.send(ta.NextFrame())
	if ta.shop.now != 90*time.Second || ta.seeking {
		t.Errorf("after a frame: clock %v, seeking %v; want 1m30s, done", ta.shop.now, ta.seeking)
	}
	if !strings.Contains(ta.bottom(), "? help") {
		t.Errorf("the help bar is not back after the prompt closed: %s", ta.bottom())
	}

	ta.keys("g", "9", "0", "s", "esc")
	if len(sk.times) != 0 || ta.prompt.Active() || ta.seeking {
		t.Errorf("esc: Seek%v, prompt open %v, seeking %v; want nothing, closed", sk.times, ta.prompt.Active(), ta.seeking)
	}
	ta.keys("b")
	if !slices.Equal(ta.shop.calls, []string{"SetBaristas(3)"}) {
		t.Errorf("after esc, b: calls %q, want the keys back on the app", ta.shop.calls)
	}

	// Back in time (a pasted 30s at 1m30s): the run is re-simulated from the start.
	ta.keys("g")
	ta.send(tea.PasteMsg{Content: "30s"})
	ta.keys("enter")
	if len(sk.times) != 1 || sk.times[0] != 30*time.Second {
		t.Errorf("pasting 30s and enter: Seek%v, want a seek to 30s", sk.times)
	}

	ta.keys("g")
	cmd := ta.send(press("ctrl+c"))
	if cmd == nil {
		t.Fatal("ctrl+c in the prompt returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Errorf("ctrl+c in the prompt: %T, want tea.QuitMsg", cmd())
	}
}

// TestAppGotoTakesG checks that with a seek function g opens the prompt even on a
// focused scrolling pane, whose help then offers home alone for the top.
func TestAppGotoTakesG(t *testing.T) {
	ta := newSeekApp(t, &seeker{})
	ta.keys("tab", "tab", "g")
	if !ta.prompt.Active() {
		t.Fatal("g on the focused Tasks pane does not open the prompt")
	}
	ta.keys("esc")
	if b := ta.bottom(); strings.Contains(b, "home/g") || !strings.Contains(b, "home/end top/bottom") {
		t.Errorf("the help bar still says g scrolls to the top: %s", b)
	}
	ta.keys("?")
	if s := ta.screen(); strings.Contains(s, "home/g") || !strings.Contains(s, "g goes to a virtual time") {
		t.Error("the help overlay still says g scrolls to the top, or does not explain g")
	}
}

func TestAppReplay(t *testing.T) {
	p := &fakePlayer{fakeShop: newFakeShop(42)}
	p.snap = sampleSnapshot()
	p.now = p.snap.Now
	a := New(Options{Shop: p, MeanInterarrival: 2 * time.Second, MeanBrew: 3 * time.Second, Seed: 42, Speed: 10, Getenv: func(string) string { return "" }})
	ta := &testApp{App: a, shop: p.fakeShop}
	ta.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if h := ta.header(); !strings.Contains(h, "↺ REPLAY") || !strings.Contains(h, "RUNNING") {
		t.Fatalf("a replaying shop: header %q, want RUNNING and REPLAY", h)
	}
	ta.keys("space", "+", ".")
	ta.send(ta.NextFrame())
	if h := ta.header(); !strings.Contains(h, "↺ REPLAY") || !strings.Contains(h, "PAUSED") {
		t.Errorf("pause, speed and step keep the replay: header %q", h)
	}
	ta.keys("right") // the Arrivals slider: a control change forks
	if !p.forked || !slices.Equal(p.calls, []string{"SetArrivalRate(1.12)"}) {
		t.Fatalf("moving the slider: forked %v, calls %q", p.forked, p.calls)
	}
	if h := ta.header(); strings.Contains(h, "REPLAY") || !strings.Contains(h, "PAUSED") {
		t.Errorf("after the fork the header should show the live state alone: %s", h)
	}

	// A plain shop never shows REPLAY.
	if h := newTestApp(t, nil).header(); strings.Contains(h, "REPLAY") {
		t.Errorf("a live shop's header says REPLAY: %s", h)
	}
}

func TestAppReplaySeek(t *testing.T) {
	// A seek back returns a new player that retraces known history. Without a
	// recording that history is the run's own: REWOUND, never REPLAY.
	var players []*fakePlayer
	seek := func(t time.Duration) (Shop, error) {
		p := &fakePlayer{fakeShop: newFakeShop(42)}
		p.now = t
		players = append(players, p)
		return p, nil
	}
	ta := newTestApp(t, func(o *Options) { o.Seek = seek })
	if h := ta.header(); strings.Contains(h, "REPLAY") || strings.Contains(h, "REWOUND") {
		t.Fatalf("the live fake shop shows %q", h)
	}
	ta.shop.now = 2 * time.Minute
	ta.keys("[") // back in time: re-simulated by Seek
	if h := ta.header(); len(players) != 1 || !strings.Contains(h, "↺ REWOUND") || strings.Contains(h, "REPLAY") {
		t.Fatalf("after seeking back in a live run: %d seeks, header %q; want REWOUND and no REPLAY", len(players), h)
	}
	ta.keys("b")
	if h := ta.header(); strings.Contains(h, "REWOUND") || strings.Contains(h, "REPLAY") || !players[0].forked {
		t.Errorf("b after the seek: forked %v, header %q; want a live run", players[0].forked, h)
	}

	// A recording stays REPLAY after a seek back in it, until the user changes a
	// control: from then on the history a seek retraces is the user's (REWOUND).
	rec := &fakePlayer{fakeShop: newFakeShop(42)}
	rec.now = 3 * time.Minute
	ta = newTestApp(t, func(o *Options) { o.Seek, o.Shop = seek, rec })
	ta.keys("[")
	if h := ta.header(); !strings.Contains(h, "↺ REPLAY") || strings.Contains(h, "REWOUND") {
		t.Errorf("after seeking back in a recording: header %q, want REPLAY", h)
	}
	ta.keys("b", "[")
	if h := ta.header(); !strings.Contains(h, "↺ REWOUND") || strings.Contains(h, "REPLAY") {
		t.Errorf("a recording changed with b, then seeking back: header %q, want REWOUND", h)
	}
}

func TestAppLesson(t *testing.T) {
	ta := newTestApp(t, func(o *Options) { o.Lesson = sampleLesson() })
	ta.send(tea.WindowSizeMsg{Width: 80, Height: 24}) // too short for the whole program
	if !ta.showLesson || ta.lay.rect(areaLesson).w == 0 {
		t.Fatal("a lesson does not start with its panel shown")
	}
	for _, ar := range []area{areaQueue, areaBaristas, areaMachines, areaStats, areaChart} {
		if r := ta.lay.rect(ar); r.h != 0 {
			t.Errorf("a lesson lays out shop pane %d at %v; a lesson has no shop", ar, r)
		}
	}
	if s := ta.screen(); !strings.Contains(s, "Lesson  gather") || !strings.Contains(s, "async def work(name, delay):") ||
		!strings.Contains(s, "Tasks") || !strings.Contains(s, "Events") {
		t.Errorf("the lesson screen lacks the panel, its code, Tasks or Events:\n%s", s)
	}
	ta.keys("b", "m", "x")
	if len(ta.shop.calls) != 0 {
		t.Errorf("a lesson has no staff, but b, m, x called %q", ta.shop.calls)
	}
	// The panel joins the focus ring while it shows; a lesson's program has no
	// sliders, so the ring is the panel, Tasks and Events, and the panel starts with it.
	if ta.focus != focusLesson || ta.lay.rect(areaArrivals).w != 0 || strings.Contains(ta.screen(), "Arrivals") {
		t.Errorf("a lesson starts with focus %d and sliders at %v; want the panel focused and no sliders", ta.focus, ta.lay.rect(areaArrivals))
	}
	var ring []focus
	for range 5 {
		ta.keys("tab")
		ring = append(ring, ta.focus)
	}
	if want := []focus{focusTasks, focusEvents, focusLesson, focusTasks, focusEvents}; !slices.Equal(ring, want) {
		t.Errorf("focus ring with the lesson shown: %v, want %v", ring, want)
	}
	ta.keys("tab", "down")
	if ta.focus != focusLesson || ta.lesson.offset != 1 {
		t.Errorf("tab, down: focus %d, code offset %d; want the lesson, 1", ta.focus, ta.lesson.offset)
	}
	ta.send(tea.MouseWheelMsg{X: 2, Y: ta.lay.rect(areaLesson).y + 2, Button: tea.MouseWheelUp})
	if ta.lesson.offset != 0 {
		t.Errorf("wheel up over the lesson: offset %d, want 0", ta.lesson.offset)
	}
	ta.keys("l")
	if ta.showLesson || ta.focus != focusTasks || ta.lay.rect(areaLesson).w != 0 {
		t.Errorf("l with the panel focused: shown %v, focus %d; want hidden, Tasks", ta.showLesson, ta.focus)
	}
	if r := ta.lay.rect(areaTasks); r.x != 0 || r.w != 80 {
		t.Errorf("panel hidden: Tasks at %v, want the whole width", r)
	}
	if s := ta.screen(); strings.Contains(s, "async def") || !strings.Contains(ta.bottom(), "l show lesson") {
		t.Error("l does not hide the panel, or the help does not offer to show it again")
	}
	ta.keys("tab", "tab", "tab", "tab")
	if ta.focus == focusLesson {
		t.Error("the hidden panel took the focus")
	}
	ta.keys("l")
	ta.send(tea.MouseClickMsg{X: 2, Y: ta.lay.rect(areaLesson).y + 2, Button: tea.MouseLeft})
	if !ta.showLesson || ta.focus != focusLesson {
		t.Errorf("l, then a click on the panel: shown %v, focus %d; want shown, the lesson", ta.showLesson, ta.focus)
	}
}

// TestAppShopPanel checks a lesson panel without a program (the coffee shop's): the
// shop's panes and keys stay, the panel starts hidden and takes the place of Stats
// and Chart.
func TestAppShopPanel(t *testing.T) {
	ta := newTestApp(t, func(o *Options) { o.Lesson = shopPanel() })
	if ta.showLesson || ta.lay.rect(areaLesson).h != 0 || ta.lay.rect(areaStats).h == 0 {
		t.Fatal("a shop's lesson panel shows at the start, or Stats does not")
	}
	if !strings.Contains(ta.bottom(), "l show lesson") {
		t.Errorf("the help bar does not offer the panel: %s", ta.bottom())
	}
	ta.keys("l")
	if !ta.showLesson || ta.lay.rect(areaStats).h != 0 || ta.lay.rect(areaChart).h != 0 {
		t.Fatal("l does not show the panel in place of Stats and Chart")
	}
	for _, ar := range []area{areaQueue, areaBaristas, areaMachines, areaTasks, areaEvents} {
		if ta.lay.rect(ar).h < 2 {
			t.Errorf("with the panel shown, pane %d has %v; the shop's panes and Tasks and Events stay", ar, ta.lay.rect(ar))
		}
	}
	if s := ta.screen(); !strings.Contains(s, "Lesson  gather") || !strings.Contains(s, "Queue") || strings.Contains(s, "Stats") {
		t.Errorf("the screen with the panel:\n%s", s)
	}
	ta.keys("b", "x")
	if want := []string{"SetBaristas(3)", "SetBrewMode(blocking)"}; !slices.Equal(ta.shop.calls, want) {
		t.Errorf("b, x with a shop's panel: calls %q, want %q", ta.shop.calls, want)
	}
	ta.keys("l")
	if ta.lay.rect(areaStats).h == 0 {
		t.Error("hiding the panel does not bring Stats back")
	}
}

func TestAppNoLesson(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.keys("l")
	if ta.showLesson || ta.lay.rect(areaLesson).w != 0 || strings.Contains(ta.screen(), "lesson") {
		t.Error("without a lesson, l shows a panel or the help mentions lessons")
	}
	for range numFocus {
		ta.keys("tab")
		if ta.focus == focusLesson {
			t.Fatal("without a lesson the focus ring reaches the lesson panel")
		}
	}
}

// TestAppLessonNeverOverflows renders the lesson layout, panel shown and hidden, at
// many sizes and checks that every screen has exactly the terminal's size.
func TestAppLessonNeverOverflows(t *testing.T) {
	t.Run("program", func(t *testing.T) { checkLessonNeverOverflows(t, sampleLesson()) })
	t.Run("shop", func(t *testing.T) { checkLessonNeverOverflows(t, shopPanel()) })
}

func checkLessonNeverOverflows(t *testing.T, l *lesson.Lesson) {
	ta := newTestApp(t, func(o *Options) { o.Lesson = l; o.Seek = (&seeker{}).seek })
	for _, shown := range []bool{true, false} {
		if ta.showLesson != shown {
			ta.keys("l")
		}
		for _, sz := range [][2]int{{80, 24}, {99, 30}, {120, 40}, {160, 48}, {237, 70}} {
			ta.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			lines := strings.Split(ta.screen(), "\n")
			if len(lines) != sz[1] {
				t.Errorf("%dx%d shown=%v: %d lines", sz[0], sz[1], shown, len(lines))
			}
			for i, l := range lines[:len(lines)-1] {
				if n := cells(l); n != sz[0] {
					t.Errorf("%dx%d shown=%v: line %d is %d cells: %q", sz[0], sz[1], shown, i, n, l)
				}
			}
			if last := lines[len(lines)-1]; cells(last) > sz[0] {
				t.Errorf("%dx%d shown=%v: the help bar is %d cells", sz[0], sz[1], shown, cells(last))
			}
		}
	}
}

// TestAppFeatureViews holds whole screens of the replay, record, seek and lesson
// features.
func TestAppFeatureViews(t *testing.T) {
	record := func(o *Options) {
		o.Record = func() (string, error) { return "runs/coffee-shop-42.json", nil }
	}
	seek := func(o *Options) { o.Seek = (&seeker{}).seek }
	lesson := func(o *Options) { o.Lesson = sampleLesson(); seek(o); record(o) }
	shop := func(o *Options) { o.Lesson = shopPanel(); seek(o); record(o) }
	tests := []struct {
		name string
		w, h int
		mod  func(*Options)
		keys []string
	}{
		{"120x40_lesson", 120, 40, lesson, nil},
		{"80x24_lesson", 80, 24, lesson, nil},
		{"120x40_lesson_hidden", 120, 40, lesson, []string{"l"}},
		{"80x24_lesson_focused_scrolled", 80, 24, lesson, []string{"shift+tab", "pgdown"}},
		{"120x40_lesson_help", 120, 40, lesson, []string{"?"}},
		{"120x40_shop_panel", 120, 40, shop, []string{"l"}},
		{"80x24_shop_panel", 80, 24, shop, []string{"l"}},
		{"100x30_recorded", 100, 30, func(o *Options) { record(o); seek(o) }, []string{"w"}},
		{"80x24_goto_invalid", 80, 24, seek, []string{"g", "1", ":", "7", "5", "enter"}},
		{"80x24_help_all_keys", 80, 24, func(o *Options) { record(o); seek(o) }, []string{"?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ta := newTestApp(t, tt.mod)
			ta.send(tea.WindowSizeMsg{Width: tt.w, Height: tt.h})
			ta.keys(tt.keys...)
			golden.RequireEqual(t, []byte(ta.screen()))
		})
	}
}

func TestAppReplayView(t *testing.T) {
	p := &fakePlayer{fakeShop: newFakeShop(42)}
	p.snap = sampleSnapshot()
	p.now = p.snap.Now
	a := New(Options{Shop: p, MeanInterarrival: 2 * time.Second, MeanBrew: 3 * time.Second, Seed: 42, Speed: 10, Getenv: func(string) string { return "" },
		Record: func() (string, error) { return "coffee-shop-fork.json", nil }})
	ta := &testApp{App: a, shop: p.fakeShop}
	ta.send(tea.WindowSizeMsg{Width: 120, Height: 32})
	ta.keys("space")
	golden.RequireEqual(t, []byte(ta.screen()))
}
