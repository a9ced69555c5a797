package sim

// Async hands events to a tracer that runs on a goroutine of its own, so that
// encoding and writing a trace overlap the simulation on another core. The tracer
// sees every event, in order, exactly as if it were called directly; only when it
// does so changes. Call Close before reading anything the tracer produced (its
// output, its hash): Close hands over what is left and waits for the tracer to
// finish. The tracer must not panic and must not be used elsewhere until then.
//
// Memory is bounded: events travel in a few batches of fixed size, and the loop
// waits when the tracer falls behind by all of them.
type Async struct {
	tr     Tracer
	batch  []Record
	full   chan []Record
	free   chan []Record
	done   chan struct{}
	closed bool
}

const (
	asyncBatch   = 4096 // events per batch
	asyncBatches = 4    // batches in all: one filling, the rest queued or in use
)

// NewAsync starts a goroutine that feeds tr.
func NewAsync(tr Tracer) *Async {
	a := &Async{
		tr:    tr,
		batch: make([]Record, 0, asyncBatch),
		full:  make(chan []Record, asyncBatches),
		free:  make(chan []Record, asyncBatches),
		done:  make(chan struct{}),
	}
	for range asyncBatches - 1 {
		a.free <- make([]Record, 0, asyncBatch)
	}
	go a.run()
	return a
}

func (a *Async) run() {
	defer close(a.done)
	for b := range a.full {
		for i := range b {
			a.tr.Event(b[i])
		}
		clear(b) // let go of the events' strings
		a.free <- b[:0]
	}
}

// Event queues ev for the tracer.
func (a *Async) Event(ev Record) {
	if a.closed {
		panic("sim: event on a closed Async tracer")
	}
	a.batch = append(a.batch, ev)
	if len(a.batch) == asyncBatch {
		a.full <- a.batch
		a.batch = <-a.free
	}
}

// Close hands the last events over and waits until the tracer has seen them all.
// It may be called more than once.
func (a *Async) Close() {
	if a.closed {
		return
	}
	a.closed = true
	if len(a.batch) > 0 {
		a.full <- a.batch
	}
	a.batch = nil
	close(a.full)
	<-a.done
}
