package sim

import "time"

// Dur formats a duration for event details, rounded to what a reader can use:
// milliseconds from one millisecond up, microseconds below. The event's Time field
// keeps full precision.
func Dur(d time.Duration) string {
	switch {
	case d >= time.Millisecond || d <= -time.Millisecond:
		return d.Round(time.Millisecond).String()
	case d >= time.Microsecond || d <= -time.Microsecond:
		return d.Round(time.Microsecond).String()
	}
	return d.String()
}
