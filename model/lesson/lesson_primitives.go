package lesson

import (
	"errors"
	"fmt"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// primitivesLesson is a small coffee shop that uses each synchronisation
// primitive once, each named after what it stands for in the shop.
func primitivesLesson() *Lesson {
	return &Lesson{
		Name:    "primitives",
		Summary: "asyncio lesson: Queue, Event, Semaphore, Lock, Condition and Barrier in one small coffee shop",
		About: prose(`Three friends, three baristas, and one asyncio primitive for each kind of
waiting, named after what it is in the shop:

- shop opens (Event): the friends wait at the door until main sets it at 1 s.

- orders (Queue): the friends put their orders; idle baristas wait in get().

- machines (Semaphore of 2): three baristas, two espresso machines.

- milk steamer (Lock): one barista steams milk at a time.

- pickup counter (Condition): each friend waits for their own drink; notify_all
wakes them all and each checks again.

- group order (Barrier of 3): the friends leave together, once all have a drink.

Waiters are served first come, first served, so the order of every line is fixed.`),
		Python: python("primitives"),
		Watch: prose(`The task table shows what each task is WAITING on: the friends on shop
opens, the baristas on orders, barista-3 on machines from 1 s to 2 s, barista-2 and
barista-3 on the milk steamer, the friends on the pickup counter and the group order.
At 3.9 s cat is the last to reach the barrier: cat goes on first, then ann and bob.`),
		Main: primitivesMain,
	}
}

// lessonDrink is what a friend orders and how long its shot and milk take.
type lessonDrink struct {
	who, drink string
	shot, milk time.Duration
}

var lessonDrinks = [...]lessonDrink{
	{"ann", "latte", 1000 * time.Millisecond, 1000 * time.Millisecond},
	{"bob", "cappuccino", 1200 * time.Millisecond, 500 * time.Millisecond},
	{"cat", "flat white", 800 * time.Millisecond, 400 * time.Millisecond},
}

// smallShop holds the primitives of the primitives lesson.
type smallShop struct {
	orders        *sim.Queue[*lessonDrink]
	shopOpens     *sim.Event
	machines      *sim.Semaphore
	milkSteamer   *sim.Lock
	pickupCounter *sim.Condition
	groupOrder    *sim.Barrier
	onCounter     []*lessonDrink // drinks waiting to be picked up
}

// primitivesMain opens the shop at 1 s, waits for the friends to leave and sends
// the baristas home.
func primitivesMain(t *sim.Task) error {
	e := t.Engine()
	s := &smallShop{
		orders:        sim.NewQueue[*lessonDrink](e, "orders", 0),
		shopOpens:     sim.NewEvent(e, "shop opens"),
		machines:      sim.NewSemaphore(e, "machines", 2),
		milkSteamer:   sim.NewLock(e, "milk steamer"),
		pickupCounter: sim.NewCondition(e, "pickup counter", nil),
		groupOrder:    sim.NewBarrier(e, "group order", len(lessonDrinks)),
	}
	var baristas, friends []*sim.Task
	for i := 1; i <= 3; i++ {
		baristas = append(baristas, t.SpawnN("barista", i, s.barista))
	}
	for i := range lessonDrinks {
		d := &lessonDrinks[i]
		friends = append(friends, t.Spawn(d.who, func(t *sim.Task) error { return s.friend(t, d) }))
	}
	if err := t.Sleep(time.Second); err != nil {
		return err
	}
	t.Say("the shop opens")
	s.shopOpens.Set()
	if err := sim.Gather(t, friends...); err != nil {
		return err
	}
	t.Say("closing: the baristas go home")
	for _, b := range baristas {
		b.Cancel()
	}
	for _, b := range baristas {
		if err := b.Wait(t); err != nil && !errors.Is(err, sim.ErrCancelled) {
			return err
		}
	}
	return nil
}

// barista makes the orders: a shot on a machine, milk on the steamer, and the
// drink on the pickup counter.
func (s *smallShop) barista(t *sim.Task) error {
	for {
		d, err := s.orders.Get(t)
		if err != nil {
			return err
		}
		if s.machines.Locked() {
			t.Say("all machines busy: waiting")
		}
		if err := s.machines.Acquire(t); err != nil {
			return err
		}
		t.Say(fmt.Sprintf("pulling a shot for %s (%.1f s)", d.who, d.shot.Seconds()))
		err = t.Sleep(d.shot)
		s.machines.Release()
		if err != nil {
			return err
		}
		if s.milkSteamer.Locked() {
			t.Say("milk steamer in use: waiting")
		}
		if err := s.milkSteamer.Acquire(t); err != nil {
			return err
		}
		t.Say(fmt.Sprintf("steaming milk for %s (%.1f s)", d.who, d.milk.Seconds()))
		err = t.Sleep(d.milk)
		s.milkSteamer.Release(t)
		if err != nil {
			return err
		}
		if err := s.pickupCounter.Acquire(t); err != nil {
			return err
		}
		s.onCounter = append(s.onCounter, d)
		t.Say(fmt.Sprintf("%s's %s is on the counter", d.who, d.drink))
		s.pickupCounter.NotifyAll(t)
		s.pickupCounter.Release(t)
	}
}

// friend waits for the shop to open, orders, picks up the drink and leaves with
// the group.
func (s *smallShop) friend(t *sim.Task, d *lessonDrink) error {
	if err := s.shopOpens.Wait(t); err != nil {
		return err
	}
	t.Say("orders a " + d.drink)
	if err := s.orders.Put(t, d); err != nil {
		return err
	}
	if err := s.pickupCounter.Acquire(t); err != nil {
		return err
	}
	err := s.pickupCounter.WaitUntil(t, func() bool { return s.take(d) })
	s.pickupCounter.Release(t) // Wait holds the lock again even when it fails
	if err != nil {
		return err
	}
	t.Say("got my " + d.drink)
	i, err := s.groupOrder.Wait(t)
	if err != nil {
		return err
	}
	t.Say(fmt.Sprintf("leaving with the group (ready %d of %d)", i+1, len(lessonDrinks)))
	return nil
}

// take removes d from the pickup counter if it is there.
func (s *smallShop) take(d *lessonDrink) bool {
	for i, x := range s.onCounter {
		if x == d {
			s.onCounter = append(s.onCounter[:i], s.onCounter[i+1:]...)
			return true
		}
	}
	return false
}
