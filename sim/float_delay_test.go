package sim

import (
	"strconv"
	"strings"
	"testing"
)

// TestCallLaterSecondsNegative: asyncio's call_later(delay) is call_at(time() +
// delay) without clamping, so call_later(-0.5) and call_later(-0.25) are due
// before a call_later(0) scheduled first, in deadline order.
func TestCallLaterSecondsNegative(t *testing.T) {
	e := New()
	defer e.Close()
	var got []string
	e.Spawn("main", func(t *Task) error {
		if err := t.Sleep(1e9); err != nil {
			return err
		}
		for _, s := range []float64{0, -0.5, -0.25} {
			name := strconv.FormatFloat(s, 'g', -1, 64)
			e.CallLaterSeconds(s, name, func() { got = append(got, name) })
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	if want := "-0.5 -0.25 0"; strings.Join(got, " ") != want {
		t.Errorf("callbacks ran as %q, want %q", strings.Join(got, " "), want)
	}
}
