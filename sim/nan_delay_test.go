package sim

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// A NaN float delay is a timer due now, as CPython's loop treats it (a NaN
// deadline is never at or past the end of the iteration's window): sleep(nan)
// returns in the next iteration, wait_for(x, nan) times out at once, and the
// timers behind it are not held back.
func TestNaNDelayIsDueNow(t *testing.T) {
	e := New()
	defer e.Close()
	nan := math.NaN()
	var got []string
	say := func(s string) { got = append(got, Dur(e.Now())+" "+s) }
	e.Spawn("main", func(t *Task) error {
		e.CallLaterSeconds(1, "", func() { say("timer at 1 s") })
		e.CallLaterSeconds(nan, "", func() { say("call_later(nan)") })
		if err := t.SleepSeconds(nan); err != nil {
			return err
		}
		say("sleep(nan) over")
		err := WaitForSeconds(t, nan, func(t *Task) error { return t.Sleep(time.Second) })
		if !errors.Is(err, ErrTimeout) {
			say("wait_for(nan): " + errString(err))
			return nil
		}
		say("wait_for(nan) timed out")
		return t.SleepSeconds(2)
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	want := "0s call_later(nan) | 0s sleep(nan) over | 0s wait_for(nan) timed out | 1s timer at 1 s"
	if s := strings.Join(got, " | "); s != want {
		t.Fatalf("got  %s\nwant %s", s, want)
	}
	if e.Now() != 2*time.Second || e.Time() != 2 {
		t.Errorf("clock at the end: %v (%g); want 2s", e.Now(), e.Time())
	}
}
