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

// Checkpoints keep the running fingerprint every FingerprintEvery events, and
// halve when there are too many; the last one of a run of exactly n*every events
// is its fingerprint.
func TestFingerprintCheckpoints(t *testing.T) {
	e := New(WithFingerprint())
	defer e.Close()
	e.Spawn("ticker", func(t *Task) error {
		for range 3000 {
			if err := t.Sleep(time.Millisecond); err != nil {
				return err
			}
		}
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	every, cps := e.FingerprintCheckpoints()
	if every != FingerprintEvery || uint64(len(cps)) != e.Events()/every {
		t.Fatalf("%d checkpoints of %d events for %d events", len(cps), every, e.Events())
	}
	for _, c := range cps {
		if len(c) != 16 {
			t.Fatalf("checkpoint %q is not 16 hex digits", c)
		}
	}
	// The same run with a timer shifted after the first checkpoint differs from
	// the second checkpoint on, not before.
	e2 := New(WithFingerprint())
	defer e2.Close()
	e2.Spawn("ticker", func(t *Task) error {
		for i := range 3000 {
			d := time.Millisecond
			if i == 200 {
				d++
			}
			if err := t.Sleep(d); err != nil {
				return err
			}
		}
		return nil
	})
	if err := e2.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	_, cps2 := e2.FingerprintCheckpoints()
	if cps[0] != cps2[0] || cps[len(cps)-1] == cps2[len(cps2)-1] {
		t.Errorf("checkpoints %v... against %v...: want the first equal and the last different", cps[:2], cps2[:2])
	}
}
