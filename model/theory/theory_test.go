package theory

import (
	"fmt"
	"math"
	"testing"
)

// theoryNear reports whether got is within tol of want, relative to max(1, |want|).
func theoryNear(got, want, tol float64) bool {
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// erlangCLog is Erlang C from its defining sums, in log space to survive large c.
func erlangCLog(c int, a float64) float64 {
	lg := func(n int) float64 { v, _ := math.Lgamma(float64(n + 1)); return v }
	top := float64(c)*math.Log(a) - lg(c) + math.Log(float64(c)/(float64(c)-a))
	sum := 0.0
	for k := range c {
		sum += math.Exp(float64(k)*math.Log(a) - lg(k) - top)
	}
	return 1 / (1 + sum)
}

func TestErlangC(t *testing.T) {
	tests := []struct {
		name       string
		c          int
		lambda, mu float64
		want, tol  float64
	}{
		{"c=2 a=1 (textbook)", 2, 1, 1, 1.0 / 3, 1e-15},
		{"M/M/1 is rho", 1, 0.7, 1, 0.7, 1e-15},
		{"M/M/4 a=3.6 (Wq 1.9694 min)", 4, 3.6, 1, 0.7878, 5e-5},
		{"call centre a=10 c=11", 11, 10, 1, 0.6821, 5e-5},
		{"call centre a=10 c=12", 12, 10, 1, 0.4494, 5e-5},
		{"call centre a=10 c=14", 14, 10, 1, 0.1741, 5e-5},
		{"rates scale out", 2, 1.0 / 60, 1.0 / 60, 1.0 / 3, 1e-15},
		{"no arrivals", 3, 0, 1, 0, 0},
		{"critical load", 3, 3, 1, 1, 0},
		{"overload", 3, 5, 1, 1, 0},
		{"no servers", 0, 1, 1, 1, 0},
		{"no service", 2, 1, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErlangC(tt.c, tt.lambda, tt.mu); !theoryNear(got, tt.want, tt.tol) {
				t.Errorf("ErlangC(%d, %v, %v) = %v, want %v ± %v", tt.c, tt.lambda, tt.mu, got, tt.want, tt.tol)
			}
		})
	}
}

// TestErlangCLarge checks stability for many servers against the log-space formula.
func TestErlangCLarge(t *testing.T) {
	for _, c := range []int{50, 200, 1000, 3000} {
		prev := 1.0
		for _, rho := range []float64{0.999, 0.99, 0.95, 0.8} {
			a := rho * float64(c)
			got, want := ErlangC(c, a, 1), erlangCLog(c, a)
			if !theoryNear(got, want, 1e-9) || got > prev {
				t.Errorf("ErlangC(%d, %v, 1) = %v, want %v (and ≤ %v at higher load)", c, a, got, want, prev)
			}
			prev = got
		}
	}
}

func TestTheoryMMc(t *testing.T) {
	mm1 := func(l float64) [5]float64 { // PWait, Lq, Wq, W, L with mu = 1
		return [5]float64{l, l * l / (1 - l), l / (1 - l), 1 / (1 - l), l / (1 - l)}
	}
	inf := math.Inf(1)
	tests := []struct {
		q    MMc
		want [5]float64 // PWait, Lq, Wq, W, L
		tol  float64
	}{
		{MMc{4, 3.6, 1}, [5]float64{0.78775, 7.0898, 1.9694, 2.9694, 10.6898}, 5e-5},
		{MMc{1, 0.1, 1}, mm1(0.1), 1e-12},
		{MMc{1, 0.5, 1}, mm1(0.5), 1e-12},
		{MMc{1, 0.99, 1}, mm1(0.99), 1e-12},
		{MMc{2, 1, 1}, [5]float64{1.0 / 3, 1.0 / 3, 1.0 / 3, 4.0 / 3, 4.0 / 3}, 1e-12},
		{MMc{3, 0, 2}, [5]float64{0, 0, 0, 0.5, 0}, 0},
		{MMc{2, 2, 1}, [5]float64{1, inf, inf, inf, inf}, 0},
		{MMc{2, 1, 0}, [5]float64{1, inf, inf, inf, inf}, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.q), func(t *testing.T) {
			q := tt.q
			got := [5]float64{q.PWait(), q.Lq(), q.Wq(), q.W(), q.L()}
			for i, name := range []string{"PWait", "Lq", "Wq", "W", "L"} {
				if !theoryNear(got[i], tt.want[i], tt.tol) {
					t.Errorf("%+v.%s() = %v, want %v ± %v", q, name, got[i], tt.want[i], tt.tol)
				}
			}
			if stable := !math.IsInf(tt.want[1], 1); q.Stable() != stable {
				t.Errorf("%+v.Stable() = %v, want %v", q, q.Stable(), stable)
			}
			if q.Stable() && (LittleCheck(q.L(), q.Lambda, q.W()) > 1e-12 || LittleCheck(q.Lq(), q.Lambda, q.Wq()) > 1e-12) {
				t.Errorf("%+v: L=%v, Lq=%v break Little's law with W=%v, Wq=%v", q, q.L(), q.Lq(), q.W(), q.Wq())
			}
		})
	}
}

