package main

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// The floor simulates the same queue as brewloop's mmc scenario: its mean wait
// agrees with Erlang C for M/M/4 at utilisation 0.9 (1.9694 minutes).
func TestMeanWaitAgreesWithErlangC(t *testing.T) {
	const erlangC = 1.9694
	var sum float64
	const seeds = 5
	for seed := uint64(1); seed <= seeds; seed++ {
		s := newShop(200_000, seed)
		s.l.run()
		sum += s.totalWait / float64(s.done) / 60
	}
	if got := sum / seeds; math.Abs(got-erlangC)/erlangC > 0.05 {
		t.Errorf("mean wait over %d seeds = %.4f min, want %.4f (Erlang C) within 5%%", seeds, got, erlangC)
	}
}

// simProgram builds the floor's program on a new sim engine, with the same draws:
// an asyncio.Queue of orders, a Semaphore of machines, an Event per drink, Sleep;
// customers released and their orders reused, as the floor's are. The wait total
// grows as baristas take orders.
func simProgram(n int, seed uint64) (e *sim.Engine, wait *time.Duration) {
	e = sim.New()
	type simOrder struct {
		arrived, brew time.Duration
		ready         sim.Event
		run           sim.Func
	}
	orders := sim.NewQueue[*simOrder](e, "orders", 0)
	machines := sim.NewSemaphore(e, "machines", servers)
	rArrive, rBrew := rand.New(rand.NewPCG(seed, 1)), rand.New(rand.NewPCG(seed, 2))
	wait = new(time.Duration)
	var served []*simOrder
	newOrder := func() *simOrder {
		if k := len(served); k > 0 {
			o := served[k-1]
			served = served[:k-1]
			return o
		}
		o := &simOrder{}
		o.run = func(t *sim.Task) error {
			if err := orders.Put(t, o); err != nil {
				return err
			}
			err := o.ready.Wait(t)
			served = append(served, o)
			return err
		}
		return o
	}
	e.Spawn("arrivals", func(t *sim.Task) error {
		for range n {
			if err := t.Sleep(exp(rArrive, interarrival)); err != nil {
				return err
			}
			o := newOrder()
			o.arrived, o.brew, o.ready = t.Now(), exp(rBrew, service), sim.MakeEvent(e, "drink")
			t.Spawn("customer", o.run).Release()
		}
		return nil
	})
	for range servers {
		e.Spawn("barista", func(t *sim.Task) error {
			for {
				o, err := orders.Get(t)
				if err != nil {
					return err
				}
				*wait += t.Now() - o.arrived
				if err := machines.Acquire(t); err != nil {
					return err
				}
				if err := t.Sleep(o.brew); err != nil {
					return err
				}
				o.ready.Set()
				machines.Release()
			}
		})
	}
	return e, wait
}

// simRun runs simProgram one scheduling step at a time (Engine.Step: every ready
// handle) and returns how many steps it made, how many of them stepped a task, the
// total wait in seconds and the final clock.
func simRun(t *testing.T, n int, seed uint64) (steps, taskSteps int, wait, clock float64) {
	e, total := simProgram(n, seed)
	defer e.Close()
	for {
		r, err := e.Step()
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK {
			break
		}
		steps++
		if r.What == "run" {
			taskSteps++
		}
	}
	return steps, taskSteps, total.Seconds(), e.Time()
}

// The floor makes exactly the hops sim makes for the same program: the same
// number of scheduling steps and task steps, the same waits, the same end. So
// its speed is what asyncio's hop structure costs on Go coroutines, and nothing
// it leaves out changes what a run does.
func TestSameStepsAsSim(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		const n = 20_000
		s := newShop(n, seed)
		s.l.run()
		steps, taskSteps, wait, clock := simRun(t, n, seed)
		if got := s.l.n.steps + s.l.n.timers; got != steps {
			t.Errorf("seed %d: floor ran %d steps, sim %d", seed, got, steps)
		}
		if s.l.n.steps != taskSteps {
			t.Errorf("seed %d: floor stepped tasks %d times, sim %d", seed, s.l.n.steps, taskSteps)
		}
		if s.done != n {
			t.Errorf("seed %d: floor served %d customers, want %d", seed, s.done, n)
		}
		if math.Abs(s.totalWait-wait) > 1e-6*wait {
			t.Errorf("seed %d: floor's total wait %.9f s, sim's %.9f s", seed, s.totalWait, wait)
		}
		if s.l.now != clock {
			t.Errorf("seed %d: floor ended at %v s, sim at %v s", seed, s.l.now, clock)
		}
	}
}

// BenchmarkFloor and BenchmarkSim run the same program, the floor on its bare
// loop and sim with all its features; ns/op is per customer. Their difference is
// what sim's features cost on the hops, the shop's model and metrics aside.
// Run them as: go test ./bench/asyncfloor -run '^$' -bench . -benchtime 1000000x
func BenchmarkFloor(b *testing.B) {
	newShop(b.N, 1).l.run()
}

func BenchmarkSim(b *testing.B) {
	e, _ := simProgram(b.N, 1)
	defer e.Close()
	b.ReportAllocs()
	var deadlock *sim.DeadlockError
	if err := e.RunUntilIdle(); !errors.As(err, &deadlock) {
		b.Fatalf("RunUntilIdle: %v, want the baristas left waiting for orders", err)
	}
}
