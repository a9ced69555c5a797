package stats

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestSketchKeyExact checks the table-driven bucket key against the definition
// floor(70·log2 v) at every bucket edge in range, just below it, and at random values.
func TestSketchKeyExact(t *testing.T) {
	for k := sketchKeyMin + 1; k <= sketchKeyMax; k++ {
		edge := sketchLower(k)
		if got := sketchKey(edge); got != k {
			t.Fatalf("sketchKey(%v) = %d, want %d (lower edge of bucket %d)", edge, got, k, k)
		}
		if below := math.Nextafter(edge, 0); sketchKey(below) != k-1 {
			t.Fatalf("sketchKey(%v) = %d, want %d (just below bucket %d)", below, sketchKey(below), k-1, k)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		v := math.Exp(r.Float64()*41.4 - 20.7) // log-uniform over [1e-9, 1e9]
		x := sketchPerBinade * math.Log2(v)
		if math.Abs(x-math.Round(x)) < 1e-9 {
			continue // too close to an edge for math.Log2 to decide
		}
		if got, want := sketchKey(v), int(math.Floor(x)); got != want {
			t.Fatalf("sketchKey(%v) = %d, want %d", v, got, want)
		}
	}
}

// TestSketchQuantile compares the sketch with exact order statistics of seeded samples.
func TestSketchQuantile(t *testing.T) {
	tests := []struct {
		name string
		draw func(r *rand.Rand) float64
	}{
		{"exponential mean 2s", func(r *rand.Rand) float64 { return 2 * r.ExpFloat64() }},
		{"uniform 0-10s", func(r *rand.Rand) float64 { return 10 * r.Float64() }},
		{"lognormal sigma 2", func(r *rand.Rand) float64 { return math.Exp(2 * r.NormFloat64()) }},
		{"exponential - 0.5 floored at 0 (39% zeros)", func(r *rand.Rand) float64 { return max(0, r.ExpFloat64()-0.5) }},
		{"constant 90s", func(*rand.Rand) float64 { return 90 }},
		{"log-uniform 1us-1e6s", func(r *rand.Rand) float64 { return math.Exp(r.Float64()*27.6 - 13.8) }},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, s := rand.New(rand.NewPCG(42, uint64(i))), NewSketch()
			vals, sum := make([]float64, 200000), 0.0
			for j := range vals {
				vals[j] = tt.draw(r)
				sum += vals[j]
				s.Add(vals[j])
			}
			if s.Count() != int64(len(vals)) || s.Sum() != sum || s.Mean() != sum/float64(len(vals)) {
				t.Errorf("Count, Sum, Mean = %d, %v, %v, want %d, %v, %v",
					s.Count(), s.Sum(), s.Mean(), len(vals), sum, sum/float64(len(vals)))
			}
			slices.Sort(vals)
			if s.Min() != vals[0] || s.Max() != vals[len(vals)-1] {
				t.Errorf("Min, Max = %v, %v, want %v, %v", s.Min(), s.Max(), vals[0], vals[len(vals)-1])
			}
			worst := 0.0
			for _, q := range []float64{0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1} {
				exact, got := vals[int(q*float64(len(vals)-1))], s.Quantile(q)
				if exact == 0 && got != 0 || exact != 0 && math.Abs(got-exact)/exact > SketchAccuracy {
					t.Errorf("Quantile(%v) = %v, want %v within %v (rel err %.2g)",
						q, got, exact, SketchAccuracy, math.Abs(got-exact)/exact)
				} else if exact != 0 {
					worst = max(worst, math.Abs(got-exact)/exact)
				}
			}
			t.Logf("largest relative error of Quantile: %.4f", worst)
		})
	}
}

// TestSketchEmptyAndReset checks the zero value, NewSketch and Reset all read as empty.
func TestSketchEmptyAndReset(t *testing.T) {
	used := NewSketch()
	for _, v := range []float64{3, 0, 1e12, 5e-10, 7} {
		used.Add(v)
	}
	used.Reset()
	for _, tt := range []struct {
		name string
		s    *Sketch
	}{{"zero value", &Sketch{}}, {"NewSketch", NewSketch()}, {"after Reset", used}} {
		s := tt.s
		if s.Count() != 0 || s.Sum() != 0 || s.Mean() != 0 || s.Min() != 0 || s.Max() != 0 || s.Quantile(0.5) != 0 {
			t.Errorf("%s: Count, Sum, Mean, Min, Max, Quantile(0.5) = %d, %v, %v, %v, %v, %v, want all 0", tt.name,
				s.Count(), s.Sum(), s.Mean(), s.Min(), s.Max(), s.Quantile(0.5))
		}
		for _, v := range []float64{4, 2, 3} {
			s.Add(v)
		}
		if got := s.Quantile(0.5); math.Abs(got-3)/3 > SketchAccuracy || s.Min() != 2 || s.Max() != 4 {
			t.Errorf("%s: after Add(4, 2, 3): Quantile(0.5), Min, Max = %v, %v, %v, want 3 ± 0.5%%, 2, 4",
				tt.name, got, s.Min(), s.Max())
		}
	}
}

