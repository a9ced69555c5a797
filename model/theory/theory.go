// Package theory holds the queueing theory the shop is checked against: Erlang C and
// the M/M/c queue, the M/M/c/K queue with a capacity, and Little's law.
package theory

import (
	"math"
)

// The formulas below are the textbook steady-state results for birth–death queues with
// Poisson arrivals (rate Lambda) and exponential service (rate Mu per server), in whatever
// time unit the rates share. The hands-on brew mode with exponential times is such a queue,
// so the shop shows these beside its measurements; stats.BatchMeans puts confidence
// intervals on those measurements so that tests can compare the two fairly.

// ErlangC returns the probability that an arrival waits in an M/M/c queue with c servers,
// arrival rate lambda and service rate mu: Erlang's C formula. An unstable queue
// (lambda ≥ c·mu, c < 1 or mu ≤ 0) gives 1; no arrivals give 0. It derives C from the
// Erlang B recursion, which needs no factorials and is stable for thousands of servers.
func ErlangC(c int, lambda, mu float64) float64 {
	if !(lambda > 0) {
		return 0
	}
	if c < 1 || !(mu > 0) || lambda >= float64(c)*mu {
		return 1
	}
	a := lambda / mu // offered load in Erlangs
	b := 1.0         // Erlang B with 0 servers
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return float64(c) * b / (float64(c) - a*(1-b))
}

// MMc is the M/M/c queue: C servers, unlimited waiting room, Poisson arrivals at rate
// Lambda, exponential service at rate Mu per server. Unstable queues (see [MMc.Stable])
// report +Inf for the lengths and waits.
type MMc struct {
	C      int
	Lambda float64
	Mu     float64
}

// Rho returns the utilisation of each server, Lambda / (C·Mu).
func (q MMc) Rho() float64 { return q.Lambda / (float64(q.C) * q.Mu) }

// Stable reports whether the queue has a steady state: Lambda < C·Mu.
func (q MMc) Stable() bool {
	return q.C >= 1 && q.Mu > 0 && q.Lambda >= 0 && q.Lambda < float64(q.C)*q.Mu
}

// PWait returns the probability that an arrival waits: [ErlangC].
func (q MMc) PWait() float64 { return ErlangC(q.C, q.Lambda, q.Mu) }

// Lq returns the mean number waiting in the queue.
func (q MMc) Lq() float64 {
	if !q.Stable() {
		return math.Inf(1)
	}
	rho := q.Rho()
	return q.PWait() * rho / (1 - rho)
}

// Wq returns the mean wait in the queue, before service starts.
func (q MMc) Wq() float64 {
	if !q.Stable() {
		return math.Inf(1)
	}
	return q.PWait() / (float64(q.C)*q.Mu - q.Lambda)
}

// W returns the mean time in the system, Wq + 1/Mu.
func (q MMc) W() float64 { return q.Wq() + 1/q.Mu }

// L returns the mean number in the system, Lq + Lambda/Mu.
func (q MMc) L() float64 { return q.Lq() + q.Lambda/q.Mu }

// MMcK is the M/M/c/K queue: C servers and room for K customers in all (K − C waiting);
// an arrival that finds K present is turned away (in the shop, it balks). It has a steady
// state for any load. K < C is taken as C = K. With no service at all (C < 1 or Mu ≤ 0) and
// Lambda > 0 the system is always full.
type MMcK struct {
	C, K   int
	Lambda float64
	Mu     float64
}

// mmckDist summarises the stationary distribution p_0..p_K of an MMcK.
type mmckDist struct {
	pFull float64 // p_K
	l, lq float64 // mean in system, mean waiting
	pQ    float64 // P(C ≤ n < K): an arrival is admitted and waits
}

// dist computes the stationary distribution from the birth–death ratios
// p_n / p_{n−1} = Lambda / (min(n, C)·Mu), rescaling the running sums whenever a term grows
// large, so there are no factorials and no overflow for C and K in the thousands; terms
// that underflow are negligible beside the ones already summed.
func (q MMcK) dist() mmckDist {
	k := max(q.K, 0)
	c := min(q.C, k)
	if q.Lambda > 0 && (c < 1 || !(q.Mu > 0)) {
		return mmckDist{pFull: 1, l: float64(k), lq: float64(k - max(c, 0))}
	}
	lambda := max(q.Lambda, 0)
	t := 1.0 // p_n up to the common factor
	var s, sl, slq, sq float64
	for n := 0; n <= k; n++ {
		if n > 0 {
			t *= lambda / (float64(min(n, c)) * q.Mu)
		}
		s += t
		sl += float64(n) * t
		if n > c {
			slq += float64(n-c) * t
		}
		if n >= c && n < k {
			sq += t
		}
		if t > 1e200 {
			t, s, sl, slq, sq = t*1e-200, s*1e-200, sl*1e-200, slq*1e-200, sq*1e-200
		}
	}
	return mmckDist{pFull: t / s, l: sl / s, lq: slq / s, pQ: sq / s}
}

// PBlock returns the probability that an arrival finds the system full and is turned away.
func (q MMcK) PBlock() float64 { return q.dist().pFull }

// LambdaEff returns the rate of admitted arrivals, Lambda·(1 − PBlock).
func (q MMcK) LambdaEff() float64 { return max(q.Lambda, 0) * (1 - q.PBlock()) }

// L returns the mean number in the system.
func (q MMcK) L() float64 { return q.dist().l }

// Lq returns the mean number waiting for a server.
func (q MMcK) Lq() float64 { return q.dist().lq }

// Wq returns the mean wait in the queue of an admitted arrival, Lq / LambdaEff by Little's
// law. It is 0 without arrivals and +Inf when nobody is ever admitted.
func (q MMcK) Wq() float64 { return q.little(q.dist().lq, 0) }

// W returns the mean time in the system of an admitted arrival, L / LambdaEff. It is 1/Mu
// without arrivals and +Inf when nobody is ever admitted.
func (q MMcK) W() float64 { return q.little(q.dist().l, 1/q.Mu) }

// little divides a mean count by LambdaEff, or returns idle when no one arrives.
func (q MMcK) little(n, idle float64) float64 {
	if !(q.Lambda > 0) {
		return idle
	}
	le := q.LambdaEff()
	if le == 0 {
		return math.Inf(1)
	}
	return n / le
}

// PWait returns the probability that an admitted arrival has to wait for a server (by
// PASTA, the share of time with C ≤ n < K among the time with n < K); 0 if nobody is admitted.
func (q MMcK) PWait() float64 {
	d := q.dist()
	if d.pFull >= 1 {
		return 0
	}
	return d.pQ / (1 - d.pFull)
}

// LittleCheck returns how far a measured mean count l is from lambda·w (Little's law
// L = λW), relative to the larger of the two: 0 when they agree, at most 1 when of the same
// sign. Both zero gives 0.
func LittleCheck(l, lambda, w float64) (relErr float64) {
	lw := lambda * w
	d := math.Max(math.Abs(l), math.Abs(lw))
	if d == 0 {
		return 0
	}
	return math.Abs(l-lw) / d
}
