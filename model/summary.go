package model

import (
	"bytes"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/brewloop/brewloop/model/lesson"
)

// Summary is the result of a headless run: `brewloop run --json` prints it as one
// JSON object. Times are in seconds.
type Summary struct {
	Seed                uint64         `json:"seed"`
	Scenario            string         `json:"scenario"`
	SimTimeS            float64        `json:"sim_time_s"`
	Arrived             int            `json:"arrived"`
	Served              int            `json:"served"`
	Balked              int            `json:"balked"`
	Reneged             int            `json:"reneged"`
	InSystem            int            `json:"in_system"`
	WaitMeanS           float64        `json:"wait_mean_s"`
	WaitP50S            float64        `json:"wait_p50_s"`
	WaitP95S            float64        `json:"wait_p95_s"`
	WaitP99S            float64        `json:"wait_p99_s"`
	SojournMeanS        float64        `json:"sojourn_mean_s"`
	QueueLenMean        float64        `json:"queue_len_mean"`
	UtilizationBaristas float64        `json:"utilization_baristas"`
	UtilizationMachines float64        `json:"utilization_machines"`
	ThroughputPerHour   float64        `json:"throughput_per_hour"`
	LatenessP95S        float64        `json:"lateness_p95_s"`
	LatenessMaxS        float64        `json:"lateness_max_s"`
	BlockedS            float64        `json:"blocked_s"`
	Events              uint64         `json:"events"`
	Fingerprint         string         `json:"fingerprint"`
	TraceSHA256         string         `json:"trace_sha256"`
	Theory              *TheorySummary `json:"theory"`
	// StoppedEarly says why the run stopped before its end (an interrupt, an
	// overloaded shop); empty when it ran to the end.
	StoppedEarly string `json:"stopped_early,omitempty"`
}

// TheorySummary is the theory part of a Summary.
type TheorySummary struct {
	Model        string  `json:"model"`
	WaitMeanS    float64 `json:"wait_mean_s"`
	SojournMeanS float64 `json:"sojourn_mean_s"`
	QueueLenMean float64 `json:"queue_len_mean"`
	PWait        float64 `json:"p_wait"`
	PBlock       float64 `json:"p_block"`
}

// Summary returns the run's summary so far. traceHash is the trace's SHA-256 when
// it was computed (empty otherwise); the fingerprint is the engine's, when the
// shop keeps one (WithFingerprint).
func (s *Shop) Summary(traceHash string) Summary {
	m := s.Metrics()
	sum := Summary{
		Seed: s.cfg.Seed, Scenario: s.scenario, SimTimeS: s.Now().Seconds(),
		Arrived: m.Arrived, Served: m.Served, Balked: m.Balked, Reneged: m.Reneged, InSystem: m.InSystem,
		WaitMeanS: m.WaitMean.Seconds(), WaitP50S: m.WaitP50.Seconds(), WaitP95S: m.WaitP95.Seconds(), WaitP99S: m.WaitP99.Seconds(),
		SojournMeanS: m.SojournMean.Seconds(), QueueLenMean: m.QueueLenMean,
		UtilizationBaristas: m.UtilBaristas, UtilizationMachines: m.UtilMachines,
		ThroughputPerHour: m.ThroughputPerHour,
		LatenessP95S:      m.LatenessP95.Seconds(), LatenessMaxS: m.LatenessMax.Seconds(), BlockedS: m.Blocked.Seconds(),
		Events: s.Events(), Fingerprint: s.e.Fingerprint(), TraceSHA256: traceHash,
	}
	if th := s.Theory(); th != nil && th.Stable {
		sum.Theory = &TheorySummary{
			Model: th.Model, WaitMeanS: th.WaitMean.Seconds(), SojournMeanS: th.SojournMean.Seconds(),
			QueueLenMean: th.QueueLenMean, PWait: th.PWait, PBlock: th.PBlock,
		}
	}
	return sum
}

