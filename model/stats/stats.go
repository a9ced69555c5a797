// Package stats holds the shop's statistics, each in fixed memory however long the
// run: Sketch (quantiles of waits within 0.5%), TimeAverage (the time-weighted mean of a
// level such as the queue length) and BatchMeans (a 95% confidence interval for the mean
// of a long, correlated series).
package stats

import (
	"fmt"
	"math"
	"math/bits"
	"time"
)

// SketchAccuracy bounds the relative error of [Sketch.Quantile]: the answer is within
// SketchAccuracy × the true order statistic, for values from 1 ns to 1e9 s.
const SketchAccuracy = 0.005

// Sketch buckets are logarithmic (DDSketch): bucket k holds [γ^k, γ^(k+1)) with γ = 2^(1/70),
// so a binade splits into exactly 70 buckets and a key needs no math.Log: the exponent bits
// give the binade and the top 8 mantissa bits plus one comparison give the bucket inside it.
// Reporting the bucket's midpoint 2γ^(k+1)/(1+γ) errs by at most (γ-1)/(γ+1) ≈ 0.00495.
const (
	sketchPerBinade = 70
	sketchMinValue  = 1e-9 // below this a value counts as zero: the clock ticks in nanoseconds
	sketchMaxValue  = 1e9  // above this a value shares the top bucket (Max stays exact)
	sketchMantMask  = 1<<52 - 1
	sketchSlotShift = 52 - 8 // 256 mantissa slots, each narrower than one bucket
)

// Read-only lookup tables, filled once by init and never written afterwards.
var (
	// sketchBound[j] holds the mantissa bits of 2^(j/70); sketchBound[70] is 2.0's (1<<52).
	sketchBound [sketchPerBinade + 1]uint64
	// sketchSlot[s] is the bucket within a binade of the mantissa 1 + s/256, and
	// sketchNext[s] the mantissa bits where the next bucket starts. A slot is narrower than
	// any bucket, so a mantissa in slot s lies in bucket sketchSlot[s] or the next.
	sketchSlot                 [1 << (52 - sketchSlotShift)]uint8
	sketchNext                 [1 << (52 - sketchSlotShift)]uint64
	sketchKeyMin, sketchKeyMax int
	sketchMid                  float64 // bucket midpoint / bucket lower bound
)

func init() {
	for j := range sketchPerBinade {
		sketchBound[j] = math.Float64bits(math.Exp2(float64(j)/sketchPerBinade)) & sketchMantMask
	}
	sketchBound[sketchPerBinade] = 1 << 52
	j := 0
	for s := range sketchSlot {
		for sketchBound[j+1] <= uint64(s)<<sketchSlotShift {
			j++
		}
		sketchSlot[s], sketchNext[s] = uint8(j), sketchBound[j+1]
	}
	sketchKeyMin, sketchKeyMax = sketchKey(sketchMinValue), sketchKey(sketchMaxValue)
	g := math.Exp2(1.0 / sketchPerBinade)
	sketchMid = 2 * g / (1 + g)
}

// sketchKey returns the bucket floor(70·log2 v) of a normal, positive, finite v, exactly
// with respect to the bucket edges as stored in sketchBound.
func sketchKey(v float64) int {
	b := math.Float64bits(v)
	m := b & sketchMantMask
	s := m >> sketchSlotShift
	// j+1 when m ≥ sketchNext[s], without a branch: the comparison is a coin toss.
	j := int(sketchSlot[s]) + 1 + int(int64(m-sketchNext[s])>>63)
	return (int(b>>52)-1023)*sketchPerBinade + j
}

// sketchLower returns the lower bound γ^k of bucket k.
func sketchLower(k int) float64 {
	e, j := k/sketchPerBinade, k%sketchPerBinade
	if j < 0 {
		e, j = e-1, j+sketchPerBinade
	}
	return math.Ldexp(math.Float64frombits(1023<<52|sketchBound[j]), e)
}

// Sketch estimates quantiles of non-negative values (seconds) in bounded memory: at most
// about 4,200 counters (33 KiB) however many values it sees, with relative error at most
// [SketchAccuracy]. Count, Sum, Mean, Min and Max are exact. The zero value is empty and
// ready to use. A copy shares the buckets of the original, so pass a *Sketch around.
type Sketch struct {
	counts   []uint64 // counts[i] counts values in bucket lo+i
	lo       int
	zeros    uint64 // values below 1 ns
	count    int64
	sum      float64
	min, max float64
}

// NewSketch returns an empty [Sketch].
func NewSketch() *Sketch { return &Sketch{} }

