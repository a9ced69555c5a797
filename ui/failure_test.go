package ui

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/sim"
)

// failing makes f's next frame end with a task failure: the error, and the fail
// event in the log.
func failing(f *fakeShop) {
	f.err = &sim.TaskError{Task: "barista-2", Err: errors.New("machine 3 is on fire")}
	f.snap.Events = append(f.snap.Events,
		sim.Record{Time: 91 * time.Second, Seq: 4300, Task: 7, Name: "barista-2", Kind: sim.KindAcquire, Object: "machines"},
		sim.Record{Time: 92 * time.Second, Seq: 4321, Task: 7, Name: "barista-2", Kind: sim.KindFail, Detail: "machine 3 is on fire"})
}

// TestFailureShown: a task failure pauses the app and says which task failed,
// when and why, in place of the sliders; the task's events are marked; a restart
// clears it.
func TestFailureShown(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.send(ta.NextFrame())
	if ta.failure != "" || ta.paused {
		t.Fatalf("before any failure: failure %q, paused %v", ta.failure, ta.paused)
	}
	failing(ta.shop)
	ta.send(ta.NextFrame())
	want := "✖ task barista-2 (#7) failed at 00:01:32.000: machine 3 is on fire · the run is paused; r restarts"
	if ta.failure != want {
		t.Errorf("failure = %q, want %q", ta.failure, want)
	}
	if !ta.paused {
		t.Error("the app runs on after a task failure, want it paused")
	}
	scr := ta.screen()
	if !strings.Contains(scr, "✖ task barista-2 (#7) failed") {
		t.Errorf("screen does not show the failure:\n%s", scr)
	}
	if strings.Contains(scr, "Arrivals") {
		t.Errorf("the slider row still shows; want the failure in its place:\n%s", scr)
	}
	if ta.events.failed != 7 {
		t.Errorf("events pane marks task %d, want 7", ta.events.failed)
	}
	// The failure stays through keys; a restart (a new run) clears it.
	ta.keys("+")
	if ta.failure == "" {
		t.Error("a key cleared the failure")
	}
	ta.keys("r")
	if ta.failure != "" || ta.events.failed != 0 {
		t.Errorf("after a restart: failure %q, marked task %d; want none", ta.failure, ta.events.failed)
	}
}

// TestFailureWithoutEvent: with no fail event in the log (the log may have
// dropped it) the error alone names the task.
func TestFailureWithoutEvent(t *testing.T) {
	got := failureText(&sim.TaskError{Task: "arrivals", Err: errors.New("too many")}, sim.Record{})
	if want := "✖ task arrivals failed: too many · the run is paused; r restarts"; got != want {
		t.Errorf("failureText = %q, want %q", got, want)
	}
}

// TestFailureOfAPanic: a task that panicked is named, with what it panicked with
// and where, but no stack.
func TestFailureOfAPanic(t *testing.T) {
	pe := &sim.PanicError{Task: "customer-5", Value: "spilled the milk", At: "shop.go:301", Stack: "goroutine 7 [running]:..."}
	got := failureText(pe, sim.Record{})
	if want := "✖ task customer-5 failed: panicked: spilled the milk (at shop.go:301) · the run is paused; r restarts"; got != want {
		t.Errorf("failureText = %q, want %q", got, want)
	}
}

