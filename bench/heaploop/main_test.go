package main

import (
	"math"
	"testing"
)

// The baseline simulates the same queue as brewloop's mmc scenario: its mean wait
// agrees with Erlang C for M/M/4 at utilisation 0.9 (1.9694 minutes).
func TestMeanWaitAgreesWithErlangC(t *testing.T) {
	const erlangC = 1.9694
	var sum float64
	const seeds = 5
	for s := uint64(1); s <= seeds; s++ {
		sum += run(200_000, s).Minutes()
	}
	if got := sum / seeds; math.Abs(got-erlangC)/erlangC > 0.05 {
		t.Errorf("mean wait over %d seeds = %.4f min, want %.4f (Erlang C) within 5%%", seeds, got, erlangC)
	}
}
