package ui

import (
	"errors"
	"image/color"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/sim"
)

// testApp is an App on a fake shop, sized 160x48, with a restart factory that records
// the seeds it was asked for.
type testApp struct {
	*App
	shop   *fakeShop
	seeds  []uint64
	shops  []*fakeShop
	failOn uint64 // a seed the factory refuses
}

func newTestApp(t *testing.T, mod func(*Options)) *testApp {
	t.Helper()
	ta := &testApp{shop: newFakeShop(42)}
	ta.shop.snap = sampleSnapshot()
	ta.shop.now = ta.shop.snap.Now
	opts := Options{
		Shop: ta.shop, Seed: 42, Speed: 10, MeanInterarrival: 2 * time.Second, MeanBrew: 3 * time.Second,
		Getenv: func(string) string { return "" },
		Restart: func(seed uint64) (Shop, error) {
			ta.seeds = append(ta.seeds, seed)
			if seed == ta.failOn {
				return nil, errors.New("bad config")
			}
			s := newFakeShop(seed)
			ta.shops = append(ta.shops, s)
			return s, nil
		},
	}
	if mod != nil {
		mod(&opts)
	}
	ta.App = New(opts)
	ta.send(tea.WindowSizeMsg{Width: 160, Height: 48})
	return ta
}

// send delivers a message to Update and returns the command it gave back.
func (ta *testApp) send(msg tea.Msg) tea.Cmd {
	m, cmd := ta.Update(msg)
	ta.App = m.(*App)
	return cmd
}

// keys presses each key in turn.
func (ta *testApp) keys(ks ...string) {
	for _, k := range ks {
		ta.send(press(k))
	}
}

func (ta *testApp) screen() string { return stripANSI(ta.View().Content) }

func TestAppInit(t *testing.T) {
	ta := newTestApp(t, nil)
	if ta.Init() == nil {
		t.Fatal("Init() = nil, want the background colour request and the first tick")
	}
	v := ta.View()
	if !v.AltScreen || v.MouseMode != tea.MouseModeCellMotion {
		t.Errorf("View(): AltScreen = %v, MouseMode = %v; want true, cell motion", v.AltScreen, v.MouseMode)
	}
}

func TestAppFrameAdvances(t *testing.T) {
	ta := newTestApp(t, nil)
	start := ta.shop.now
	cmd := ta.send(ta.NextFrame())
	if cmd == nil {
		t.Error("a frame returned no next tick")
	}
	want := advanceCall{start + 10*(time.Second/30), DefaultStepBudget}
	if len(ta.shop.advances) != 1 || ta.shop.advances[0] != want {
		t.Fatalf("AdvanceTo calls = %v, want [%v]", ta.shop.advances, want)
	}
	ta.send(ta.NextFrame())
	if got := ta.shop.advances[1].t; got != start+20*(time.Second/30) {
		t.Errorf("second frame: AdvanceTo(%v), want %v", got, start+20*(time.Second/30))
	}
	if !strings.Contains(ta.screen(), fmtClock(ta.shop.now)) {
		t.Errorf("header does not show the new clock %s", fmtClock(ta.shop.now))
	}
}

func TestAppPauseStopsAdvancing(t *testing.T) {
	ta := newTestApp(t, nil)
	old := ta.NextFrame()
	ta.keys("space")
	if cmd := ta.send(old); cmd != nil || len(ta.shop.advances) != 0 {
		t.Fatalf("frame while paused: cmd = %v, %d AdvanceTo calls; want nil, 0", cmd, len(ta.shop.advances))
	}
	if h := strings.SplitN(ta.screen(), "\n", 2)[0]; !strings.Contains(h, "PAUSED") || strings.Contains(h, "RUNNING") {
		t.Errorf("header while paused does not say PAUSED: %s", h)
	}
	if cmd := ta.send(press("space")); cmd == nil {
		t.Fatal("resume returned no tick")
	}
	if ta.send(old); len(ta.shop.advances) != 0 {
		t.Error("a tick of the chain from before the pause advanced the shop")
	}
	ta.send(ta.NextFrame())
	if len(ta.shop.advances) != 1 {
		t.Errorf("frame after resume: %d AdvanceTo calls, want 1", len(ta.shop.advances))
	}
}

func TestAppStartPaused(t *testing.T) {
	ta := newTestApp(t, func(o *Options) { o.Paused = true })
	ta.send(ta.NextFrame())
	if len(ta.shop.advances) != 0 {
		t.Errorf("started paused, a frame called AdvanceTo %d times", len(ta.shop.advances))
	}
}

