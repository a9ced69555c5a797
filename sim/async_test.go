package sim

import (
	"bytes"
	"testing"
	"time"
)

// An Async tracer sees the same events in the same order as a direct one, across
// many batches and a last partial one, and Close waits for all of them.
func TestAsyncTracerIsTransparent(t *testing.T) {
	run := func(tr Tracer) {
		e := New(WithSeed(5), WithTracer(tr))
		defer e.Close()
		q := NewQueue[int](e, "q", 3)
		for i := range 50 {
			e.SpawnN("p", i, func(t *Task) error {
				for k := range 60 {
					if err := q.Put(t, k); err != nil {
						return err
					}
					if err := t.Sleep(time.Duration(1+(i*k)%7) * time.Second); err != nil {
						return err
					}
				}
				return nil
			})
			e.SpawnN("c", i, func(t *Task) error {
				for range 60 {
					if _, err := q.Get(t); err != nil {
						return err
					}
				}
				return nil
			})
		}
		if err := e.RunUntilIdle(); err != nil {
			panic(err)
		}
	}
	var direct, async bytes.Buffer
	dw := NewJSONWriter(&direct)
	run(dw)
	aw := NewJSONWriter(&async)
	a := NewAsync(aw)
	run(a)
	a.Close()
	a.Close() // idempotent
	if dw.Count() < 3*asyncBatch {
		t.Fatalf("only %d events: the test must span several batches", dw.Count())
	}
	if aw.Count() != dw.Count() || aw.Sum() != dw.Sum() || !bytes.Equal(async.Bytes(), direct.Bytes()) {
		t.Fatalf("async trace differs: %d events, hash %s; direct %d events, hash %s", aw.Count(), aw.Sum(), dw.Count(), dw.Sum())
	}
}

func TestAsyncEventAfterClosePanics(t *testing.T) {
	a := NewAsync(NewHasher())
	a.Close()
	wantPanic(t, "closed Async", func() { a.Event(Record{}) })
}
