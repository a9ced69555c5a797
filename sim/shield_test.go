package sim

import (
	"errors"
	"testing"
	"time"
)

// shieldProgram is conformance program 069: main cancels a customer awaiting
// shield(pour), then awaits pour itself. fail makes pour fail instead.
func shieldProgram(e *Engine, fail bool) (main *Task) {
	return e.Spawn("main", func(t *Task) error {
		pour := t.Spawn("pour", func(t *Task) error {
			if err := t.Sleep(3 * time.Second); err != nil {
				return err
			}
			if fail {
				return errors.New("spilled")
			}
			return nil
		})
		c := t.Spawn("customer", func(t *Task) error { return Shield(t, pour) })
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		c.Cancel()
		for range 2 {
			if err := t.Sleep(0); err != nil {
				return err
			}
		}
		return pour.Wait(t)
	})
}

// The handles a shield adds are CPython 3.14's, one step each: when the inner
// task ends, its awaited-by callback (registered by shield) and the
// log-on-exception callback that replaced the hand-off once the customer was
// cancelled run before main's wake-up. The labels are CPython's trace of
// program 069 (node conformance/run.mjs --trace 069) in sim's words.
func TestShieldHandles(t *testing.T) {
	e, _ := newTestEngine(t)
	shieldProgram(e, false)
	var got []string
	for {
		r, err := e.Step()
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK {
			break
		}
		got = append(got, Dur(r.Time)+" "+r.Label)
	}
	checkLines(t, "steps", got, []string{
		"0s step main", "0s step pour", "0s step customer",
		"1s timer: sleep of main", "1s step main",
		"1s shield done-callback for customer", "1s step customer",
		"1s step main", "1s step main",
		"3s timer: sleep of pour", "3s step pour",
		"3s shield awaited-by callback for customer", "3s shield log-on-exception callback",
		"3s step main",
	})
}

// The log-on-exception callback does not hide a failure: awaited by main, the
// inner task's failure reaches main and nothing else; awaited by nobody once
// its shield was cancelled, the driving call reports it.
func TestShieldedFailure(t *testing.T) {
	e, _ := newTestEngine(t)
	m := shieldProgram(e, true)
	err := e.RunUntilIdle()
	var te *TaskError
	if !errors.As(m.Err(), &te) || te.Task != "main" || !errors.As(te.Err, &te) || te.Task != "pour" {
		t.Fatalf("main ended with %v, want pour's failure", m.Err())
	}
	if err == nil || err.Error() != m.Err().Error() {
		t.Errorf("RunUntilIdle = %v, want main's failure alone: %v", err, m.Err())
	}

	e2, _ := newTestEngine(t)
	e2.Spawn("main", func(t *Task) error {
		pour := t.Spawn("pour", func(t *Task) error {
			if err := t.Sleep(3 * time.Second); err != nil {
				return err
			}
			return errors.New("spilled")
		})
		c := t.Spawn("customer", func(t *Task) error { return Shield(t, pour) })
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		c.Cancel()
		return t.Sleep(5 * time.Second)
	})
	err = e2.RunUntilIdle()
	var pe *TaskError
	if !errors.As(err, &pe) || pe.Task != "pour" {
		t.Errorf("RunUntilIdle = %v, want pour's unobserved failure", err)
	}
}