// TestSketchMemoryBound feeds values far outside [1ns, 1e9s] and checks the bucket cap.
func TestSketchMemoryBound(t *testing.T) {
	var s Sketch
	r := rand.New(rand.NewPCG(7, 7))
	for range 1000000 {
		s.Add(math.Exp(r.Float64()*110 - 55)) // 1e-24 .. 1e24
	}
	s.Add(math.MaxFloat64)
	limit := sketchKeyMax - sketchKeyMin + 1
	if len(s.counts) > limit || limit > 4200 {
		t.Errorf("len(counts) = %d, limit %d, want ≤ limit ≤ 4200", len(s.counts), limit)
	}
	if got := s.Quantile(1); got != math.MaxFloat64 {
		t.Errorf("Quantile(1) = %v, want Max %v", got, math.MaxFloat64)
	}
	if got := s.Quantile(0.5); math.Abs(got-1) > 0.5 {
		t.Errorf("Quantile(0.5) = %v, want near 1", got)
	}
}

// TestSketchAddRejects checks that impossible values panic.
func TestSketchAddRejects(t *testing.T) {
	for _, v := range []float64{-1, math.Copysign(1e-300, -1), math.NaN(), math.Inf(1)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Sketch.Add(%v) did not panic", v)
				}
			}()
			new(Sketch).Add(v)
		}()
	}
}

// TestSketchAddAllocs checks that Add does not allocate once the range is covered.
func TestSketchAddAllocs(t *testing.T) {
	s, v := NewSketch(), 1e-3
	s.Add(v)
	s.Add(1e3) // from here on, v stays inside the buckets already allocated
	if n := testing.AllocsPerRun(1000, func() { s.Add(v); v *= 1.01 }); n != 0 {
		t.Errorf("Sketch.Add allocs = %v, want 0", n)
	}
}

func BenchmarkSketchAdd(b *testing.B) {
	r, s, vals := rand.New(rand.NewPCG(1, 1)), NewSketch(), make([]float64, 4096)
	for i := range vals {
		vals[i] = 30 * r.ExpFloat64() // waits with a 30 s mean
	}
	for i := 0; b.Loop(); i++ {
		s.Add(vals[i&(len(vals)-1)])
	}
}

// TestTimeAverage runs sequences of Set and Reset and checks Mean against hand-worked values.
func TestTimeAverage(t *testing.T) {
	type set struct {
		at    time.Duration
		v     float64
		reset bool
	}
	tests := []struct {
		name  string
		steps []set
		now   time.Duration
		want  float64
	}{
		{"zero value", nil, time.Minute, 0},
		{"mean at start is the value", []set{{0, 3, false}}, 0, 3},
		{"queue 0,2,1", []set{{0, 0, false}, {10 * time.Second, 2, false}, {20 * time.Second, 1, false}}, 40 * time.Second, 1},
		{"fractional", []set{{0, 0.5, false}, {time.Second, 1.5, false}}, 4 * time.Second, 1.25},
		{"reset keeps value", []set{{0, 8, false}, {time.Hour, 2, false}, {2 * time.Hour, 0, true}, {3 * time.Hour, 4, false}}, 4 * time.Hour, 3},
		{"same instant twice", []set{{0, 1, false}, {time.Second, 100, false}, {time.Second, 3, false}}, 2 * time.Second, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a TimeAverage
			for _, s := range tt.steps {
				if s.reset {
					a.Reset(s.at)
				} else {
					a.Set(s.at, s.v)
				}
			}
			// Twice: Mean must not change the state.
			if m1, m2 := a.Mean(tt.now), a.Mean(tt.now); math.Abs(m1-tt.want) > 1e-12 || m2 != m1 {
				t.Errorf("Mean(%v) = %v then %v, want %v", tt.now, m1, m2, tt.want)
			}
		})
	}
}

