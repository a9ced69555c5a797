package sim

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// The M/M/c shop of BenchmarkMMc: c = 4 baristas, arrivals exponential at 3.6 per
// minute, service exponential at 1 per minute, FIFO. Erlang C gives the mean wait
// in queue as 1.9694 minutes.
const (
	mmcServers      = 4
	mmcInterarrival = time.Minute * 10 / 36 // mean 1/3.6 min
	mmcService      = time.Minute
	mmcErlangCWait  = 1.9694 // minutes
)

func expDur(r *rand.Rand, mean time.Duration) time.Duration {
	return time.Duration(r.ExpFloat64() * float64(mean))
}

// runMMcSim simulates n customers on the engine, one task per customer plus an
// arrival task, and returns the mean wait in queue in minutes.
func runMMcSim(n int, seed uint64) float64 {
	e := New(WithSeed(seed))
	defer e.Close()
	baristas := NewSemaphore(e, "baristas", mmcServers)
	arrivals, service := e.Rand("arrivals"), e.Rand("service")
	var totalWait time.Duration
	customer := func(t *Task) error {
		arrived := t.Now()
		if err := baristas.Acquire(t); err != nil {
			return err
		}
		totalWait += t.Now() - arrived
		err := t.Sleep(expDur(service, mmcService))
		baristas.Release()
		return err
	}
	e.Spawn("arrivals", func(t *Task) error {
		for i := 0; i < n; i++ {
			if err := t.Sleep(expDur(arrivals, mmcInterarrival)); err != nil {
				return err
			}
			t.Spawn("customer", customer).Release() // as the shop's customers: no allocation
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		panic(err)
	}
	return totalWait.Minutes() / float64(n)
}

// BenchmarkMMc measures the engine on the M/M/c shop, its tasks written as
// sequential Funcs (as brewloop's shop is), the customers released (Task.Release)
// as the shop's are; ns/op is nanoseconds per customer.
// Run it as: go test ./sim -run '^$' -bench MMc -benchtime 1000000x -benchmem
func BenchmarkMMc(b *testing.B) {
	b.ReportAllocs()
	w := runMMcSim(b.N, 1)
	b.ReportMetric(w, "wait-min")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "customers/s")
}

// The baseline: the same model as a plain event heap of callbacks, no coroutines.
// It is written to be fast (a typed binary heap, no interface boxing, callbacks
// created once), so the engine's ratio to it is an honest one.
type hEvent struct {
	when time.Duration
	seq  uint64
	fn   func()
}

type hHeap []hEvent

func (h hHeap) less(i, j int) bool {
	return h[i].when < h[j].when || (h[i].when == h[j].when && h[i].seq < h[j].seq)
}

func (h *hHeap) push(ev hEvent) {
	*h = append(*h, ev)
	a := *h
	for i := len(a) - 1; i > 0; {
		p := (i - 1) / 2
		if !a.less(i, p) {
			break
		}
		a[i], a[p] = a[p], a[i]
		i = p
	}
}

func (h *hHeap) pop() hEvent {
	a := *h
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	a = a[:n]
	for i := 0; ; {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && a.less(c+1, c) {
			c++
		}
		if !a.less(c, i) {
			break
		}
		a[i], a[c] = a[c], a[i]
		i = c
	}
	*h = a
	return top
}

func runMMcHeap(n int, seed uint64) float64 {
	var (
		h         hHeap
		now       time.Duration
		seq       uint64
		free      = mmcServers
		waiting   []time.Duration // arrival times of queued customers (FIFO)
		head      int
		totalWait time.Duration
		arrived   int
	)
	arrivals := rand.New(rand.NewPCG(splitmix(seed), 1))
	service := rand.New(rand.NewPCG(splitmix(seed), 2))
	at := func(d time.Duration, fn func()) {
		seq++
		h.push(hEvent{now + d, seq, fn})
	}
	var depart, arrive func()
	start := func(arrival time.Duration) {
		totalWait += now - arrival
		at(expDur(service, mmcService), depart)
	}
	depart = func() {
		if head < len(waiting) {
			a := waiting[head]
			head++
			if head == len(waiting) {
				waiting, head = waiting[:0], 0
			}
			start(a)
			return
		}
		free++
	}
	arrive = func() {
		arrived++
		if free > 0 {
			free--
			start(now)
		} else {
			waiting = append(waiting, now)
		}
		if arrived < n {
			at(expDur(arrivals, mmcInterarrival), arrive)
		}
	}
	at(expDur(arrivals, mmcInterarrival), arrive)
	for len(h) > 0 {
		ev := h.pop()
		now = ev.when
		ev.fn()
	}
	return totalWait.Minutes() / float64(n)
}

// BenchmarkMMcHeap is the hand-written event-heap baseline for BenchmarkMMc.
func BenchmarkMMcHeap(b *testing.B) {
	b.ReportAllocs()
	w := runMMcHeap(b.N, 1)
	b.ReportMetric(w, "wait-min")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "customers/s")
}

// BenchmarkSwitch measures one hand-over between two tasks that take turns
// through the ready queue (each Yield suspends one and resumes the other): a
// coroutine switch and the loop's bookkeeping. ns/op is per hand-over.
func BenchmarkSwitch(b *testing.B) {
	e := New()
	defer e.Close()
	n := b.N / 2
	for _, name := range []string{"ping", "pong"} {
		e.Spawn(name, func(t *Task) error {
			for i := 0; i < n; i++ {
				if err := t.Yield(); err != nil {
					return err
				}
			}
			return nil
		})
	}
	b.ResetTimer()
	if err := e.RunUntilIdle(); err != nil {
		b.Fatal(err)
	}
}

// TestMMcAgreesWithErlangC runs the benchmark's model for 200,000 customers (on
// several seeds) and checks the mean wait against Erlang C. The benchmark's own
// 1M-customer figure is reported in BENCHMARKS.md.
func TestMMcAgreesWithErlangC(t *testing.T) {
	var sum float64
	const seeds = 5
	for s := uint64(1); s <= seeds; s++ {
		sum += runMMcSim(200_000, s)
	}
	got := sum / seeds
	if rel := math.Abs(got-mmcErlangCWait) / mmcErlangCWait; rel > 0.05 {
		t.Errorf("mean wait over %d seeds = %.4f min, want %.4f (Erlang C) within 5%%", seeds, got, mmcErlangCWait)
	}
	hb := runMMcHeap(200_000, 1)
	if rel := math.Abs(hb-mmcErlangCWait) / mmcErlangCWait; rel > 0.15 {
		t.Errorf("baseline mean wait = %.4f min, want about %.4f", hb, mmcErlangCWait)
	}
}
