// Command heaploop is the whole-process baseline for brewloop's speed figures: the
// M/M/4 queue of `brewloop run --scenario mmc` (Poisson arrivals every 16.667 s on
// average, exponential brews of 60 s, 4 baristas) written as a plain event-heap
// loop, with no tasks, no metrics beyond the mean wait, and no trace. BENCHMARKS.md
// times it side by side with brewloop:
//
//	go build -o /tmp/heaploop ./bench/heaploop
//	/usr/bin/time -f '%e s %M KB' /tmp/heaploop -customers 1000000
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"
)

const (
	servers      = 4
	interarrival = 16667 * time.Millisecond
	service      = 60 * time.Second
)

// event is one scheduled callback; seq breaks ties in scheduling order.
type event struct {
	when time.Duration
	seq  uint64
	fn   func()
}

// eventHeap is a binary min-heap on (when, seq).
type eventHeap []event

func (h eventHeap) less(i, j int) bool {
	return h[i].when < h[j].when || h[i].when == h[j].when && h[i].seq < h[j].seq
}

func (h *eventHeap) push(ev event) {
	*h = append(*h, ev)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if !s.less(i, p) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *eventHeap) pop() event {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	for i := 0; ; {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && s.less(c+1, c) {
			c++
		}
		if !s.less(c, i) {
			break
		}
		s[i], s[c] = s[c], s[i]
		i = c
	}
	*h = s
	return top
}

// run simulates n customers and returns their mean wait in the queue.
func run(n int, seed uint64) time.Duration {
	var (
		h         eventHeap
		now       time.Duration
		seq       uint64
		free      = servers
		waiting   []time.Duration // arrival times of queued customers, FIFO
		head      int
		totalWait time.Duration
		arrived   int
	)
	arrivals := rand.New(rand.NewPCG(seed, 1))
	brews := rand.New(rand.NewPCG(seed, 2))
	exp := func(r *rand.Rand, mean time.Duration) time.Duration {
		return time.Duration(r.ExpFloat64() * float64(mean))
	}
	at := func(d time.Duration, fn func()) {
		seq++
		h.push(event{now + d, seq, fn})
	}
	var depart, arrive func()
	start := func(arrival time.Duration) {
		totalWait += now - arrival
		at(exp(brews, service), depart)
	}
	depart = func() {
		if head == len(waiting) {
			free++
			return
		}
		a := waiting[head]
		head++
		if head == len(waiting) {
			waiting, head = waiting[:0], 0
		}
		start(a)
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
			at(exp(arrivals, interarrival), arrive)
		}
	}
	at(exp(arrivals, interarrival), arrive)
	for len(h) > 0 {
		ev := h.pop()
		now = ev.when
		ev.fn()
	}
	return totalWait / time.Duration(n)
}

func main() {
	customers := flag.Int("customers", 1_000_000, "customers to simulate (at least 1)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *customers < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: heaploop [-customers N] [-seed S] (N at least 1)")
		os.Exit(2)
	}
	fmt.Printf("customers %d, mean wait %.3f min\n", *customers, run(*customers, *seed).Minutes())
}
