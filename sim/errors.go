package sim

import (
	"fmt"
	"strings"
	"time"
)

// DeadlockError reports tasks that can never resume: nothing is ready, no timer is
// pending, and they all wait on something.
type DeadlockError struct {
	Time  time.Duration
	Tasks []TaskInfo
}

func (d *DeadlockError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "sim: deadlock at %s: %d task(s) blocked forever:", FormatClock(d.Time), len(d.Tasks))
	for _, t := range d.Tasks {
		fmt.Fprintf(&b, "\n  #%d %s waiting on %s", t.ID, t.Name, t.Awaiting)
	}
	return b.String()
}

// TaskError wraps the error a task failed with, naming the task.
type TaskError struct {
	Task string
	Err  error
}

func (te *TaskError) Error() string { return fmt.Sprintf("sim: task %q failed: %v", te.Task, te.Err) }

// Unwrap returns the task's own error.
func (te *TaskError) Unwrap() error { return te.Err }
