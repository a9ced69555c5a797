package sim

import (
	"fmt"
	"strings"
	"testing"
)

// TestSetResultTwiceKeepsResult: set_result on a done future raises
// InvalidStateError (sim panics) and leaves the first result in place.
func TestSetResultTwiceKeepsResult(t *testing.T) {
	e := New()
	defer e.Close()
	f := NewFuture[int](e, "f")
	f.SetResult(1)
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "completed twice") {
				t.Errorf("second SetResult: recover() = %v, want a completed-twice panic", r)
			}
		}()
		f.SetResult(2)
	}()
	if v, err, ok := f.Result(); v != 1 || err != nil || !ok {
		t.Errorf("Result() = %v, %v, %v; want 1, nil, true", v, err, ok)
	}
}
