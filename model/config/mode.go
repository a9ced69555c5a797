package config

import "fmt"

// BrewMode is how baristas brew.
type BrewMode uint8

// The brew modes. See DESIGN.md: async keeps several drinks brewing per barista,
// hands-on is the M/M/c queue, blocking freezes the loop, executor uses a thread pool.
const (
	ModeAsync BrewMode = iota
	ModeHandsOn
	ModeBlocking
	ModeExecutor
	numModes
)

var modeNames = [...]string{"async", "hands-on", "blocking", "executor"}

// BrewModeNames lists the valid brew_mode values, in order.
func BrewModeNames() []string { return modeNames[:] }

// String returns the mode's config name.
func (m BrewMode) String() string {
	if m < numModes {
		return modeNames[m]
	}
	return fmt.Sprintf("mode(%d)", m)
}

// MarshalText writes the mode's config name; an unknown mode is an error.
func (m BrewMode) MarshalText() ([]byte, error) {
	if m >= numModes {
		return nil, fmt.Errorf("model: unknown brew mode %d", uint8(m))
	}
	return []byte(modeNames[m]), nil
}

// Next returns the mode after m, wrapping around (the x key).
func (m BrewMode) Next() BrewMode { return (m + 1) % numModes }

// ParseBrewMode returns the mode with the given config name.
func ParseBrewMode(s string) (BrewMode, bool) {
	for i, n := range modeNames {
		if n == s {
			return BrewMode(i), true
		}
	}
	return 0, false
}
