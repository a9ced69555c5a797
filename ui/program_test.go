package ui

import (
	"bytes"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brewloop/brewloop/model"
)

// The player, which runs every shop, must satisfy the interface the UI consumes.
var (
	_ Shop = (*model.Player)(nil)
)

// TestProgram runs the app as a whole program: it starts, draws, takes keys, resizes
// and quits. It polls the output on the wall clock, so it only checks the flow; the
// logic is tested by calling Update directly.
func TestProgram(t *testing.T) {
	f := newFakeShop(42)
	f.snap = sampleSnapshot()
	f.now = f.snap.Now
	a := New(Options{Shop: f, MeanInterarrival: 2 * time.Second, MeanBrew: 3 * time.Second, Seed: 42, Speed: 10, Getenv: func(string) string { return "" }})
	tm := teatest.NewTestModel(t, a, teatest.WithInitialTermSize(120, 40))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Tasks")) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(press("space"))
	tm.Send(press("+"))
	tm.Send(press("b"))
	tm.Send(tea.WindowSizeMsg{Width: 70, Height: 20})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("at least 80x24")) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(press("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*App)
	if !final.paused || final.speed != 20 || !slices.Equal(f.calls, []string{"SetBaristas(3)"}) {
		t.Errorf("after space, +, b: paused %v, speed x%v, calls %q; want true, x20, [SetBaristas(3)]", final.paused, final.speed, f.calls)
	}
}
