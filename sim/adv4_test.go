package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// Sleeps beyond the Duration clock are timers ordered by their float deadline
// (asyncio.sleep(1e12), sleep(math.inf)): sleep(inf) is not a bare yield, and when
// the loop reaches the far ones the float clock is CPython's while Now saturates.
func TestSleepSecondsPastTheEndOfTheClock(t *testing.T) {
	e := New()
	defer e.Close()
	var got []string
	sleeper := func(name string, s float64) Func {
		return func(t *Task) error {
			if err := t.SleepSeconds(s); err != nil {
				got = append(got, name+" "+err.Error())
				return nil
			}
			got = append(got, fmt.Sprintf("%s at %g", name, t.Engine().Time()))
			return nil
		}
	}
	inf := e.Spawn("inf", sleeper("inf", math.Inf(1)))
	e.Spawn("1e12", sleeper("1e12", 1e12))
	e.Spawn("1e11", sleeper("1e11", 1e11))
	e.Spawn("1", sleeper("1", 1))
	e.CallAtTime(5e11, "", func() { inf.Cancel() })
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	want := "1 at 1 | 1e11 at 1e+11 | inf sim: cancelled | 1e12 at 1e+12"
	if s := strings.Join(got, " | "); s != want {
		t.Fatalf("got  %s\nwant %s", s, want)
	}
	if e.Now() != math.MaxInt64 || e.Time() != 1e12 {
		t.Errorf("clock at the end: Now %v, Time %g; want the Duration clock saturated and Time 1e12", e.Now(), e.Time())
	}
}
