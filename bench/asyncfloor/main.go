// Command asyncfloor is the floor under brewloop's engine: the M/M/4 shop of
// `brewloop run --scenario mmc` (Poisson arrivals every 16.667 s on average,
// exponential brews of 60 s, 4 baristas and 4 machines, hands-on) as sequential
// tasks on a bare loop with asyncio's hop structure (loop.go): the same ready
// queue iterations, timer heap, future wake-ups and coroutine hand-overs as sim,
// and nothing else. Its test checks that it makes exactly the steps sim makes for
// the same program. BENCHMARKS.md times it beside bench/heaploop and brewloop:
// the heap loop is what the model costs, this is what asyncio's hops on Go
// coroutines cost, and the rest of brewloop's time is its engine's features and
// its metrics.
//
//	go build -o /tmp/asyncfloor ./bench/asyncfloor
//	/usr/bin/time -f '%e s %U user %M KB' /tmp/asyncfloor -customers 1000000
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

// order is one customer's order.
type order struct {
	brew    time.Duration
	arrived float64
	ready   fut // the drink: asyncio.Event, whose one waiter is the customer
	run     func(*task)
}

// shop holds the order queue (asyncio.Queue), the machines (asyncio.Semaphore)
// and the run's tallies.
type shop struct {
	l         *loop
	n         int
	queue     []*order
	qhead     int
	getters   []*fut
	machines  int
	mwaiters  []*fut
	served    []*order // storage for the next arrivals
	done      int
	totalWait float64
	rArrive   *rand.Rand
	rBrew     *rand.Rand
}

func newShop(n int, seed uint64) *shop {
	s := &shop{l: &loop{}, n: n, machines: servers,
		rArrive: rand.New(rand.NewPCG(seed, 1)), rBrew: rand.New(rand.NewPCG(seed, 2))}
	s.l.spawn(s.arrivals)
	for range servers {
		s.l.spawn(s.barista)
	}
	return s
}

func exp(r *rand.Rand, mean time.Duration) time.Duration {
	return time.Duration(r.ExpFloat64() * float64(mean))
}

// arrivals spawns n customers, drawing each one's brew time at arrival.
func (s *shop) arrivals(t *task) {
	for range s.n {
		s.l.sleep(t, float64(exp(s.rArrive, interarrival))/1e9)
		o := s.newOrder()
		o.arrived, o.brew = s.l.now, exp(s.rBrew, service)
		s.l.spawn(o.run)
	}
}

func (s *shop) newOrder() *order {
	if k := len(s.served); k > 0 {
		o := s.served[k-1]
		s.served = s.served[:k-1]
		*o = order{run: o.run}
		return o
	}
	o := new(order)
	o.run = func(t *task) { s.customer(t, o) }
	return o
}

// customer queues its order and waits for the drink.
func (s *shop) customer(t *task, o *order) {
	s.put(o)
	if !o.ready.done {
		s.l.await(t, &o.ready)
	}
	s.done++
	s.served = append(s.served, o)
}

// barista takes orders one at a time and brews each on a machine.
func (s *shop) barista(t *task) {
	for {
		o := s.get(t)
		s.totalWait += s.l.now - o.arrived
		s.acquire(t)
		s.l.sleep(t, float64(o.brew)/1e9)
		s.l.finish(&o.ready)
		s.release()
	}
}

// put is Queue.put_nowait: the first getter still waiting is woken.
func (s *shop) put(o *order) {
	s.queue = append(s.queue, o)
	for len(s.getters) > 0 {
		g := s.getters[0]
		s.getters = s.getters[1:]
		if !g.done {
			s.l.finish(g)
			break
		}
	}
}

// get is Queue.get: wait while the queue is empty, then take the head.
func (s *shop) get(t *task) *order {
	for s.qhead == len(s.queue) {
		f := t.wait()
		s.getters = append(s.getters, f)
		s.l.await(t, f)
	}
	o := s.queue[s.qhead]
	s.queue[s.qhead] = nil
	s.qhead++
	if s.qhead == len(s.queue) {
		s.queue, s.qhead = s.queue[:0], 0
	}
	return o
}

// acquire is Semaphore.acquire: a free machine is taken at once unless others
// wait; a waiter is handed the machine by release.
func (s *shop) acquire(t *task) {
	if s.machines > 0 && len(s.mwaiters) == 0 {
		s.machines--
		return
	}
	f := t.wait()
	s.mwaiters = append(s.mwaiters, f)
	s.l.await(t, f)
}

func (s *shop) release() {
	if len(s.mwaiters) > 0 {
		f := s.mwaiters[0]
		s.mwaiters = s.mwaiters[1:]
		s.l.finish(f)
		return
	}
	s.machines++
}

func main() {
	customers := flag.Int("customers", 1_000_000, "customers to simulate (at least 1)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *customers < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: asyncfloor [-customers N] [-seed S] (N at least 1)")
		os.Exit(2)
	}
	s := newShop(*customers, *seed)
	s.l.run()
	n := float64(*customers)
	fmt.Printf("customers %d, mean wait %.3f min; per customer: %.2f task steps, %.2f timers, %.2f iterations\n",
		*customers, s.totalWait/float64(s.done)/60, float64(s.l.n.steps)/n, float64(s.l.n.timers)/n, float64(s.l.n.iterations)/n)
}