func TestAppStep(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.shop.stepRuns = []int{17, 3}
	ta.keys(".")
	if ta.shop.steps != 0 {
		t.Fatalf(". while running called Step %d times, want 0", ta.shop.steps)
	}
	ta.keys("space", ".")
	if ta.shop.steps != 1 {
		t.Fatalf(". while paused called Step %d times, want 1", ta.shop.steps)
	}
	if ta.tasks.highlight != 17 {
		t.Errorf("after a step the Tasks pane highlights #%d, want #17", ta.tasks.highlight)
	}
	s := ta.screen()
	if !strings.Contains(s, "STEP") || !strings.Contains(s, "ran #17 customer-17") || !strings.Contains(s, "▶   #17 customer-17") {
		t.Errorf("step mode does not show STEP, what ran and the highlight:\n%s", s)
	}
	ta.keys(".")
	if ta.shop.steps != 2 || ta.tasks.highlight != 3 {
		t.Errorf("second step: %d Steps, highlight #%d; want 2, #3", ta.shop.steps, ta.tasks.highlight)
	}
	ta.keys("space")
	if ta.stepMode || ta.tasks.highlight != 0 || strings.Contains(ta.screen(), "STEP") {
		t.Error("resuming does not leave step mode")
	}
}

func TestAppSpeed(t *testing.T) {
	ta := newTestApp(t, nil)
	for _, st := range []struct {
		key  string
		want float64
	}{
		{"+", 20}, {"=", 50}, {"+", 100}, {"+", 200}, {"+", 500}, {"+", 1000}, {"+", 1000},
		{"-", 500}, {"-", 200}, {"-", 100}, {"-", 50}, {"-", 20}, {"-", 10}, {"-", 5}, {"-", 2},
		{"-", 1}, {"-", 0.5}, {"-", 0.2}, {"-", 0.1}, {"-", 0.1}, {"+", 0.2},
	} {
		ta.keys(st.key)
		if ta.speed != st.want {
			t.Fatalf("after %q: speed x%v, want x%v", st.key, ta.speed, st.want)
		}
	}
	ta.send(ta.NextFrame())
	speed := 0.2
	if got, want := ta.shop.advances[0].t-ta.shop.snap.Now, time.Duration(speed*float64(time.Second/30)); got != want {
		t.Errorf("at x0.2 a frame advanced %v, want %v", got, want)
	}
	if !strings.Contains(ta.screen(), " x0.2 ") {
		t.Error("header does not show x0.2")
	}
}

func TestAppControlKeys(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.keys("b", "b", "B", "m", "M", "M", "M", "x", "x")
	want := []string{
		"SetBaristas(3)", "SetBaristas(4)", "SetBaristas(3)",
		"SetMachines(3)", "SetMachines(2)", "SetMachines(1)", "SetMachines(1)",
		"SetBrewMode(blocking)", "SetBrewMode(executor)",
	}
	if !slices.Equal(ta.shop.calls, want) {
		t.Errorf("control calls = %q, want %q", ta.shop.calls, want)
	}
	if !strings.Contains(ta.screen(), "mode executor") {
		t.Error("the header does not show the new brew mode")
	}
}

func TestAppSliders(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.keys("right", "tab", "shift+left", "tab", "right", "left")
	want := []string{"SetArrivalRate(1.12)", "SetBrewRate(0.562)"}
	if !slices.Equal(ta.shop.calls, want) {
		t.Errorf("control calls = %q, want %q", ta.shop.calls, want)
	}
	if s := ta.screen(); !strings.Contains(s, "33.6/min ×1.12") || !strings.Contains(s, "5.3s/drink ×0.56") {
		t.Errorf("sliders do not show the new values in user units:\n%s", strings.SplitN(s, "\n", 3)[1])
	}
}

func TestAppFocusRing(t *testing.T) {
	ta := newTestApp(t, nil)
	for i, want := range []focus{focusBrew, focusTasks, focusEvents, focusArrivals} {
		ta.keys("tab")
		if ta.focus != want {
			t.Fatalf("after %d tabs focus = %d, want %d", i+1, ta.focus, want)
		}
	}
	ta.keys("shift+tab")
	if ta.focus != focusEvents || !ta.events.focused || ta.arrivals.Focused() {
		t.Errorf("shift+tab from Arrivals: focus = %d, want Events only", ta.focus)
	}
}

