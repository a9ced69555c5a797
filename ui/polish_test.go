package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A lesson stepped to its end: the header says FINISHED once (no STEP and no
// "nothing left to run" twice), keeps brewloop, the scenario and the seed at 80
// columns, and the help bar offers what still works (r restart), not space or ".".
func TestAppLessonEnd(t *testing.T) {
	ta := newTestApp(t, func(o *Options) { o.Lesson, o.Paused, o.Scenario = sampleLesson(), true, "count" })
	ta.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	ta.shop.stepRuns = []int{1}
	ta.shop.snap.Tasks = nil
	ta.shop.snap.Finished = true // the last step ends the run
	ta.shop.snap.LastStep = "nothing left to run"
	ta.keys(".")
	steps := ta.shop.steps
	ta.keys(".", ".")
	h := ta.header()
	for _, want := range []string{"brewloop", "count", "seed 42", "FINISHED"} {
		if !strings.Contains(h, want) {
			t.Errorf("lesson end at 80 columns: header %q lacks %q", h, want)
		}
	}
	if strings.Contains(h, "STEP") || strings.Contains(h, "nothing left") {
		t.Errorf("lesson end: header %q; want FINISHED alone, without STEP or its words", h)
	}
	if ta.shop.steps != steps {
		t.Errorf(". after the end called Step %d more times, want none", ta.shop.steps-steps)
	}
	b := ta.bottom()
	if !strings.HasPrefix(strings.TrimSpace(b), "r restart") || strings.Contains(b, "space") || strings.Contains(b, ". step") {
		t.Errorf("lesson end: help bar %q; want r restart first, and no space or . step", b)
	}
	ta.keys("space")
	if !ta.paused {
		t.Error("space after the end resumed a run that has nothing to run")
	}
	ta.keys("r")
	if len(ta.seeds) != 1 || !strings.Contains(ta.bottom(), ". step") && !strings.Contains(ta.bottom(), "space") {
		t.Errorf("r after the end: %d restarts, help bar %q; want one, and the playing keys back", len(ta.seeds), ta.bottom())
	}
}

// A run whose tasks all wait on each other has nothing to step, but has not
// finished: the header says so, once.
func TestAppStepNothingToRun(t *testing.T) {
	ta := newTestApp(t, func(o *Options) { o.Paused = true })
	ta.shop.snap.LastStep = "nothing left to run"
	ta.keys(".")
	if h := ta.header(); strings.Count(h, "nothing left to run") != 1 {
		t.Errorf("a step with nothing to run: header %q; want the words once", h)
	}
}

// A message longer than the header's room is shown whole on the bottom line (two
// lines if need be), keeping its start and its reason; the header does not cut it.
func TestAppLongStatus(t *testing.T) {
	reason := "the run is past 10000h0m0s of virtual time, longer than a recording may replay"
	for _, w := range []int{80, 100} {
		ta := newTestApp(t, func(o *Options) {
			o.Record = func() (string, error) { return "brewloop-coffee-shop-42.json", errors.New(reason) }
		})
		ta.send(tea.WindowSizeMsg{Width: w, Height: 24})
		ta.keys("w")
		lines := strings.Split(ta.screen(), "\n")
		msg := strings.Join(strings.Fields(lines[len(lines)-2]+" "+lines[len(lines)-1]), " ")
		if !strings.Contains(msg, "record failed: "+reason) {
			t.Errorf("%d columns: the bottom lines %q do not hold the whole message", w, msg)
		}
		if h := ta.header(); strings.Contains(h, "record") || strings.Contains(h, "…") || !strings.Contains(h, "seed 42") {
			t.Errorf("%d columns: header %q; want no piece of the message, and the seed", w, h)
		}
		checkNeverOverflows(t, ta)
		ta.keys("+")
		if strings.Contains(ta.screen(), "record failed") || !strings.Contains(ta.bottom(), "? help") {
			t.Errorf("%d columns: the next key does not give the bottom line back to the help bar: %q", w, ta.bottom())
		}
	}
	// A long path is broken where the line ends, not cut: all of it shows.
	long := "/tmp/a-rather-long-directory-name-for-recordings/of-the-coffee-shop/brewloop-coffee-shop-42.json"
	ta := newTestApp(t, func(o *Options) { o.Record = func() (string, error) { return long, nil } })
	ta.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	ta.keys("w")
	lines := strings.Split(ta.screen(), "\n")
	if got := strings.TrimSpace(lines[len(lines)-2]) + strings.TrimSpace(lines[len(lines)-1]); got != "recorded to "+long {
		t.Errorf("a long path on the bottom lines: %q", got)
	}
	// A path that fits the bottom line takes one line: the panes keep the rest.
	ta = newTestApp(t, func(o *Options) {
		o.Record = func() (string, error) { return "/home/someone/runs/brewloop-coffee-shop-42.json", nil }
	})
	ta.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	ta.keys("w")
	lines = strings.Split(ta.screen(), "\n")
	if !strings.Contains(ta.bottom(), "recorded to /home/someone/runs/brewloop-coffee-shop-42.json") || strings.Contains(lines[len(lines)-2], "recorded") {
		t.Errorf("a one-line message: bottom %q, above it %q", ta.bottom(), lines[len(lines)-2])
	}
}

// The help overlay covers the panes: beside and around the box there is only blank
// space (the header and the bottom line may stay), at 80x24 and at 160x48. Its note
// on g says what a forward move does.
func TestAppHelpOverlayCovers(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		ta := newTestApp(t, func(o *Options) { o.Seek = (&seeker{}).seek })
		ta.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		ta.keys("?")
		lines := strings.Split(ta.screen(), "\n")
		for i, l := range lines[:len(lines)-1] {
			row := strings.TrimSpace(l)
			if row == "" || i == 0 && strings.HasPrefix(row, "brewloop") {
				continue
			}
			r := []rune(row)
			if !strings.ContainsRune("╭│╰", r[0]) || !strings.ContainsRune("╮│╯", r[len(r)-1]) {
				t.Errorf("%dx%d help, row %d: %q; something shows beside the box", sz[0], sz[1], i, l)
			}
		}
		if s := ta.screen(); sz[0] == 160 && (!strings.Contains(s, "fast-forwarded") || strings.Contains(s, "(re-simulated from the start)")) {
			t.Errorf("%dx%d help: the note on g does not say a forward move fast-forwards", sz[0], sz[1])
		}
	}
}

