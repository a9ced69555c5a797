package lesson

import (
	"bytes"
	"testing"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// TestLookup finds every lesson by its name and nothing else. Running the lessons
// on a shop, against CPython's output, is tested in package model.
func TestLookup(t *testing.T) {
	for _, l := range All() {
		got, ok := Lookup(l.Name)
		if !ok || got.Name != l.Name || got.Main == nil || got.Python == "" {
			t.Errorf("Lookup(%q) = %+v, %v; want the lesson with its program and Python", l.Name, got, ok)
		}
	}
	if l, ok := Lookup("coffee-shop"); ok {
		t.Errorf("Lookup(coffee-shop) = %v, want no lesson (the shop is no lesson program)", l.Name)
	}
}

func TestTranscript(t *testing.T) {
	var b bytes.Buffer
	tr := NewTranscript(&b)
	tr.Event(sim.Record{Time: 3723*time.Second + 45*time.Millisecond, Name: "count-1", Kind: sim.KindSay, Detail: "One"})
	tr.Event(sim.Record{Time: time.Second, Name: "count-2", Kind: sim.KindSleep, Detail: "until 2s"})
	if got, want := b.String(), "01:02:03.045 count-1: One\n"; got != want || tr.Err() != nil {
		t.Errorf("transcript = %q, %v; want %q, nil", got, tr.Err(), want)
	}
}