func TestAppMouse(t *testing.T) {
	ta := newTestApp(t, nil)
	// Many tasks and events, so both panes can scroll.
	for i := range 200 {
		ta.shop.snap.Tasks = append(ta.shop.snap.Tasks, sim.TaskInfo{ID: 100 + i, Name: "customer", State: sim.StateWaiting})
		ta.shop.snap.Events = append(ta.shop.snap.Events, sim.Record{Seq: uint64(5000 + i), Kind: sim.KindSleep})
	}
	ta.send(ta.NextFrame())

	br := ta.lay.rect(areaBrew)
	tx, tw := ta.brew.track()
	ta.send(tea.MouseClickMsg{X: br.x + tx + tw - 1, Y: br.y, Button: tea.MouseLeft})
	if ta.focus != focusBrew || ta.brew.Value() != 10 {
		t.Fatalf("click at the end of the Brew track: focus %d, value %v; want Brew, 10", ta.focus, ta.brew.Value())
	}
	ta.send(tea.MouseMotionMsg{X: br.x + tx, Y: br.y + 5, Button: tea.MouseLeft}) // dragging off the row still counts
	ta.send(tea.MouseReleaseMsg{X: br.x + tx, Y: br.y + 5, Button: tea.MouseLeft})
	want := []string{"SetBrewRate(10)", "SetBrewRate(0.1)"}
	if !slices.Equal(ta.shop.calls, want) || ta.brew.Dragging() {
		t.Errorf("click, drag, release on Brew: calls %q, dragging %v; want %q, false", ta.shop.calls, ta.brew.Dragging(), want)
	}

	tr := ta.lay.rect(areaTasks)
	ta.send(tea.MouseClickMsg{X: tr.x + 3, Y: tr.y + 3, Button: tea.MouseLeft})
	if ta.focus != focusTasks {
		t.Errorf("click on Tasks: focus %d, want Tasks", ta.focus)
	}
	ta.send(tea.MouseWheelMsg{X: tr.x + 3, Y: tr.y + 3, Button: tea.MouseWheelDown})
	if ta.tasks.offset != 3 {
		t.Errorf("wheel down over Tasks: offset %d, want 3", ta.tasks.offset)
	}
	er := ta.lay.rect(areaEvents)
	ta.send(tea.MouseWheelMsg{X: er.x + 3, Y: er.y + 3, Button: tea.MouseWheelUp})
	if ta.events.back != 3 || ta.focus != focusTasks {
		t.Errorf("wheel up over Events: back %d, focus %d; want 3, Tasks (the wheel does not focus)", ta.events.back, ta.focus)
	}
	ta.send(tea.MouseClickMsg{X: er.x + 3, Y: er.y + 3, Button: tea.MouseLeft})
	if ta.focus != focusEvents {
		t.Errorf("click on Events: focus %d, want Events", ta.focus)
	}
	ta.send(tea.MouseClickMsg{X: 2, Y: ta.lay.rect(areaQueue).y + 2, Button: tea.MouseLeft})
	if ta.focus != focusEvents {
		t.Errorf("click on the Queue (not focusable) moved focus to %d", ta.focus)
	}
}

// A run that starts paused (a lesson) starts paused again on r and n, at time 0,
// so it can be stepped from the start as the first time; one that starts running
// keeps running (TestAppRestart).
func TestAppRestartStartsPausedAgain(t *testing.T) {
	ta := newTestApp(t, func(o *Options) { o.Paused = true })
	ta.keys("space")
	if ta.paused {
		t.Fatal("space did not resume the run")
	}
	for _, k := range []string{"r", "n"} {
		ta.keys(k)
		if !ta.paused || !strings.Contains(ta.header(), "PAUSED") {
			t.Errorf("%s on a run that started paused: paused %v, header %q; want paused", k, ta.paused, ta.header())
		}
		ta.keys("space")
	}
}