func TestWrapWords(t *testing.T) {
	for _, tt := range []struct {
		s    string
		w    int
		want []string
	}{
		{"record failed: disk full", 40, []string{"record failed: disk full"}},
		{"record failed: the disk is full", 16, []string{"record failed:", "the disk is full"}},
		{"recorded to /a/long/path.json", 16, []string{"recorded to /a/l", "ong/path.json"}},
		{"/a/long/path.json", 8, []string{"/a/long/", "path.jso", "n"}},
	} {
		got := wrapWords(tt.s, tt.w)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.s, tt.w, got, tt.want)
		}
		for _, l := range got {
			if cells(l) > tt.w {
				t.Errorf("wrapWords(%q, %d): line %q is wider than %d", tt.s, tt.w, l, tt.w)
			}
		}
	}
}

// While seeking only esc and quit do anything, and the help bar says just that.
func TestAppSeekingHelp(t *testing.T) {
	sk := &seeker{}
	ta := newSeekApp(t, sk)
	ta.keys("[")
	sk.shops[0].lag = true
	ta.keys("]")
	ta.send(ta.NextFrame())
	if b := ta.bottom(); !ta.seeking || !strings.Contains(b, "esc stop seeking") || strings.Contains(b, "space") || strings.Contains(b, "speed") {
		t.Errorf("seeking %v, help bar %q; want esc and quit only", ta.seeking, b)
	}
	ta.keys("esc")
	if b := ta.bottom(); ta.seeking || !strings.Contains(b, "space") {
		t.Errorf("after esc: seeking %v, help bar %q; want the playing keys back", ta.seeking, b)
	}
}
