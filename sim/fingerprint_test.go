package sim

import (
	"testing"
	"time"
)

// fingerprintOf runs a small program whose two sleepers are due d apart and
// returns the fingerprint and the event count.
func fingerprintOf(t *testing.T, d time.Duration, traced bool) (string, uint64) {
	opts := []Option{WithFingerprint()}
	if traced {
		opts = append(opts, WithTracer(&Recorder{}))
	}
	e := New(opts...)
	defer e.Close()
	e.Spawn("a", func(t *Task) error { return t.Sleep(time.Second) })
	e.Spawn("b", func(t *Task) error { return t.Sleep(time.Second + d) })
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	return e.Fingerprint(), e.Events()
}

func TestFingerprint(t *testing.T) {
	f1, n1 := fingerprintOf(t, 0, false)
	f2, n2 := fingerprintOf(t, 0, true)
	if f1 != f2 || n1 != n2 || len(f1) != 16 {
		t.Errorf("untraced %s (%d events), traced %s (%d events): want the same 16 hex digits", f1, n1, f2, n2)
	}
	// A different course (b wakes a millisecond later) with the same events in
	// number and kind gives another fingerprint.
	f3, n3 := fingerprintOf(t, time.Millisecond, false)
	if f3 == f1 || n3 != n1 {
		t.Errorf("fingerprint %s (%d events) for a different run, want other than %s (%d events)", f3, n3, f1, n1)
	}
	if got := New().Fingerprint(); got != "" {
		t.Errorf("Fingerprint() without WithFingerprint = %q, want \"\"", got)
	}
}
