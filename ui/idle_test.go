package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// rearms runs cmd (and every command of a batch) and reports whether any of them
// delivers a frame tick: a paused app must hand Bubble Tea nothing that wakes it.
// A tick command blocks for at most one frame interval of wall time.
func rearms(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case frameMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if rearms(c) {
				return true
			}
		}
	}
	return false
}

// TestAppIdleWhilePaused drives a paused app with everything a user or the terminal
// can send (and with stray ticks of every chain) and checks that no message re-arms
// the frame clock or takes a snapshot on its own; only resuming (or a seek that has
// to fast-forward, until it lands) starts ticks again.
func TestAppIdleWhilePaused(t *testing.T) {
	sk := &seeker{}
	ta := newSeekApp(t, sk)
	running := ta.NextFrame()
	if !rearms(ta.send(running)) {
		t.Fatal("a running app's frame did not schedule the next one")
	}
	if rearms(ta.send(press("space"))) {
		t.Fatal("pausing scheduled a tick")
	}
	shop := func() *fakeShop { return ta.App.shop.(*fakeShop) }

	// Ticks already in flight (of the chain from before the pause, and of the tag
	// now current) end here without a snapshot or a successor.
	for i, msg := range []tea.Msg{running, ta.NextFrame(), ta.NextFrame()} {
		before := shop().snaps
		if cmd := ta.send(msg); cmd != nil {
			t.Errorf("tick %d while paused returned a command; want nil", i)
		}
		if n := shop().snaps - before; n != 0 {
			t.Errorf("tick %d while paused took %d snapshots; want 0", i, n)
		}
	}

	// Input while paused changes what it changes, and schedules nothing.
	r := ta.lay.rect(areaEvents)
	msgs := []tea.Msg{
		press("."), press("+"), press("-"), press("tab"), press("b"), press("m"),
		press("x"), press("f"), press("?"), press("?"), press("down"), press("shift+tab"),
		press("["), press("r"), press("n"), press("g"), press("esc"),
		tea.WindowSizeMsg{Width: 120, Height: 40},
		tea.WindowSizeMsg{Width: 160, Height: 48},
		tea.MouseWheelMsg{X: r.x + 1, Y: r.y + 1, Button: tea.MouseWheelDown},
		tea.MouseClickMsg{X: r.x + 1, Y: r.y + 1, Button: tea.MouseLeft},
		tea.PasteMsg{Content: "1:00"},
	}
	for _, msg := range msgs {
		if rearms(ta.send(msg)) {
			t.Errorf("%T %v while paused scheduled a frame tick", msg, msg)
		}
		if !ta.paused {
			t.Fatalf("%v unpaused the app", msg)
		}
	}
	if ta.shop.steps != 1 || len(sk.times) != 1 {
		t.Errorf("while paused: %d steps, Seek%v; want the one step and the one seek back", ta.shop.steps, sk.times)
	}

	// A seek forward fast-forwards in frames while paused, and stops when it lands.
	cmd := ta.send(press("]"))
	for i := 0; rearms(cmd); i++ {
		if i == 10 {
			t.Fatal("the paused fast-forward still ticks after 10 frames")
		}
		cmd = ta.send(ta.NextFrame())
	}
	if ta.seeking || !ta.paused {
		t.Fatalf("after ]: seeking %v, paused %v; want landed, still paused", ta.seeking, ta.paused)
	}
	if cmd := ta.send(ta.NextFrame()); cmd != nil {
		t.Error("a tick after the paused fast-forward landed returned a command")
	}

	// Resuming starts the clock again, and its frames advance the shop.
	if !rearms(ta.send(press("space"))) {
		t.Fatal("resuming scheduled no tick")
	}
	before := len(shop().advances)
	if !rearms(ta.send(ta.NextFrame())) || len(shop().advances) != before+1 {
		t.Errorf("the first frame after resuming: %d AdvanceTo calls, want 1, and a next tick", len(shop().advances)-before)
	}
}

// TestAppIdleWhenFinished: a run with nothing left to do ends its tick chain too, and
// a change that gives it work again (here the snapshot no longer says finished after
// a control change) starts a new one.
func TestAppIdleWhenFinished(t *testing.T) {
	ta := newTestApp(t, nil)
	ta.shop.snap.Finished = true
	if !rearms(ta.send(ta.NextFrame())) { // advances; the new snapshot says finished
		t.Fatal("the frame that found the run finished did not schedule the next one")
	}
	advances, snaps := len(ta.shop.advances), ta.shop.snaps
	if cmd := ta.send(ta.NextFrame()); cmd != nil {
		t.Error("a tick of a finished run returned a command; want the chain to end")
	}
	for _, k := range []string{"+", "tab", "f", "?", "?"} {
		if rearms(ta.send(press(k))) {
			t.Errorf("%s on a finished run scheduled a frame tick", k)
		}
	}
	if len(ta.shop.advances) != advances || ta.shop.snaps != snaps {
		t.Errorf("finished run: %d more AdvanceTo calls, %d more snapshots; want none", len(ta.shop.advances)-advances, ta.shop.snaps-snaps)
	}
	ta.shop.snap.Finished = false
	if !rearms(ta.send(press("b"))) {
		t.Fatal("a control change that leaves work to do started no tick")
	}
	if !rearms(ta.send(ta.NextFrame())) || len(ta.shop.advances) != advances+1 {
		t.Errorf("after the run has work again: %d AdvanceTo calls, want 1, and a next tick", len(ta.shop.advances)-advances)
	}
}
