package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string // a part of the error; empty: no error
	}{
		{"90s", 90 * time.Second, ""},
		{"1h5m", time.Hour + 5*time.Minute, ""},
		{" 2m30.5s ", 2*time.Minute + 30500*time.Millisecond, ""},
		{"0s", 0, ""},
		{"01:30", 90 * time.Second, ""},
		{"1:30", 90 * time.Second, ""},
		{"75:00", 75 * time.Minute, ""},
		{"00:01:30", 90 * time.Second, ""},
		{"1:02:03", time.Hour + 2*time.Minute + 3*time.Second, ""},
		{"00:01:30.25", 90*time.Second + 250*time.Millisecond, ""},
		{"0:5", 5 * time.Second, ""},
		{"", 0, "type a time"},
		{"   ", 0, "type a time"},
		{"90", 0, "add a unit (90s)"},
		{"1.5", 0, "add a unit"},
		{"-5s", 0, "negative"},
		{"-1:00", 0, "negative"},
		{"soon", 0, "not a time"},
		{"1:3x", 0, "not a time"},
		{"1:60", 0, "seconds must be below 60"},
		{"1:60:00", 0, "minutes must be below 60"},
		{"1:2:3:4", 0, "not a time"},
		{"1::30", 0, "not a time"},
		{":30", 0, "not a time"},
		{"1:30.", 0, "not a time"},
		{"1:30.1234567890", 0, "not a time"},
		{"1:030", 0, "not a time"},
		{"1234567:00", 0, "not a time"},
		{"1:+3", 0, "not a time"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseTime(tt.in)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("parseTime(%q) = error %q, want %v", tt.in, err, tt.want)
			case tt.wantErr == "" && got != tt.want:
				t.Errorf("parseTime(%q) = %v, want %v", tt.in, got, tt.want)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("parseTime(%q) = %v, %v; want an error saying %q", tt.in, got, err, tt.wantErr)
			}
		})
	}
}

// newTestPrompt is an open prompt 80 cells wide with the colour styles.
func newTestPrompt() gotoPrompt {
	p := newGotoPrompt()
	p.setStyles(DefaultStyles(true), testTheme())
	p.SetWidth(80)
	p.Open()
	return p
}

// typeKeys presses each key on the prompt in turn.
func typeKeys(p gotoPrompt, keys ...string) gotoPrompt {
	for _, k := range keys {
		p, _ = p.Update(press(k))
	}
	return p
}

func TestGotoPrompt(t *testing.T) {
	t.Run("valid", func(t *testing.T) {
		p := typeKeys(newTestPrompt(), "1", ":", "3", "0")
		if p.Value() != "1:30" {
			t.Fatalf("typed 1:30, Value() = %q", p.Value())
		}
		p = typeKeys(p, "enter")
		if d, ok := p.Chosen(); !ok || d != 90*time.Second || p.Active() {
			t.Errorf("enter on 1:30: Chosen() = %v, %v, Active() = %v; want 1m30s, true, false", d, ok, p.Active())
		}
	})
	t.Run("invalid", func(t *testing.T) {
		p := typeKeys(newTestPrompt(), "s", "o", "o", "n", "enter")
		if _, ok := p.Chosen(); ok || !p.Active() {
			t.Fatalf("enter on soon: chosen %v, active %v; want false, true", ok, p.Active())
		}
		if v := stripANSI(p.View()); !strings.Contains(v, "not a time") || !strings.Contains(v, "soon") {
			t.Errorf("the prompt does not show the entry and what is wrong: %q", v)
		}
		p = typeKeys(p, "backspace")
		if strings.Contains(stripANSI(p.View()), "not a time") {
			t.Error("editing the entry does not clear the complaint")
		}
		if p = typeKeys(p, "ctrl+u", "9", "0", "s", "enter"); !chosen(p, 90*time.Second) {
			t.Error("after a bad entry, 90s still does not go")
		}
	})
	t.Run("esc", func(t *testing.T) {
		p := typeKeys(newTestPrompt(), "9", "0", "s", "esc")
		if _, ok := p.Chosen(); ok || p.Active() || p.View() != "" {
			t.Errorf("esc: chosen %v, active %v, view %q; want false, false, empty", ok, p.Active(), p.View())
		}
		if p = typeKeys(p, "1", "enter"); p.Active() || p.Value() != "90s" {
			t.Errorf("a closed prompt took keys: active %v, value %q", p.Active(), p.Value())
		}
	})
	t.Run("editing", func(t *testing.T) {
		p := typeKeys(newTestPrompt(), "1", "3", "0", "left", "left", ":", "home", "0", "end", "s", "backspace")
		if p.Value() != "01:30" {
			t.Errorf("typed 130, left left :, home 0, end s backspace: Value() = %q, want 01:30", p.Value())
		}
		p, _ = p.Update(tea.PasteMsg{Content: "\x1b[2J:5"})
		if p.Value() != "01:30[2J:5" {
			t.Errorf("a paste with a control character: Value() = %q, want the printable part inserted", p.Value())
		}
		for range 40 {
			p = typeKeys(p, "9")
		}
		if n := len([]rune(p.Value())); n != gotoMaxLen {
			t.Errorf("typed 50 characters, kept %d; want %d", n, gotoMaxLen)
		}
	})
}

func chosen(p gotoPrompt, want time.Duration) bool {
	d, ok := p.Chosen()
	return ok && d == want
}

func TestGotoPromptView(t *testing.T) {
	tests := map[string]struct {
		width int
		keys  []string
	}{
		"empty":          {80, nil},
		"typing":         {80, []string{"1", ":", "3", "0"}},
		"cursor_inside":  {80, []string{"1", ":", "3", "0", "left", "left"}},
		"invalid":        {80, []string{"1", ":", "3", "x", "enter"}},
		"invalid_narrow": {40, []string{"9", "0", "enter"}},
		"long":           {80, []string{"0", "0", "0", "0", "0", "0", "0", "0", ":", "0", "1", ":", "3", "0", ".", "5"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			p := newTestPrompt()
			p.SetWidth(tt.width)
			p = typeKeys(p, tt.keys...)
			checkView(t, p.View(), tt.width, 1)
		})
	}
}