// mmckMetrics returns PBlock, L, Lq, PWait, Wq, W of q.
func mmckMetrics(q MMcK) [6]float64 {
	return [6]float64{q.PBlock(), q.L(), q.Lq(), q.PWait(), q.Wq(), q.W()}
}

var mmckNames = [6]string{"PBlock", "L", "Lq", "PWait", "Wq", "W"}

// bruteMMcK solves πQ = 0, Σπ = 1 for the M/M/c/K generator by Gaussian elimination and
// derives the metrics from π directly.
func bruteMMcK(c, k int, lambda, mu float64) [6]float64 {
	n := k + 1
	a := make([][]float64, n) // rows: balance equations (Qᵀ), the last replaced by Σπ = 1
	for i := range a {
		a[i] = make([]float64, n+1)
	}
	for i := range n {
		if i < k {
			a[i+1][i] += lambda
			a[i][i] -= lambda
		}
		if i > 0 {
			d := float64(min(i, c)) * mu
			a[i-1][i] += d
			a[i][i] -= d
		}
	}
	for j := range n + 1 {
		a[n-1][j] = 1
	}
	for col := range n {
		p := col
		for r := col + 1; r < n; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		a[col], a[p] = a[p], a[col]
		for r := range n {
			if f := a[r][col] / a[col][col]; r != col && f != 0 {
				for j := col; j <= n; j++ {
					a[r][j] -= f * a[col][j]
				}
			}
		}
	}
	var l, lq, wait float64
	for i := range n {
		pi := a[i][n] / a[i][i]
		l += float64(i) * pi
		lq += float64(max(i-c, 0)) * pi
		if i >= c && i < k {
			wait += pi
		}
	}
	pk := a[k][n] / a[k][k]
	le := lambda * (1 - pk)
	return [6]float64{pk, l, lq, wait / (1 - pk), lq / le, l / le}
}

func TestTheoryMMcKBruteForce(t *testing.T) {
	for c := 1; c <= 4; c++ {
		for _, room := range []int{0, 1, 6} {
			for _, rho := range []float64{0.3, 1, 1.8} {
				q := MMcK{C: c, K: c + room, Lambda: rho * float64(c) * 0.5, Mu: 0.5}
				got, want := mmckMetrics(q), bruteMMcK(q.C, q.K, q.Lambda, q.Mu)
				for i := range got {
					if !theoryNear(got[i], want[i], 1e-9) {
						t.Errorf("%+v.%s() = %v, want %v (birth-death chain)", q, mmckNames[i], got[i], want[i])
					}
				}
			}
		}
	}
}

