package ui

import (
	"testing"
	"time"

	"charm.land/lipgloss/v2"
)

// TestCellsMatchesLipgloss checks the fast width count against Lip Gloss for every
// symbol it counts itself, and for text it hands over.
func TestCellsMatchesLipgloss(t *testing.T) {
	for r := rune(0x20); r < 0x2700; r++ {
		if r >= 0x7f && r < 0xa0 || !narrowSymbol(r) && r >= 0x80 {
			continue
		}
		s := "a" + string(r) + "b"
		if got, want := cells(s), lipgloss.Width(s); got != want {
			t.Errorf("cells(%q) = %d, lipgloss.Width = %d", s, got, want)
		}
	}
	for _, s := range []string{"", "latte", "café ×2", "⚠ UNSTABLE ρ ≥ 1", "咖啡", "❚❚ PAUSED", "☕"} {
		if got, want := cells(s), lipgloss.Width(s); got != want {
			t.Errorf("cells(%q) = %d, lipgloss.Width = %d", s, got, want)
		}
	}
}

func TestTrunc(t *testing.T) {
	for _, tt := range []struct {
		s    string
		w    int
		want string
	}{
		{"espresso", 8, "espresso"}, {"espresso", 5, "espr…"}, {"espresso", 1, "…"}, {"espresso", 0, ""},
		{"咖啡咖啡", 5, "咖啡…"}, {"──────", 3, "──…"},
	} {
		if got := trunc(tt.s, tt.w); got != tt.want {
			t.Errorf("trunc(%q, %d) = %q, want %q", tt.s, tt.w, got, tt.want)
		}
	}
}

func TestFormats(t *testing.T) {
	clock := map[time.Duration]string{0: "00:00:00.0", 90*time.Second + 450*time.Millisecond: "00:01:30.4",
		26*time.Hour + 61*time.Second: "26:01:01.0", -time.Second: "00:00:00.0"}
	for d, want := range clock {
		if got := fmtClock(d); got != want {
			t.Errorf("fmtClock(%v) = %q, want %q", d, got, want)
		}
	}
	if got := fmtClockMS(3723*time.Second + 45*time.Millisecond); got != "01:02:03.045" {
		t.Errorf("fmtClockMS = %q, want 01:02:03.045", got)
	}
	durs := map[time.Duration]string{0: "0s", 850 * time.Millisecond: "850ms", 12340 * time.Millisecond: "12.3s",
		245 * time.Second: "4m05s", 7380 * time.Second: "2h03m", -1500 * time.Millisecond: "-1.5s"}
	for d, want := range durs {
		if got := fmtDur(d); got != want {
			t.Errorf("fmtDur(%v) = %q, want %q", d, got, want)
		}
	}
	speeds := map[float64]string{0.1: "x0.1", 1: "x1", 10: "x10", 1000: "x1000", 2.5: "x2.5"}
	for s, want := range speeds {
		if got := fmtSpeed(s); got != want {
			t.Errorf("fmtSpeed(%v) = %q, want %q", s, got, want)
		}
	}
}

func TestLineBufNeverOverflows(t *testing.T) {
	th := testTheme()
	l := newLine(10)
	l.put(th.value, "0123456")
	l.put(th.dim, "789abc")
	l.putW(th.bad, "xyz", 3)
	l.fill(th.rule, "─")
	if got := stripANSI(l.String()); got != "012345678…" {
		t.Errorf("line = %q, want %q", got, "012345678…")
	}
}
