package sim_test

import (
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// The library snippet of the README, as written there (between the markers);
// TestReadmeSnippet in the module root checks that the two stay the same.
func Example_readme() {
	// README snippet begins
	rec := &sim.Recorder{}
	e := sim.New(sim.WithSeed(1), sim.WithTracer(rec))
	defer e.Close()
	q := sim.NewQueue[int](e, "orders", 0)
	e.Spawn("producer", func(t *sim.Task) error {
		for i := range 3 {
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := q.Put(t, i); err != nil {
				return err
			}
		}
		return nil
	})
	e.Spawn("consumer", func(t *sim.Task) error {
		for range 3 {
			order, err := q.Get(t)
			if err != nil {
				return err
			}
			fmt.Println(t.Now(), "got order", order)
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil { // a *sim.DeadlockError if tasks stay blocked for ever
		fmt.Println(err)
	}
	gets := 0
	for _, ev := range rec.Events {
		if ev.Kind == sim.KindGet {
			gets++
		}
	}
	fmt.Println(gets, "gets traced, finished at", e.Now())
	// README snippet ends

	// Output:
	// 1s got order 0
	// 2s got order 1
	// 3s got order 2
	// 3 gets traced, finished at 3s
}
