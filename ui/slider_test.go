package ui

import (
	"math"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

// press returns the key press message for a key as Bubble Tea v2 reports it: names
// such as "left", "shift+tab", "ctrl+c", "space", or a printable character.
func press(k string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"space":       {Code: tea.KeySpace, Text: " "},
		"tab":         {Code: tea.KeyTab},
		"shift+tab":   {Code: tea.KeyTab, Mod: tea.ModShift},
		"left":        {Code: tea.KeyLeft},
		"right":       {Code: tea.KeyRight},
		"shift+left":  {Code: tea.KeyLeft, Mod: tea.ModShift},
		"shift+right": {Code: tea.KeyRight, Mod: tea.ModShift},
		"up":          {Code: tea.KeyUp},
		"down":        {Code: tea.KeyDown},
		"pgup":        {Code: tea.KeyPgUp},
		"pgdown":      {Code: tea.KeyPgDown},
		"home":        {Code: tea.KeyHome},
		"end":         {Code: tea.KeyEnd},
		"esc":         {Code: tea.KeyEscape},
		"enter":       {Code: tea.KeyEnter},
		"backspace":   {Code: tea.KeyBackspace},
		"ctrl+c":      {Code: 'c', Mod: tea.ModCtrl},
	}
	if m, ok := special[k]; ok {
		return m
	}
	r := []rune(k)[0]
	m := tea.KeyPressMsg{Code: r, Text: k}
	if r >= 'A' && r <= 'Z' {
		m.Code, m.Mod = r+'a'-'A', tea.ModShift
	}
	return m
}

func newRateSlider() Slider {
	s := NewSlider("Rate", 0.1, 10, WithLogScale(), WithSteps(40, 5))
	s.SetWidth(50)
	s.SetValue(1)
	s.Focus()
	return s
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestSliderKeys(t *testing.T) {
	tests := []struct {
		name  string
		start float64
		keys  []string
		want  float64
	}{
		{"right is one twentieth of a decade", 1, []string{"right"}, 1.12},
		{"left", 1, []string{"left"}, 0.891},
		{"right then left comes back", 1, []string{"right", "left"}, 1},
		{"five small steps are a big one", 1, []string{"right", "right", "right", "right", "right"}, 1.78},
		{"shift+right", 1, []string{"shift+right"}, 1.78},
		{"shift+left", 1, []string{"shift+left"}, 0.562},
		{"clamps at the maximum", 8, []string{"shift+right", "shift+right"}, 10},
		{"clamps at the minimum", 0.12, []string{"shift+left", "left"}, 0.1},
		{"home", 3, []string{"home"}, 0.1},
		{"end", 3, []string{"end"}, 10},
		{"off the grid right goes to the next point up", 1.05, []string{"right"}, 1.12},
		{"off the grid left goes to the next point down", 1.05, []string{"left"}, 1},
		{"other keys do nothing", 1, []string{"up", "x"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newRateSlider()
			s.SetValue(tt.start)
			for _, k := range tt.keys {
				s, _ = s.Update(press(k))
			}
			if !near(s.Value(), tt.want) {
				t.Errorf("after %v from %v: Value() = %v, want %v", tt.keys, tt.start, s.Value(), tt.want)
			}
		})
	}
}

func TestSliderIgnoresKeysWhenBlurred(t *testing.T) {
	s := newRateSlider()
	s.Blur()
	s, _ = s.Update(press("right"))
	if s.Value() != 1 {
		t.Errorf("blurred slider moved on right: Value() = %v, want 1", s.Value())
	}
	if s.KeyMap.Inc.Enabled() {
		t.Error("blurred slider's Inc binding is enabled; the help would show it")
	}
}

func TestSliderMouse(t *testing.T) {
	s := newRateSlider()
	x, w := s.track()
	click := func(x int) tea.MouseClickMsg { return tea.MouseClickMsg{X: x, Button: tea.MouseLeft} }

	s, _ = s.Update(click(x))
	if !near(s.Value(), 0.1) || !s.Dragging() {
		t.Fatalf("click on the track's first cell: Value() = %v, Dragging() = %v; want 0.1, true", s.Value(), s.Dragging())
	}
	s, _ = s.Update(tea.MouseMotionMsg{X: x + w - 1, Button: tea.MouseLeft})
	if !near(s.Value(), 10) {
		t.Errorf("drag to the last cell: Value() = %v, want 10", s.Value())
	}
	s, _ = s.Update(tea.MouseMotionMsg{X: x + 1000})
	if !near(s.Value(), 10) {
		t.Errorf("drag past the end: Value() = %v, want 10 (clamped)", s.Value())
	}
	s, _ = s.Update(tea.MouseReleaseMsg{X: x + (w-1)/2})
	if !near(s.Value(), 1) || s.Dragging() {
		t.Errorf("release in the middle: Value() = %v, Dragging() = %v; want 1, false", s.Value(), s.Dragging())
	}
	s, _ = s.Update(tea.MouseMotionMsg{X: x})
	if !near(s.Value(), 1) {
		t.Errorf("motion after release moved the slider: Value() = %v, want 1", s.Value())
	}
	s, _ = s.Update(click(0)) // on the label: not the track
	if !near(s.Value(), 1) || s.Dragging() {
		t.Errorf("click on the label: Value() = %v, Dragging() = %v; want 1, false", s.Value(), s.Dragging())
	}
	s, _ = s.Update(tea.MouseWheelMsg{X: x, Button: tea.MouseWheelUp})
	if !near(s.Value(), 1.12) {
		t.Errorf("wheel up: Value() = %v, want 1.12", s.Value())
	}
}

func TestSliderLinear(t *testing.T) {
	s := NewSlider("N", 0, 100, WithSteps(10, 2))
	s.SetWidth(40)
	s.Focus()
	s.SetValue(50)
	for k, want := range map[string]float64{"right": 60, "left": 40, "shift+right": 70, "shift+left": 30} {
		got, _ := s.Update(press(k))
		if !near(got.Value(), want) {
			t.Errorf("%s from 50: Value() = %v, want %v", k, got.Value(), want)
		}
	}
}

func TestSliderView(t *testing.T) {
	for _, tt := range []struct {
		name    string
		value   float64
		focused bool
	}{
		{"unfocused_min", 0.1, false},
		{"focused_mid", 1, true},
		{"focused_max", 10, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newRateSlider()
			s.Format = func(v float64) string { return fmtFloat(v*30, 1) + "/min" }
			s.SetValue(tt.value)
			if !tt.focused {
				s.Blur()
			}
			out := s.View()
			if w := cells(stripANSI(out)); w != 50 {
				t.Errorf("View() is %d cells wide, want 50", w)
			}
			golden.RequireEqual(t, []byte(stripANSI(out)))
		})
	}
}
