package model

import (
	"strconv"

	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/theory"
	"github.com/brewloop/brewloop/sim"
)

// Snapshot returns a picture of the shop now, as values.
func (s *Shop) Snapshot() Snapshot {
	now := s.e.Now()
	snap := Snapshot{
		Now: now, Scenario: s.scenario, Seed: s.cfg.Seed, Controls: s.controls,
		QueueLen: s.waiting, QueueCap: s.cfg.Shop.QueueCapacity,
		Metrics: s.Metrics(), Theory: s.Theory(),
		EventsTotal: s.e.Events(),
	}
	s.orders.Each(func(o *Order) bool {
		if !o.gone {
			snap.Queue = append(snap.Queue, QueuedCustomer{ID: o.ID, Item: s.cfg.Menu[o.Item].Name, Arrived: o.Arrived})
		}
		return len(snap.Queue) < MaxQueueShown
	})
	for _, b := range s.baristas {
		v := BaristaView{Name: b.name, State: b.state, Since: b.since}
		if b.leaving && b.state != BaristaIdle {
			v.State = BaristaLeaving
		}
		if b.order != nil {
			v.Order, v.Item = b.order.ID, s.cfg.Menu[b.order.Item].Name
			if b.state == BaristaBrewing || b.state == BaristaBlocked || b.state == BaristaWaitExecutor {
				v.Start, v.End = b.start, b.end
			}
		}
		snap.Baristas = append(snap.Baristas, v)
	}
	for _, o := range s.slots {
		mv := MachineView{}
		if o != nil {
			mv = MachineView{Busy: true, Order: o.ID, Item: s.cfg.Menu[o.Item].Name, Start: o.brewStart, End: o.brewEnd}
		}
		snap.Machines = append(snap.Machines, mv)
	}
	x := s.exec
	snap.Executor = ExecutorView{Workers: x.Workers(), Busy: x.Busy(), Queued: x.Queued()}
	for i := 0; i < x.Workers(); i++ {
		var jv MachineView
		if j := x.Running(i); j != nil {
			jv = MachineView{Busy: true, Item: j.Label, Start: j.Start, End: j.End}
			// The job's barista holds its order: show the order and drink as the
			// machines do.
			for _, b := range s.baristas {
				if b.order != nil && b.state == BaristaWaitExecutor && j.Label == execLabel(b.order) {
					jv.Order, jv.Item = b.order.ID, s.cfg.Menu[b.order.Item].Name
					break
				}
			}
		}
		snap.Executor.Jobs = append(snap.Executor.Jobs, jv)
	}
	snap.Tasks = s.e.Tasks(make([]sim.TaskInfo, 0, s.e.NumLive()))
	for _, ti := range snap.Tasks {
		snap.TaskCounts[ti.State]++
	}
	if c := s.e.Current(); c != nil {
		snap.Current = c.ID()
	}
	if t := s.e.LastRan(); t != nil {
		snap.LastRan = t.ID()
	}
	snap.LastStep, snap.StepTask = s.lastStep, s.stepTask
	snap.Finished = s.Finished()
	if blocked, by, until := s.e.Blocked(); blocked {
		snap.Blocked, snap.BlockedBy, snap.BlockedTill = true, by.Name(), until
	}
	if s.log != nil {
		snap.Events = s.log.Append(nil)
	}
	snap.History = s.history.append(nil)
	return snap
}

// Theory returns what queueing theory predicts for the shop as it is now (its
// configuration and live controls), or nil when the shop is not a textbook queue:
// exponential interarrival and brew times with one mean, no order-taking time, no
// patience, no rate schedule, hands-on mode, and no more baristas than machines
// (so each barista is one server).
func (s *Shop) Theory() *Theory {
	c := s.cfg
	if s.controls.Mode != config.ModeHandsOn || !c.Arrivals.Interarrival.Exponential() ||
		!c.Customers.Patience.IsNone() || c.Customers.OrderTime.Mean() != 0 || len(c.Arrivals.Schedule) > 0 ||
		s.controls.Baristas > s.controls.Machines {
		return nil
	}
	brew := c.Menu[0].Brew
	for _, it := range c.Menu {
		if !it.Brew.Exponential() || it.Brew.Mean() != brew.Mean() {
			return nil
		}
	}
	lambda := s.controls.ArrivalRate / c.Arrivals.Interarrival.Mean().Seconds()
	mu := s.controls.BrewRate / brew.Mean().Seconds()
	return TheoryFor(s.controls.Baristas, c.Shop.QueueCapacity, lambda, mu)
}

// TheoryFor returns the M/M/c prediction (or M/M/c/K with K = c + capacity when
// capacity > 0) for rates per second.
func TheoryFor(c, capacity int, lambda, mu float64) *Theory {
	if capacity > 0 {
		q := theory.MMcK{C: c, K: c + capacity, Lambda: lambda, Mu: mu}
		return &Theory{
			Model: "M/M/" + strconv.Itoa(c) + "/" + strconv.Itoa(c+capacity), Rho: lambda / (float64(c) * mu), Stable: true,
			PWait: q.PWait(), PBlock: q.PBlock(), WaitMean: secs(q.Wq()), SojournMean: secs(q.W()), QueueLenMean: q.Lq(),
		}
	}
	q := theory.MMc{C: c, Lambda: lambda, Mu: mu}
	th := &Theory{Model: "M/M/" + strconv.Itoa(c), Rho: q.Rho(), Stable: q.Stable()}
	if th.Stable {
		th.PWait, th.WaitMean, th.SojournMean, th.QueueLenMean = q.PWait(), secs(q.Wq()), secs(q.W()), q.Lq()
	} else {
		th.PWait = 1
	}
	return th
}

// execLabel names an order's job in the executor.
func execLabel(o *Order) string { return "order " + strconv.Itoa(o.ID) }