// TestTimeAverageExact checks a long run of integer values against exact big.Int arithmetic.
func TestTimeAverageExact(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var a TimeAverage
	area := new(big.Int)
	var now time.Duration
	v := int64(0)
	for range 100000 {
		dt := time.Duration(r.Int64N(int64(time.Hour)))
		area.Add(area, new(big.Int).Mul(big.NewInt(v), big.NewInt(int64(dt))))
		now += dt
		v = r.Int64N(1 << 31)
		a.Set(now, float64(v))
	}
	want, _ := new(big.Rat).SetFrac(area, big.NewInt(int64(now))).Float64()
	// Exact accumulation leaves only the final conversions and division: a few ulps.
	// Summing in float64 instead drifts by about 1e-13 here.
	if got := a.Mean(now); math.Abs(got-want)/want > 1e-15 {
		t.Errorf("Mean(%v) = %v, want %v within 1e-15", now, got, want)
	}
	if a.Value() != float64(v) {
		t.Errorf("Value() = %v, want %v", a.Value(), v)
	}
	defer func() {
		if recover() == nil {
			t.Errorf("Set(%v) after Set(%v) did not panic", now-1, now)
		}
	}()
	a.Set(now-1, 0)
}

// TestBatchMeansBatches checks the batching against the raw data: every value is counted,
// batches are consecutive runs, and memory stays at 2b slots. (BatchMeans lives in theory.go
// beside the formulas it is used to check; its tests are here to balance the files.)
func TestBatchMeansBatches(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 19, 20, 21, 40, 1000, 12345} {
		b, data, sum := NewBatchMeans(10), make([]float64, n), 0.0
		for i := range data {
			data[i] = r.NormFloat64()
			sum += data[i]
			b.Add(data[i])
		}
		k, size := b.Batches(), int(b.size)
		if b.Count() != int64(n) || k*size+int(b.fill) != n || len(b.sums) != 20 || n >= 10 && (k < 10 || k > 19) {
			t.Errorf("after %d values: Count() = %d, %d batches of %d + %d, %d slots, want %d values in 10-19 batches, 20 slots",
				n, b.Count(), k, size, b.fill, len(b.sums), n)
		}
		if n > 0 && b.Mean() != sum/float64(n) {
			t.Errorf("after %d values: Mean() = %v, want %v", n, b.Mean(), sum/float64(n))
		}
		want := math.Inf(1)
		if k >= 2 {
			means, m, ss := make([]float64, k), 0.0, 0.0
			for i := range means {
				for _, v := range data[i*size : (i+1)*size] {
					means[i] += v / float64(size)
				}
				m += means[i] / float64(k)
			}
			for _, v := range means {
				ss += (v - m) * (v - m)
			}
			want = t975(k-1) * math.Sqrt(ss/float64(k-1)/float64(k))
		}
		if got := b.HalfWidth95(); !statsNear(got, want, 1e-12) {
			t.Errorf("after %d values: HalfWidth95() = %v, want %v", n, got, want)
		}
	}
}

// TestBatchMeansCoverage checks that the 95% interval covers the true mean about 95% of
// the time, for i.i.d. data and for a strongly autocorrelated AR(1) series.
func TestBatchMeansCoverage(t *testing.T) {
	tests := []struct {
		name    string
		reps, n int
		next    func(r *rand.Rand, prev float64) float64 // true mean 5
	}{
		{"iid exponential", 400, 4000, func(r *rand.Rand, _ float64) float64 { return 5 * r.ExpFloat64() }},
		{"AR(1) phi 0.9", 200, 40000, func(r *rand.Rand, x float64) float64 { return 5 + 0.9*(x-5) + r.NormFloat64() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, covered := rand.New(rand.NewPCG(11, 12)), 0
			for range tt.reps {
				b, x := NewBatchMeans(10), 5.0
				for range tt.n {
					x = tt.next(r, x)
					b.Add(x)
				}
				if math.Abs(b.Mean()-5) <= b.HalfWidth95() {
					covered++
				}
			}
			if got := float64(covered) / float64(tt.reps); got < 0.91 || got > 0.99 {
				t.Errorf("coverage of HalfWidth95() = %v over %d runs, want 0.95 ± 0.04", got, tt.reps)
			}
		})
	}
}

// statsNear reports whether got is within tol of want, relative to max(1, |want|).
func statsNear(got, want, tol float64) bool {
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*max(1, math.Abs(want))
}

func TestBatchMeansT975(t *testing.T) {
	for _, tt := range []struct {
		df   int
		want float64
	}{
		{1, 12.7062}, {9, 2.2622}, {30, 2.0423}, {31, 2.0395}, {40, 2.0211}, {60, 2.0003}, {120, 1.9799}, {100000, 1.9600},
	} {
		if got := t975(tt.df); !statsNear(got, tt.want, 1e-4) {
			t.Errorf("t975(%d) = %v, want %v", tt.df, got, tt.want)
		}
	}
	if b := NewBatchMeans(2); b.Mean() != 0 || !math.IsInf(b.HalfWidth95(), 1) {
		t.Errorf("empty: Mean(), HalfWidth95() = %v, %v, want 0, +Inf", b.Mean(), b.HalfWidth95())
	}
}
