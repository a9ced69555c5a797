package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brewloop/brewloop/model/lesson"
)

func TestWrapText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		w    int
		want []string
	}{
		{"fits", "one two", 10, []string{"one two"}},
		{"breaks at spaces", "one two three four", 9, []string{"one two", "three", "four"}},
		{"keeps paragraphs", "one\n\ntwo", 10, []string{"one", "", "two"}},
		{"cuts long words", "abcdefghij xy", 4, []string{"abcd", "efgh", "ij", "xy"}},
		{"long word after a short one", "ab abcdefg", 5, []string{"ab", "abcde", "fg"}},
		{"empty", "  ", 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrapText(tt.in, tt.w)
			if !slices.Equal(got, tt.want) {
				t.Errorf("wrapText(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
			for _, l := range got {
				if cells(l) > tt.w {
					t.Errorf("wrapText(%q, %d): line %q is wider than %d", tt.in, tt.w, l, tt.w)
				}
			}
		})
	}
}

func TestLessonPane(t *testing.T) {
	tests := map[string]struct {
		w, h   int
		keys   []string // pressed with the pane focused
		lesson *lesson.Lesson
	}{
		"60x37_whole":     {60, 37, nil, sampleLesson()},
		"40x21_cut":       {40, 21, nil, sampleLesson()},
		"40x21_scrolled":  {40, 21, []string{"down", "down", "pgdown"}, sampleLesson()},
		"40x21_bottom":    {40, 21, []string{"G"}, sampleLesson()},
		"40x6_tiny":       {40, 6, nil, sampleLesson()},
		"40x4_about_only": {40, 4, nil, sampleLesson()},
		"50x12_no_python": {50, 12, nil, &lesson.Lesson{Name: "empty", About: "Nothing to run.", Watch: "Nothing."}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			p := newLessonPane(testTheme(), tt.lesson)
			p.w, p.h = tt.w, tt.h
			p.setFocus(true)
			for _, k := range tt.keys {
				p, _ = p.Update(press(k))
			}
			checkView(t, p.View(), tt.w, tt.h)
		})
	}
}

func TestLessonPaneScroll(t *testing.T) {
	p := newLessonPane(testTheme(), sampleLesson())
	p.w, p.h = 40, 21
	if len(p.code) != 16 || p.code[4] != `    print(f"{name} starts")` {
		t.Fatalf("code = %d lines, line 5 %q; want 16 lines, tabs as four spaces", len(p.code), p.code[4])
	}
	p, _ = p.Update(press("down"))
	if p.offset != 0 {
		t.Errorf("down while blurred scrolled to %d", p.offset)
	}
	p.setFocus(true)
	_, _, rows := p.plan()
	for _, st := range []struct {
		key  string
		want int
	}{{"down", 1}, {"up", 0}, {"up", 0}, {"G", 16 - rows}, {"down", 16 - rows}, {"home", 0}} {
		p, _ = p.Update(press(st.key))
		if p.offset != st.want {
			t.Fatalf("after %s: offset %d, want %d (%d code rows)", st.key, p.offset, st.want, rows)
		}
	}
	p, _ = p.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if p.offset != min(3, 16-rows) {
		t.Errorf("wheel down: offset %d, want %d", p.offset, min(3, 16-rows))
	}
	if v := stripANSI(p.View()); !strings.Contains(v, "of 16") {
		t.Errorf("a scrolled code section does not say which lines it shows:\n%s", v)
	}
}
