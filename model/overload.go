package model

import "fmt"

// MaxCustomersInShop bounds the customers in the shop at once (queued, ordering or
// waiting for a drink). A shop whose arrivals outrun its baristas for long grows its
// queue without end, and each customer holds its order and its task: past this
// limit the run stops with an *OverloadError instead of running out of memory. The
// bound keeps a run well under 1 GiB even at several KiB per customer (a task run
// as a coroutine with its own stack), and is far above any shop that keeps up: a
// busy one has hundreds.
const MaxCustomersInShop = 100_000

// OverloadError stops a run whose shop holds more than MaxCustomersInShop customers.
type OverloadError struct {
	Limit int
}

func (e *OverloadError) Error() string {
	return fmt.Sprintf("more than %d customers in the shop: it is overloaded (arrivals outrun the baristas; slow the arrivals, speed up the brews, or add baristas or machines)", e.Limit)
}

// checkLoad is called as each customer arrives: it fails the arrivals task, which
// ends the run, when the shop holds too many customers.
func (s *Shop) checkLoad() error {
	if s.m.inSystem() > MaxCustomersInShop {
		return &OverloadError{Limit: MaxCustomersInShop}
	}
	return nil
}