// Add records v. It costs a few nanoseconds, with no math.Log, and allocates only when v
// lies outside the bucket range seen so far. It panics if v is negative, infinite or NaN:
// no wait can be.
func (s *Sketch) Add(v float64) {
	if !(v >= 0 && v <= math.MaxFloat64) {
		badSketchValue(v)
	}
	if s.count == 0 {
		s.min, s.max = v, v
	} else if v < s.min {
		s.min = v
	} else if v > s.max {
		s.max = v
	}
	s.count++
	s.sum += v
	if v < sketchMinValue {
		s.zeros++
		return
	}
	if v > sketchMaxValue {
		v = sketchMaxValue
	}
	k := sketchKey(v)
	i := k - s.lo
	if uint(i) >= uint(len(s.counts)) {
		s.grow(k)
		i = k - s.lo
	}
	s.counts[i]++
}

// badSketchValue panics; it is kept out of Add so that Add stays small.
func badSketchValue(v float64) {
	panic(fmt.Sprintf("model: Sketch.Add(%v): value must be finite and non-negative", v))
}

// grow widens counts to cover bucket k, with slack on both sides so that a slowly
// widening range reallocates O(log) times, never beyond [sketchKeyMin, sketchKeyMax].
func (s *Sketch) grow(k int) {
	lo, hi := k, k
	if len(s.counts) > 0 {
		lo, hi = min(lo, s.lo), max(hi, s.lo+len(s.counts)-1)
	}
	slack := max(32, (hi-lo+1)/2)
	lo, hi = max(sketchKeyMin, lo-slack), min(sketchKeyMax, hi+slack)
	counts := make([]uint64, hi-lo+1)
	if len(s.counts) > 0 {
		copy(counts[s.lo-lo:], s.counts)
	}
	s.counts, s.lo = counts, lo
}

// Count returns the number of values added.
func (s *Sketch) Count() int64 { return s.count }

// Sum returns the sum of the values added (0 when empty).
func (s *Sketch) Sum() float64 { return s.sum }

// Mean returns the mean of the values added (0 when empty).
func (s *Sketch) Mean() float64 {
	if s.count == 0 {
		return 0
	}
	return s.sum / float64(s.count)
}

// Min returns the smallest value added (0 when empty).
func (s *Sketch) Min() float64 { return s.min }

// Max returns the largest value added (0 when empty).
func (s *Sketch) Max() float64 { return s.max }

// Quantile returns an estimate of the q-quantile, the value of rank ⌊q·(Count−1)⌋ in sorted
// order (0-based), within [SketchAccuracy] of it relatively. Quantile(0) and Quantile(1) are
// Min and Max exactly; a rank that falls among the values under 1 ns gives Min. q is clamped
// to [0, 1]; an empty sketch gives 0. It costs one pass over the buckets (about a microsecond).
func (s *Sketch) Quantile(q float64) float64 {
	if s.count == 0 {
		return 0
	}
	if !(q > 0) { // also NaN
		q = 0
	}
	rank := uint64(min(q, 1) * float64(s.count-1))
	switch {
	case rank == 0 || rank < s.zeros:
		return s.min
	case rank == uint64(s.count-1):
		return s.max
	}
	cum := s.zeros
	for i, c := range s.counts {
		cum += c
		if rank < cum {
			return min(max(sketchLower(s.lo+i)*sketchMid, s.min), s.max)
		}
	}
	return s.max
}

// Reset empties the sketch, keeping its buckets' memory.
func (s *Sketch) Reset() {
	clear(s.counts)
	s.zeros, s.count, s.sum, s.min, s.max = 0, 0, 0, 0, 0
}

// TimeAverage is the time-weighted mean of a piecewise-constant quantity (queue length,
// busy baristas) over virtual time. The area under the curve is accumulated in value ×
// nanoseconds: exactly, in 128-bit integers, while the value is a whole number in
// [0, 2^32); otherwise in float64. The zero value holds 0 from time 0.
type TimeAverage struct {
	start, last time.Duration
	v           float64
	hi, lo      uint64  // integer area, as a 128-bit number
	area        float64 // area of non-integer values
}

// Set records that the value becomes v at now. Time must not go backwards.
func (a *TimeAverage) Set(now time.Duration, v float64) {
	a.accrue(now, "Set")
	a.v = v
}

// Value returns the current value.
func (a *TimeAverage) Value() float64 { return a.v }

