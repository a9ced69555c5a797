package sim

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// cancelText shows a cancellation as asyncio's str() would: its message, or
// nothing.
func cancelText(err error) string {
	var ce *CancelledError
	switch {
	case errors.As(err, &ce):
		return "CancelledError(" + ce.Msg + ")"
	case errors.Is(err, ErrCancelled):
		return "CancelledError()"
	case err == nil:
		return "nil"
	}
	return err.Error()
}

// A task that ends cancelled keeps the CancelledError its body raised for the
// first reader only (asyncio's _cancelled_exc, taken by _make_cancelled_error),
// and its future is cancelled without a message (Future.cancel() with no msg),
// so later readers, and gather's return_exceptions entry, get none. A task
// cancelled as its body returns (_must_cancel at StopIteration) keeps its
// message for every reader, and so does a plain future. Conformance 110, 111.
func TestCancelledTaskMessageReadOnce(t *testing.T) {
	e, _ := newTestEngine(t)
	var got []string
	e.Spawn("main", func(m *Task) error {
		b := m.Spawn("brew", func(t *Task) error { return t.Sleep(10 * time.Second) })
		r := m.Spawn("returns", func(t *Task) error {
			t.CancelMsg("as it returns")
			return nil
		})
		fut := NewFuture[int](m.Engine(), "fut")
		if err := m.Sleep(time.Second); err != nil {
			return err
		}
		b.CancelMsg("closing time")
		fut.CancelMsg("no beans")
		errs, err := GatherErrors(m, b)
		if err != nil {
			return err
		}
		got = append(got, "gather entry "+cancelText(errs[0]))
		got = append(got, "Err "+cancelText(b.Err()))
		for i := range 2 {
			got = append(got, fmt.Sprint("await brew ", i, " ", cancelText(b.Wait(m))))
			got = append(got, fmt.Sprint("await returns ", i, " ", cancelText(r.Wait(m))))
			got = append(got, fmt.Sprint("await fut ", i, " ", cancelText(fut.Await(m))))
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	checkLines(t, "reads", got, []string{
		"gather entry CancelledError()",
		"Err CancelledError(closing time)",
		"await brew 0 CancelledError(closing time)",
		"await returns 0 CancelledError(as it returns)",
		"await fut 0 CancelledError(no beans)",
		"await brew 1 CancelledError()",
		"await returns 1 CancelledError(as it returns)",
		"await fut 1 CancelledError(no beans)",
	})
}
