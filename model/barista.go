package model

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// addBarista hires one more barista at the current time.
func (s *Shop) addBarista() {
	s.nextB++
	b := &barista{s: s, name: fmt.Sprintf("barista-%d", s.nextB), since: s.e.Now()}
	s.baristas = append(s.baristas, b)
	b.task = s.e.SpawnMachine(b.name, b)
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

// A barista's task is a state machine (a sim.Machine, see arrivals). As
// sequential code:
//
//	defer baristaLeft()
//	for !leaving {
//		o, err := orders.Get()        // idle
//		if err != nil { return nil if the queue closed, else err }
//		if o.gone { continue }        // reneged before anyone took it
//		take the order; if order_time > 0 { Sleep(order_time) }
//		if async { spawn a brew task; continue }
//		brew o by hand                // see brewing
//	}
type baristaStep uint8

const (
	baristaNext  baristaStep = iota // at the top of the loop
	baristaGets                     // resuming from the wait for an order
	baristaTakes                    // the order is taken (resuming from the order-taking sleep, if any)
	baristaBrews                    // brewing by hand (b.brew says where)
)

// Resume runs the barista's task until its next await; when the task ends, the
// barista leaves the shop.
func (b *barista) Resume(t *sim.Task, err error) error {
	err = b.resume(t, err)
	if err != sim.ErrPending {
		b.s.baristaLeft(b)
	}
	return err
}

func (b *barista) resume(t *sim.Task, err error) error {
	s := b.s
	for {
		switch b.step {
		case baristaNext, baristaGets:
			var o *Order
			if b.step == baristaNext {
				if b.leaving {
					return nil
				}
				b.state0(s, BaristaIdle, nil)
				if o, err = s.orders.StartGet(t); err == sim.ErrPending {
					b.step = baristaGets
					return err
				}
			} else if o, err = s.orders.FinishGet(t, err); err == sim.ErrPending {
				return err // another task took the order first: wait again
			}
			b.step = baristaNext
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
			b.step = baristaTakes
			if o.order > 0 {
				return t.StartSleep(o.order) // Pending, or cancelled
			}
		case baristaTakes:
			if err != nil {
				return err
			}
			o := b.order
			d := time.Duration(float64(o.brew) / s.controls.BrewRate)
			s.sayBrewing(t, o, d)
			if s.controls.Mode == ModeAsync {
				// The asyncio shop: hand the brew to its own task and go back to the queue.
				b.state0(s, BaristaBrewing, o)
				t.SpawnMachineN("brew", o.ID, &asyncBrew{s: s, brewing: brewing{o: o, d: d, mode: ModeAsync}})
				b.step = baristaNext
				continue
			}
			b.brew = brewing{o: o, b: b, d: d, mode: s.controls.Mode}
			b.step = baristaBrews
		case baristaBrews:
			if err = b.brew.resume(s, t, err); err != nil {
				return err // Pending, or the brew failed
			}
			b.step = baristaNext
		}
	}
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
	if o.taken != nil {
		o.taken.Set()
	}
	b.state0(s, BaristaTaking, o)
}

// brewing is the brew of one drink, a part of a task's state machine: it holds
// an espresso machine only while brewing, in the given mode. As sequential code:
//
//	machines.Acquire()
//	defer machines.Release()
//	brew for d: Sleep (async, hands-on), Block the loop (blocking) or run it on the executor
//	say "Coffee is ready!"; o.ready.Set()
type brewing struct {
	o    *Order
	b    *barista // the barista brewing by hand; nil for an async brew task
	d    time.Duration
	mode BrewMode
	slot int // the machine's slot while held
	step brewStep
}

type brewStep uint8

const (
	brewStart        brewStep = iota
	brewWaitsMachine          // resuming from the wait for a machine
	brewBrews                 // resuming from the brew itself
)

// resume runs the brew from where it stopped, with the result err of the await
// it resumes from. It returns Pending, nil once the drink is ready, or the error
// that ends the task.
func (w *brewing) resume(s *Shop, t *sim.Task, err error) error {
	o, b := w.o, w.b
	switch w.step {
	case brewStart:
		if b != nil {
			b.state0(s, BaristaWaitMachine, o)
		}
		if err = s.machines.StartAcquire(t); err == sim.ErrPending {
			w.step = brewWaitsMachine
			return err
		}
	case brewWaitsMachine:
		err = s.machines.FinishAcquire(t, err)
	case brewBrews:
		return w.done(s, t, err)
	}
	if err != nil {
		return err
	}
	w.slot = s.takeSlot(o)
	now := t.Now()
	o.brewStart, o.brewEnd = now, now+w.d
	if b != nil {
		b.start, b.end = now, now+w.d
	}
	w.step = brewBrews
	switch w.mode {
	case ModeBlocking:
		b.state0(s, BaristaBlocked, o)
		err = t.StartBlock(w.d) // time.sleep in a coroutine: the whole loop stops
	case ModeExecutor:
		b.state0(s, BaristaWaitExecutor, o)
		err = s.exec.StartRun(t, execLabel(o), w.d)
	default:
		if b != nil {
			b.state0(s, BaristaBrewing, o)
		}
		err = t.StartSleep(w.d)
	}
	if err == sim.ErrPending {
		return err
	}
	return w.done(s, t, err)
}

// done ends the brew: the drink is ready unless the brew failed, and the machine
// is free again either way.
func (w *brewing) done(s *Shop, t *sim.Task, err error) error {
	if err == nil {
		s.say(t, w.o, "Coffee is ready!")
		w.o.ready.Set()
	}
	s.releaseSlot(w.slot)
	return err
}

// asyncBrew is an async brew: the task a barista hands a drink to.
type asyncBrew struct {
	s *Shop
	brewing
}

func (bt *asyncBrew) Resume(t *sim.Task, err error) error { return bt.brewing.resume(bt.s, t, err) }

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
