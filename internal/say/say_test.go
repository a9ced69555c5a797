package say

import (
	"strings"
	"testing"
	"time"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, tabs\tkept", "plain text, tabs\tkept"},
		{"bell\a and\x1b[31mred", `bell\a and\x1b[31mred`},
		{"two\nlines", `two\nlines`},
		{"bad \xff byte", `bad \xff byte`},
		{"café ☕", "café ☕"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClip(t *testing.T) {
	if got := Clip("short"); got != "short" {
		t.Errorf("Clip(short) = %q", got)
	}
	long := strings.Repeat("é", 150)
	if got, want := Clip(long), strings.Repeat("é", 100)+"…"; got != want {
		t.Errorf("Clip(150 runes) = %d runes, want the first 100 and an ellipsis", len([]rune(got)))
	}
}

func TestDidYouMean(t *testing.T) {
	keys := []string{"baristas", "machines", "queue_capacity", "brew_mode"}
	tests := []struct{ in, want string }{
		{"baristsa", `; did you mean "baristas"?`},
		{"queue", `; did you mean "queue_capacity"?`},
		{"xyzzy", ""},
		{"machines", ""}, // itself is no suggestion
	}
	for _, tt := range tests {
		if got := DidYouMean(tt.in, keys); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHoursAndPlural(t *testing.T) {
	if got := Hours(10000 * time.Hour); got != "10000h" {
		t.Errorf("Hours(10000h) = %q, want 10000h", got)
	}
	if got := Hours(90 * time.Second); got != "1m30s" {
		t.Errorf("Hours(90s) = %q, want 1m30s", got)
	}
	if Plural(1) != "" || Plural(2) != "s" || Plural(0) != "s" {
		t.Errorf("Plural(1, 2, 0) = %q, %q, %q; want \"\", s, s", Plural(1), Plural(2), Plural(0))
	}
}