// WriteTable prints the summary as a readable table.
func (sum Summary) WriteTable(w io.Writer) error {
	var b bytes.Buffer
	sum.writeTable(&b)
	// Rows whose last cells are empty would end in the columns' padding.
	lines := bytes.SplitAfter(b.Bytes(), []byte("\n"))
	for i, l := range lines {
		if t := bytes.TrimRight(l, " \n"); len(t) < len(l) {
			lines[i] = append(t, '\n')
		}
	}
	_, err := w.Write(bytes.Join(lines, nil))
	return err
}

func (sum Summary) writeTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	d := func(x float64) string { return fmtDur(x) }
	th := func(f func(*TheorySummary) string) string {
		if sum.Theory == nil {
			return ""
		}
		return f(sum.Theory)
	}
	fmt.Fprintf(tw, "scenario\t%s\tseed %d\n", sum.Scenario, sum.Seed)
	fmt.Fprintf(tw, "simulated\t%s\t%d events\n", d(sum.SimTimeS), sum.Events)
	if sum.StoppedEarly != "" {
		fmt.Fprintf(tw, "stopped early\t%s\n", sum.StoppedEarly)
	}
	if _, lesson := lesson.Lookup(sum.Scenario); lesson {
		// A lesson runs its own program: no customers, only the loop's timing.
		fmt.Fprintf(tw, "loop lateness\tp95 %s\tmax %s, blocked %s in all\n", d(sum.LatenessP95S), d(sum.LatenessMaxS), d(sum.BlockedS))
		if sum.Fingerprint != "" {
			fmt.Fprintf(tw, "fingerprint\t%s\n", sum.Fingerprint)
		}
		if sum.TraceSHA256 != "" {
			fmt.Fprintf(tw, "trace sha256\t%s\n", sum.TraceSHA256) // a last cell: it sets no column's width
		}
		return tw.Flush()
	}
	fmt.Fprintf(tw, "customers\t%d arrived\t%d served, %d balked, %d reneged, %d in the shop\n", sum.Arrived, sum.Served, sum.Balked, sum.Reneged, sum.InSystem)
	if sum.Theory != nil {
		fmt.Fprintf(tw, "\tsimulated\ttheory (%s)\n", sum.Theory.Model)
	}
	fmt.Fprintf(tw, "wait in queue, mean\t%s\t%s\n", d(sum.WaitMeanS), th(func(t *TheorySummary) string { return d(t.WaitMeanS) }))
	fmt.Fprintf(tw, "wait p50 / p95 / p99\t%s / %s / %s\t\n", d(sum.WaitP50S), d(sum.WaitP95S), d(sum.WaitP99S))
	fmt.Fprintf(tw, "time in shop, mean\t%s\t%s\n", d(sum.SojournMeanS), th(func(t *TheorySummary) string { return d(t.SojournMeanS) }))
	fmt.Fprintf(tw, "queue length, mean\t%.3f\t%s\n", sum.QueueLenMean, th(func(t *TheorySummary) string { return fmt.Sprintf("%.3f", t.QueueLenMean) }))
	if sum.Theory != nil {
		fmt.Fprintf(tw, "P(wait) / P(turned away)\t\t%.4f / %.4f\n", sum.Theory.PWait, sum.Theory.PBlock)
	}
	fmt.Fprintf(tw, "utilisation\tbaristas %.1f%%\tmachines %.1f%%\n", 100*sum.UtilizationBaristas, 100*sum.UtilizationMachines)
	fmt.Fprintf(tw, "throughput\t%.1f per hour\t\n", sum.ThroughputPerHour)
	fmt.Fprintf(tw, "loop lateness\tp95 %s\tmax %s, blocked %s in all\n", d(sum.LatenessP95S), d(sum.LatenessMaxS), d(sum.BlockedS))
	if sum.Fingerprint != "" {
		fmt.Fprintf(tw, "fingerprint\t%s\n", sum.Fingerprint)
	}
	if sum.TraceSHA256 != "" {
		fmt.Fprintf(tw, "trace sha256\t%s\n", sum.TraceSHA256) // a last cell: it sets no column's width
	}
	return tw.Flush()
}

func fmtDur(sec float64) string {
	d := time.Duration(sec * float64(time.Second))
	switch {
	case d == 0:
		return "0s"
	case d < time.Second:
		return d.Round(time.Microsecond).String()
	case d < time.Minute:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
