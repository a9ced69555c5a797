package sim

import (
	"strings"
	"testing"
)

// asyncio's call_later(delay) is call_at(loop.time() + delay) with no clamp: a
// negative float delay is a deadline in the past, ordered before a past
// deadline that is later than it (program 236).
func TestCallLaterSecondsNegativeIsInThePast(t *testing.T) {
	e := New()
	defer e.Close()
	var got []string
	e.Spawn("main", func(t *Task) error {
		if err := t.Sleep(2e9); err != nil {
			return err
		}
		e.CallAtTime(1.5, "", func() { got = append(got, "past-1.5") })
		h := e.CallLaterSeconds(-1, "", func() { got = append(got, "later-minus-1") })
		if h.when != 1.0 {
			t.Engine().CallSoon("", func() { got = append(got, "when was not 1.0") })
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(got, " "); s != "later-minus-1 past-1.5" {
		t.Fatalf("got %q, want the call_later(-1) timer (due 1.0) before the one due 1.5", s)
	}
}