func TestAppRestart(t *testing.T) {
	ta := newTestApp(t, nil)
	oldTick := ta.NextFrame()
	if cmd := ta.send(press("r")); cmd == nil {
		t.Error("restart while running returned no tick")
	}
	if !slices.Equal(ta.seeds, []uint64{42}) || !ta.shop.closed {
		t.Fatalf("r: factory seeds %v, old shop closed %v; want [42], true", ta.seeds, ta.shop.closed)
	}
	ta.send(oldTick)
	if len(ta.shops[0].advances) != 0 {
		t.Error("a tick of the old chain advanced the new shop")
	}
	ta.send(ta.NextFrame())
	if len(ta.shops[0].advances) != 1 || len(ta.shop.advances) != 0 {
		t.Errorf("frame after restart: new shop %d calls, old %d; want 1, 0", len(ta.shops[0].advances), len(ta.shop.advances))
	}
	ta.keys("n")
	if want := mixSeed(42); ta.seeds[1] != want || ta.seed != want {
		t.Errorf("n: factory seed %d, app seed %d; want %d", ta.seeds[1], ta.seed, want)
	}
	if !strings.Contains(ta.screen(), "seed 13679457532755275413") {
		t.Error("header does not show the new seed")
	}
	ta.failOn = mixSeed(mixSeed(42))
	ta.keys("n")
	if !strings.Contains(ta.screen(), "restart failed: bad config") || ta.shops[1].closed {
		t.Error("a failing factory should keep the shop and say so in the header")
	}
	ta.Close()
	ta.Close()
	if !ta.shops[1].closed {
		t.Error("Close does not close the current shop")
	}
}

func TestAppNoRestartFactory(t *testing.T) {
	ta := newTestApp(t, func(o *Options) { o.Restart = nil })
	ta.keys("r", "n")
	if ta.shop.closed {
		t.Error("r without a factory closed the shop")
	}
}

func TestAppFallingBehind(t *testing.T) {
	ta := newTestApp(t, func(o *Options) { o.StepBudget = 7 })
	ta.shop.lag = true
	ta.send(ta.NextFrame())
	if ta.shop.advances[0].maxSteps != 7 {
		t.Errorf("AdvanceTo budget %d, want 7", ta.shop.advances[0].maxSteps)
	}
	if !strings.Contains(ta.screen(), "FALLING BEHIND") {
		t.Error("header does not warn when AdvanceTo falls short")
	}
	ta.shop.lag = false
	for range DefaultFPS {
		ta.send(ta.NextFrame())
	}
	if strings.Contains(ta.screen(), "FALLING BEHIND") {
		t.Error("the warning stays a second after the shop caught up")
	}
}

func TestAppMeasuresFPS(t *testing.T) {
	ta := newTestApp(t, nil)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10 {
		ta.send(frameMsg{tag: ta.tag, at: at.Add(time.Duration(i) * 50 * time.Millisecond)})
	}
	if ta.fps < 19.9 || ta.fps > 20.1 || !strings.Contains(ta.screen(), "FALLING BEHIND") {
		t.Errorf("ticks 50ms apart: fps %.1f (want 20) and the header should say falling behind", ta.fps)
	}
}

func TestAppTooSmall(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.send(tea.WindowSizeMsg{Width: 79, Height: 30})
	if s := ta.screen(); !strings.Contains(s, "at least 80x24") || !strings.Contains(s, "79x30") {
		t.Errorf("79x30 screen does not ask for 80x24:\n%s", s)
	}
	ta.send(tea.MouseClickMsg{X: 3, Y: 3, Button: tea.MouseLeft}) // must not panic or act
	ta.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if s := ta.screen(); strings.Contains(s, "at least") || !strings.Contains(s, "Tasks") {
		t.Error("80x24 is big enough, but the screen still asks for more")
	}
}

// TestAppLayoutNeverOverflows renders at many sizes, the busy shop included, with
// and without the optional keys, and checks that every screen has exactly the
// terminal's size (the help bar may be shorter, never longer).
func TestAppLayoutNeverOverflows(t *testing.T) {
	t.Run("plain", func(t *testing.T) { checkNeverOverflows(t, newTestApp(t, nil)) })
	t.Run("all_keys", func(t *testing.T) {
		checkNeverOverflows(t, newTestApp(t, func(o *Options) {
			o.Seek = (&seeker{}).seek
			o.Record = func() (string, error) { return "runs/x.json", nil }
		}))
	})
}

func checkNeverOverflows(t *testing.T, ta *testApp) {
	busy := busySnapshot()
	for _, snap := range []model.Snapshot{sampleSnapshot(), busy} {
		ta.shop.snap = snap
		ta.send(ta.NextFrame())
		for _, sz := range [][2]int{{80, 24}, {99, 30}, {100, 30}, {120, 40}, {160, 48}, {237, 70}} {
			ta.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			lines := strings.Split(ta.screen(), "\n")
			if len(lines) != sz[1] {
				t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
			}
			for i, l := range lines[:len(lines)-1] { // the help bar may be shorter
				if n := cells(l); n != sz[0] {
					t.Errorf("%dx%d: line %d is %d cells: %q", sz[0], sz[1], i, n, l)
				}
			}
			if n := cells(lines[len(lines)-1]); n > sz[0] {
				t.Errorf("%dx%d: the help bar is %d cells", sz[0], sz[1], n)
			}
		}
	}
}

