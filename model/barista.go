package model

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/sim"
)

// addBarista hires one more barista at the current time.
func (s *Shop) addBarista() {
	s.nextB++
	b := &barista{s: s, name: fmt.Sprintf("barista-%d", s.nextB), since: s.e.Now()}
	s.baristas = append(s.baristas, b)
	b.task = s.e.Spawn(b.name, b.run)
	s.m.baristasChanged(s.e.Now())
}

// removeBarista lets the newest working barista go: an idle one leaves at once
// (its wait for an order is cancelled, which loses no order); a busy one finishes
// the current order first.
func (s *Shop) removeBarista() {
	for i := len(s.baristas) - 1; i >= 0; i-- {
		b := s.baristas[i]
		if b.leaving {
			continue
		}
		b.leaving = true
		if b.state == BaristaIdle {
			b.task.Cancel()
		} else {
			b.state0(s, BaristaLeaving, b.order)
		}
		s.m.baristasChanged(s.e.Now())
		return
	}
}

func (b *barista) state0(s *Shop, st BaristaState, o *Order) {
	now := s.e.Now()
	if (b.state == BaristaIdle) != (st == BaristaIdle) {
		s.m.busyBaristasDelta(now, st != BaristaIdle)
	}
	b.state, b.order, b.since = st, o, now
}

// run is a barista's task: it takes orders from the queue, one at a time, until it
// is let go or the run is over, and then leaves the shop.
func (b *barista) run(t *sim.Task) error {
	s := b.s
	defer s.baristaLeft(b)
	for !b.leaving {
		b.state0(s, BaristaIdle, nil)
		o, err := s.orders.Get(t)
		if errors.Is(err, sim.ErrClosed) {
			return nil // the run is over
		}
		if err != nil {
			return err
		}
		if o.gone {
			continue // reneged before anyone took it
		}
		s.takeOrder(b, o)
		if o.order > 0 {
			if err := t.Sleep(o.order); err != nil {
				return err
			}
		}
		d := time.Duration(float64(o.brew) / s.controls.BrewRate)
		s.sayBrewing(t, o, d)
		if s.controls.Mode == config.ModeAsync {
			// The asyncio shop: hand the brew to its own task and go back to the queue.
			b.state0(s, BaristaBrewing, o)
			t.SpawnN("brew", o.ID, func(t *sim.Task) error { return s.brew(t, nil, o, d, config.ModeAsync) })
			continue
		}
		if err := s.brew(t, b, o, d, s.controls.Mode); err != nil {
			return err
		}
	}
	return nil
}

func (s *Shop) baristaLeft(b *barista) {
	if b.state != BaristaIdle {
		s.m.busyBaristasDelta(s.e.Now(), false)
	}
	for i, x := range s.baristas {
		if x == b {
			s.baristas = append(s.baristas[:i], s.baristas[i+1:]...)
			break
		}
	}
	if !b.leaving {
		s.m.baristasChanged(s.e.Now())
	}
}

// takeOrder has barista b take o from the queue.
func (s *Shop) takeOrder(b *barista, o *Order) {
	now := s.e.Now()
	o.Taken = now
	s.setWaiting(now, s.waiting-1)
	s.m.took(now, o)
	if o.patience > 0 {
		o.taken.Set() // the customer's patience ends here
	}
	b.state0(s, BaristaTaking, o)
}

// brew brews o for d in the given mode, holding an espresso machine only while
// brewing; b is the barista doing it by hand (nil for an async brew task). The
// machine is given back even when the brew is cancelled.
func (s *Shop) brew(t *sim.Task, b *barista, o *Order, d time.Duration, mode config.BrewMode) error {
	if b != nil {
		b.state0(s, BaristaWaitMachine, o)
	}
	if err := s.machines.Acquire(t); err != nil {
		return err
	}
	slot := s.takeSlot(o)
	defer s.releaseSlot(slot)
	now := t.Now()
	o.brewStart, o.brewEnd = now, now+d
	if b != nil {
		b.start, b.end = now, now+d
	}
	switch mode {
	case config.ModeBlocking:
		b.state0(s, BaristaBlocked, o)
		t.Block(d) // time.sleep in a coroutine: the whole loop stops
	case config.ModeExecutor:
		b.state0(s, BaristaWaitExecutor, o)
		if err := s.exec.Run(t, execLabel(o), d); err != nil {
			return err
		}
	default:
		if b != nil {
			b.state0(s, BaristaBrewing, o)
		}
		if err := t.Sleep(d); err != nil {
			return err
		}
	}
	s.say(t, o, "Coffee is ready!")
	o.ready.Set()
	return nil
}

func (s *Shop) takeSlot(o *Order) int {
	for i, x := range s.slots {
		if x == nil {
			s.slots[i] = o
			s.m.busyMachinesDelta(s.e.Now(), 1)
			return i
		}
	}
	s.slots = append(s.slots, o) // the limit was lowered below what is held
	s.m.busyMachinesDelta(s.e.Now(), 1)
	return len(s.slots) - 1
}

func (s *Shop) releaseSlot(i int) {
	s.slots[i] = nil
	s.m.busyMachinesDelta(s.e.Now(), -1)
	s.machines.Release()
	// Drop trailing slots above the current limit once they are free.
	for len(s.slots) > s.machines.Limit() && s.slots[len(s.slots)-1] == nil {
		s.slots = s.slots[:len(s.slots)-1]
	}
}

// seconds formats d as seconds with at most one decimal ("2.5", "3").
func seconds(d time.Duration) string {
	x := d.Seconds()
	if x == float64(int64(x)) {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}
