package model

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// sabotage is a tracer that panics inside the task that says "Customer arrived!"
// for the n-th time: a bug in a task, as far as the loop can tell (say events are
// traced on the task's own stack).
type sabotage struct{ n int }

func (s *sabotage) Event(ev sim.Record) {
	if ev.Kind == sim.KindSay && strings.Contains(ev.Detail, "Customer arrived!") {
		if s.n--; s.n == 0 {
			panic("spilled the milk")
		}
	}
}

// TestTaskFailureStopsTheFrame: a task that fails stops the TUI's frame at the
// failing step (the clock stays there) and is kept for Err; Play returns it.
func TestTaskFailureStopsTheFrame(t *testing.T) {
	cfg := resolveT(t, "coffee-shop")
	shop, err := NewShop(cfg, WithTracer(&sabotage{n: 5}))
	if err != nil {
		t.Fatal(err)
	}
	defer shop.Close()
	p := Live(shop)
	if p.AdvanceTo(time.Hour, 1<<30) {
		t.Fatal("AdvanceTo(1h) reached 1h past a failing task, want it stopped at the failure")
	}
	var pe *sim.PanicError
	if err := p.Err(); !errors.As(err, &pe) || !strings.Contains(err.Error(), "spilled the milk") {
		t.Fatalf("Err() = %v, want the customer's panic", err)
	}
	if p.Now() >= time.Hour || p.Now() == 0 {
		t.Errorf("clock at %v after the failure, want the failing step's time", p.Now())
	}

	shop2, err := NewShop(cfg, WithTracer(&sabotage{n: 5}))
	if err != nil {
		t.Fatal(err)
	}
	defer shop2.Close()
	interrupted, err := Live(shop2).Play(context.Background(), time.Hour)
	if interrupted || !errors.As(err, &pe) {
		t.Errorf("Play = %v, %v; want the task's panic", interrupted, err)
	}
}