func TestAppViews(t *testing.T) {
	for _, tt := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"160x48", 160, 48, nil},
		{"80x24", 80, 24, nil},
		{"120x32_paused_events", 120, 32, []string{"space", "tab", "tab", "tab"}},
		{"100x30_help", 100, 30, []string{"?"}},
		{"80x24_help", 80, 24, []string{"?"}},
		{"160x48_help", 160, 48, []string{"?"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ta := newTestApp(t, nil)
			ta.send(tea.WindowSizeMsg{Width: tt.w, Height: tt.h})
			ta.keys(tt.keys...)
			golden.RequireEqual(t, []byte(ta.screen()))
		})
	}
}

func TestAppHelpOverlay(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.keys("?")
	if !strings.Contains(ta.screen(), "brewloop keys") {
		t.Fatal("? does not open the help overlay")
	}
	ta.keys("esc")
	if strings.Contains(ta.screen(), "brewloop keys") {
		t.Error("esc does not close the help overlay")
	}
	if !strings.Contains(ta.screen(), "? help") {
		t.Error("the help bar does not show ? help")
	}
}

func TestAppQuit(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		ta := newTestApp(t, nil)
		cmd := ta.send(press(k))
		if cmd == nil {
			t.Fatalf("%s returned no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s: command gave %T, want tea.QuitMsg", k, cmd())
		}
		if ta.send(ta.NextFrame()); len(ta.shop.advances) != 0 {
			t.Errorf("%s: a frame after quitting advanced the shop", k)
		}
	}
}

func TestAppColours(t *testing.T) {
	hasColour := func(s string) bool { return strings.Contains(s, "38;2;") || strings.Contains(s, "48;2;") }
	ta := newTestApp(t, nil)
	dark := ta.View().Content
	if !hasColour(dark) {
		t.Error("the default view has no colour")
	}
	ta.send(tea.BackgroundColorMsg{Color: color.White})
	if ta.isDark {
		t.Error("a white background was taken for dark")
	}
	if light := ta.View().Content; light == dark || !hasColour(light) {
		t.Error("the light-background view should be coloured, and differently")
	}
	nc := newTestApp(t, func(o *Options) {
		o.Getenv = func(k string) string {
			if k == "NO_COLOR" {
				return "1"
			}
			return ""
		}
	})
	nc.send(tea.BackgroundColorMsg{Color: color.Black})
	if out := nc.View().Content; hasColour(out) || !strings.Contains(out, "\x1b[7") && !strings.Contains(out, ";7m") {
		t.Error("NO_COLOR: the view should have no colour but keep reverse video")
	}
}

// TestAppEventsFreezeWhilePaused checks that the log takes no events while paused,
// except those of a step.
func TestAppEventsFreezeWhilePaused(t *testing.T) {
	ta := newTestApp(t, nil)
	n := ta.events.ring.len()
	ta.keys("space")
	ta.shop.snap.Events = append(ta.shop.snap.Events, sim.Record{Seq: 9001, Kind: sim.KindSleep})
	ta.keys("b") // a control change takes a snapshot while paused
	if ta.events.ring.len() != n {
		t.Errorf("paused: the log took %d events, want none", ta.events.ring.len()-n)
	}
	if !strings.Contains(ta.screen(), "frozen") {
		t.Error("the Events title does not say the log is frozen")
	}
	ta.shop.stepRuns = []int{3}
	ta.keys(".")
	if ta.events.ring.len() != n+1 {
		t.Errorf("a step: the log took %d events, want 1", ta.events.ring.len()-n)
	}
}

// A run with nothing left to do (a lesson that ended) shows FINISHED and its clock
// stays at the end instead of ticking on.
func TestAppFinished(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.shop.snap.Finished = true
	ta.send(ta.NextFrame()) // advances, then the snapshot says finished
	n := len(ta.shop.advances)
	ta.send(ta.NextFrame())
	ta.send(ta.NextFrame())
	if len(ta.shop.advances) != n || !strings.Contains(ta.header(), "FINISHED") || strings.Contains(ta.header(), "RUNNING") {
		t.Errorf("finished run: %d more AdvanceTo calls, header %q; want none, FINISHED", len(ta.shop.advances)-n, ta.header())
	}
}