func TestTheoryMMcK(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	// m1k is M/M/1/K with lambda = rho, mu = 1 from the closed forms, rho ≠ 1.
	m1k := func(rho float64, k int) [6]float64 {
		norm := 1 - math.Pow(rho, float64(k+1))
		p0, pk := (1-rho)/norm, (1-rho)*math.Pow(rho, float64(k))/norm
		l := rho/(1-rho) - float64(k+1)*math.Pow(rho, float64(k+1))/norm
		le := rho * (1 - pk)
		return [6]float64{pk, l, l - (1 - p0), (1 - p0 - pk) / (1 - pk), (l - (1 - p0)) / le, l / le}
	}
	tests := []struct {
		name string
		q    MMcK
		want [6]float64 // PBlock, L, Lq, PWait, Wq, W; NaN: not checked
		tol  float64
	}{
		{"M/M/1/10 rho 0.8", MMcK{1, 10, 0.8, 1}, m1k(0.8, 10), 1e-12},
		{"M/M/1/4 rho 3", MMcK{1, 4, 3, 1}, m1k(3, 4), 1e-12},
		{"M/M/1/10 rho 1", MMcK{1, 10, 2, 2}, [6]float64{1.0 / 11, 5, 5 - 10.0/11, 0.9, nan, nan}, 1e-12},
		{"loss system M/M/3/3 is Erlang B", MMcK{3, 3, 2, 1}, [6]float64{(8.0 / 6) / (1 + 2 + 2 + 8.0/6), nan, 0, 0, 0, 1}, 1e-12},
		{"overload: PBlock → 1 - c·mu/lambda", MMcK{4, 3004, 6, 1}, [6]float64{1.0 / 3, nan, nan, 1, nan, nan}, 1e-9},
		{"no arrivals", MMcK{2, 5, 0, 4}, [6]float64{0, 0, 0, 0, 0, 0.25}, 0},
		{"no service", MMcK{2, 5, 1, 0}, [6]float64{1, 5, 3, 0, inf, inf}, 0},
		{"K below C acts as C = K", MMcK{5, 2, 1, 1}, mmckMetrics(MMcK{2, 2, 1, 1}), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mmckMetrics(tt.q)
			for i := range got {
				if !math.IsNaN(tt.want[i]) && !theoryNear(got[i], tt.want[i], tt.tol) {
					t.Errorf("%+v.%s() = %v, want %v ± %v", tt.q, mmckNames[i], got[i], tt.want[i], tt.tol)
				}
			}
		})
	}
}

// TestTheoryMMcKLimits checks that a huge waiting room gives the M/M/c values, and that
// thousands of servers stay finite and consistent at any load.
func TestTheoryMMcKLimits(t *testing.T) {
	for _, c := range []int{1, 4, 50} {
		for _, rho := range []float64{0.5, 0.9} {
			k := MMcK{C: c, K: c + 3000, Lambda: rho * float64(c), Mu: 1}
			m := MMc{C: c, Lambda: k.Lambda, Mu: 1}
			got, want := mmckMetrics(k), [6]float64{0, m.L(), m.Lq(), m.PWait(), m.Wq(), m.W()}
			for i := range got {
				if !theoryNear(got[i], want[i], 1e-9) {
					t.Errorf("%+v.%s() = %v, want M/M/c's %v", k, mmckNames[i], got[i], want[i])
				}
			}
		}
	}
	for _, q := range []MMcK{{1000, 3000, 1100, 1}, {1000, 3000, 950, 1}, {2000, 4000, 3, 1}, {3, 5000, 30, 1}} {
		le := q.LambdaEff()
		for i, v := range mmckMetrics(q) {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Errorf("%+v.%s() = %v, want finite and non-negative", q, mmckNames[i], v)
			}
		}
		if busy := q.L() - q.Lq(); !theoryNear(busy, le/q.Mu, 1e-9) || le > float64(q.C)*q.Mu*(1+1e-12) {
			t.Errorf("%+v: L-Lq = %v busy servers, LambdaEff = %v, want L-Lq = LambdaEff/Mu ≤ C", q, busy, le)
		}
		if !theoryNear(q.W(), q.Wq()+1/q.Mu, 1e-9) {
			t.Errorf("%+v: W() = %v, want Wq()+1/Mu = %v", q, q.W(), q.Wq()+1/q.Mu)
		}
	}
}

func TestTheoryLittleCheck(t *testing.T) {
	tests := []struct{ l, lambda, w, want float64 }{
		{6, 2, 3, 0}, {3, 2, 3, 0.5}, {6, 2, 1.5, 0.5}, {0, 0, 5, 0}, {0, 1, 0, 0}, {3, 0, 1, 1},
	}
	for _, tt := range tests {
		if got := LittleCheck(tt.l, tt.lambda, tt.w); !theoryNear(got, tt.want, 1e-15) {
			t.Errorf("LittleCheck(%v, %v, %v) = %v, want %v", tt.l, tt.lambda, tt.w, got, tt.want)
		}
	}
}