// Mean returns the time-weighted mean over [start, now], where start is the last Reset
// (or 0). At now == start it is the current value.
func (a *TimeAverage) Mean(now time.Duration) float64 {
	b := *a
	b.accrue(now, "Mean")
	if now == b.start {
		return b.v
	}
	area := math.Ldexp(float64(b.hi), 64) + float64(b.lo) + b.area
	return area / float64(now-b.start)
}

// Reset starts a new window at now, keeping the current value.
func (a *TimeAverage) Reset(now time.Duration) {
	a.accrue(now, "Reset")
	a.start, a.hi, a.lo, a.area = now, 0, 0, 0
}

// accrue adds the area from the last change to now.
func (a *TimeAverage) accrue(now time.Duration, op string) {
	if now < a.last {
		panic(fmt.Sprintf("model: TimeAverage.%s(%v): time went backwards from %v", op, now, a.last))
	}
	dt := uint64(now - a.last)
	a.last = now
	if a.v >= 0 && a.v < 1<<32 && a.v == math.Trunc(a.v) {
		h, l := bits.Mul64(uint64(a.v), dt)
		var carry uint64
		a.lo, carry = bits.Add64(a.lo, l, 0)
		a.hi += h + carry
		return
	}
	a.area += a.v * float64(dt)
}

// BatchMeans gives a confidence interval for the mean of a long, correlated series (waits
// of successive customers) by the method of batch means: consecutive values are grouped into
// batches whose means are nearly independent when batches are much longer than the
// correlation. It keeps between b and 2b−1 complete batches (b from [NewBatchMeans]) once
// b values have arrived: when all 2b slots fill, neighbours merge and the batch size
// doubles, so memory stays fixed however long the run.
type BatchMeans struct {
	sums  []float64 // sums of the complete batches, then the one being filled
	full  int       // complete batches
	size  int64     // values per batch
	fill  int64     // values in the batch being filled
	n     int64
	total float64
}

// NewBatchMeans returns an empty [BatchMeans] keeping at least batches batches (at least 2).
func NewBatchMeans(batches int) *BatchMeans {
	if batches < 2 {
		panic(fmt.Sprintf("model: NewBatchMeans(%d): need at least 2 batches", batches))
	}
	return &BatchMeans{sums: make([]float64, 2*batches), size: 1}
}

// Add records the next value of the series.
func (b *BatchMeans) Add(v float64) {
	b.n++
	b.total += v
	b.sums[b.full] += v
	b.fill++
	if b.fill < b.size {
		return
	}
	b.full, b.fill = b.full+1, 0
	if b.full == len(b.sums) {
		half := len(b.sums) / 2
		for i := range half {
			b.sums[i] = b.sums[2*i] + b.sums[2*i+1]
		}
		clear(b.sums[half:])
		b.full, b.size = half, 2*b.size
	}
}

// Count returns the number of values added.
func (b *BatchMeans) Count() int64 { return b.n }

// Batches returns the number of complete batches the interval is built from.
func (b *BatchMeans) Batches() int { return b.full }

// Mean returns the mean of every value added (0 when empty).
func (b *BatchMeans) Mean() float64 {
	if b.n == 0 {
		return 0
	}
	return b.total / float64(b.n)
}

// HalfWidth95 returns the half-width of a 95% confidence interval for the mean: Student's t
// with Batches()−1 degrees of freedom times the standard error of the complete batches'
// means. It is +Inf with fewer than 2 complete batches.
func (b *BatchMeans) HalfWidth95() float64 {
	k := b.full
	if k < 2 {
		return math.Inf(1)
	}
	size := float64(b.size)
	var mean float64
	for _, s := range b.sums[:k] {
		mean += s / size
	}
	mean /= float64(k)
	var ss float64
	for _, s := range b.sums[:k] {
		d := s/size - mean
		ss += d * d
	}
	return t975(k-1) * math.Sqrt(ss/float64(k-1)/float64(k))
}

// t975Table holds Student's t 0.975 quantiles for 1 to 30 degrees of freedom.
var t975Table = [...]float64{12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912,
	2.364624, 2.306004, 2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450,
	2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
	2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272}

// t975 returns Student's t 0.975 quantile for df ≥ 1 degrees of freedom: from the table up
// to 30, beyond by the Cornish–Fisher expansion about the normal quantile (error < 1e-5).
func t975(df int) float64 {
	if df <= len(t975Table) {
		return t975Table[df-1]
	}
	const z = 1.959963984540054
	n := float64(df)
	z3, z5, z7 := z*z*z, z*z*z*z*z, z*z*z*z*z*z*z
	return z + (z3+z)/(4*n) + (5*z5+16*z3+3*z)/(96*n*n) + (3*z7+19*z5+17*z3-15*z)/(384*n*n*n)
}