// TestProgramShowsFailure runs the whole program (teatest): the shop's task fails
// while it plays, and the screen says so.
func TestProgramShowsFailure(t *testing.T) {
	f := newFakeShop(42)
	f.snap = sampleSnapshot()
	f.now = f.snap.Now
	failing(f)
	a := New(Options{Shop: f, MeanInterarrival: 2 * time.Second, MeanBrew: 3 * time.Second, Seed: 42, Speed: 10, Getenv: func(string) string { return "" }})
	tm := teatest.NewTestModel(t, a, teatest.WithInitialTermSize(120, 40))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("machine 3 is on fire")) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(press("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*App)
	if !final.paused || !strings.Contains(final.failure, "barista-2") {
		t.Errorf("final: paused %v, failure %q; want paused with barista-2's failure", final.paused, final.failure)
	}
}

// TestRealShopFailure plays a real shop that overloads (its arrivals task fails
// with *model.OverloadError) and checks that the app stops there and says so.
func TestRealShopFailure(t *testing.T) {
	base, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Resolve(config.Options{Base: config.Source{Name: "config.yaml", Data: base}, Scenario: "mmc",
		Sets: []string{"arrivals.interarrival=fixed(1ms)", "shop.baristas=1", "customers.patience=none"}})
	if err != nil {
		t.Fatal(err)
	}
	shop, err := model.NewShop(cfg, model.WithScenario("mmc"), model.WithEventLog(100))
	if err != nil {
		t.Fatal(err)
	}
	a := New(Options{Shop: model.Live(shop), Seed: cfg.Seed, Speed: 1000, StepBudget: 1 << 30, Getenv: func(string) string { return "" }})
	defer a.Close()
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	for i := 0; i < 10_000 && a.failure == ""; i++ {
		a.Update(a.NextFrame())
	}
	if !strings.Contains(a.failure, "task arrivals (#") || !strings.Contains(a.failure, "overloaded") {
		t.Fatalf("failure = %q, want the arrivals task's overload", a.failure)
	}
	stopped := shop.Now()
	a.Update(a.NextFrame())
	if !a.paused || shop.Now() != stopped {
		t.Errorf("after the failure: paused %v, clock %v then %v; want paused and still", a.paused, stopped, shop.Now())
	}
}

// TestReplayPausesAtRecordingEnd replays a real recording's controls and checks
// that the app stops exactly at the recorded end, no longer says REPLAY, says the
// recording ended, and goes on live after space.
func TestReplayPausesAtRecordingEnd(t *testing.T) {
	base, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Resolve(config.Options{Base: config.Source{Name: "config.yaml", Data: base}})
	if err != nil {
		t.Fatal(err)
	}
	shop, err := model.NewShop(cfg, model.WithEventLog(100))
	if err != nil {
		t.Fatal(err)
	}
	const end = 90*time.Second + 250*time.Millisecond
	changes := []model.ControlChange{{T: 30 * time.Second, Control: model.Baristas(3)}}
	ta := &testApp{App: New(Options{Shop: model.Replay(shop, changes, end), Seed: cfg.Seed, Speed: 7, Getenv: func(string) string { return "" }})}
	defer ta.Close()
	ta.send(tea.WindowSizeMsg{Width: 160, Height: 48})
	if h := ta.header(); !strings.Contains(h, "REPLAY") {
		t.Fatalf("at the start: header %q, want REPLAY", h)
	}
	for i := 0; i < 10_000 && !ta.paused; i++ {
		ta.send(ta.NextFrame())
	}
	if !ta.paused || shop.Now() != end {
		t.Fatalf("after the frames: paused %v at %v; want paused at the recording's end, %v", ta.paused, shop.Now(), end)
	}
	h := ta.header()
	if strings.Contains(h, "REPLAY") || !strings.Contains(h, "PAUSED") || !strings.Contains(h, "end of the recording") {
		t.Errorf("at the end: header %q, want PAUSED and the end of the recording, not REPLAY", h)
	}
	ta.send(ta.NextFrame())
	if shop.Now() != end {
		t.Errorf("a frame while paused at the end moved the clock to %v", shop.Now())
	}
	ta.keys("space")
	for i := 0; i < 100 && shop.Now() == end; i++ {
		ta.send(ta.NextFrame())
	}
	if ta.paused || shop.Now() <= end {
		t.Errorf("after space: paused %v at %v; want a live run past %v", ta.paused, shop.Now(), end)
	}
	if h := ta.header(); strings.Contains(h, "REPLAY") || strings.Contains(h, "end of the recording") {
		t.Errorf("after space: header %q, want the live run's", h)
	}
}
