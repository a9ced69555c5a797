package replay

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"

	"github.com/brewloop/brewloop/sim"
)

const (
	// CheckpointEvery is how many events each checkpoint hash covers at first; a
	// replay that diverges is located to the first block whose hash differs.
	CheckpointEvery = 256
	// MaxCheckpoints bounds the checkpoints a recording holds (about 24 bytes each
	// in the file): when a run reaches it, pairs of checkpoints are combined into one
	// that covers twice as many events, so a recording stays small enough to read
	// back however long the run.
	MaxCheckpoints = 1 << 14
)

// Hasher is a tracer that computes the trace hash (the SHA-256 of the JSON
// Lines encoding, as --trace writes it) and a short hash per block of events.
//
// A block of CheckpointEvery events has the first 8 bytes of the SHA-256 of its
// lines as its hash; a block twice as long has the hash of its two halves' hashes
// (see CombineCheckpoints), and so on: the checkpoints of a run depend only on its
// events, whatever the coarsening.
type Hasher struct {
	buf         []byte
	all, block  hash.Hash
	n           uint64
	level       int // the checkpoints cover CheckpointEvery<<level events each
	max         int // MaxCheckpoints; smaller in tests
	checkpoints []string
	partial     []checkpointNode // toward the next checkpoint; levels decrease
}

type checkpointNode struct {
	level int
	sum   string
}

// NewHasher returns an empty hasher.
func NewHasher() *Hasher {
	return &Hasher{all: sha256.New(), block: sha256.New(), buf: make([]byte, 0, 256), max: MaxCheckpoints}
}

// Event hashes ev.
func (h *Hasher) Event(ev sim.Record) {
	h.buf = sim.AppendJSON(h.buf[:0], ev)
	h.all.Write(h.buf)
	h.block.Write(h.buf)
	h.n++
	if h.n%CheckpointEvery == 0 {
		h.add(checkpointNode{0, hex.EncodeToString(h.block.Sum(nil)[:8])})
		h.block.Reset()
	}
}

// add merges a finished block of the smallest size into the checkpoints, like a
// carry in binary counting.
func (h *Hasher) add(nd checkpointNode) {
	for len(h.partial) > 0 && h.partial[len(h.partial)-1].level == nd.level {
		top := h.partial[len(h.partial)-1]
		h.partial = h.partial[:len(h.partial)-1]
		nd = checkpointNode{nd.level + 1, combine(top.sum, nd.sum)}
	}
	if nd.level < h.level {
		h.partial = append(h.partial, nd)
		return
	}
	h.checkpoints = append(h.checkpoints, nd.sum)
	if len(h.checkpoints) == h.max {
		h.checkpoints = CombineCheckpoints(h.checkpoints, 1)
		h.level++
	}
}

func combine(a, b string) string {
	s := sha256.Sum256([]byte(a + b))
	return hex.EncodeToString(s[:8])
}

// CombineCheckpoints returns the checkpoints of blocks 2^times as long: each
// combines consecutive ones; an incomplete group at the end is dropped.
func CombineCheckpoints(cps []string, times int) []string {
	for range times {
		next := make([]string, 0, len(cps)/2)
		for i := 0; i+1 < len(cps); i += 2 {
			next = append(next, combine(cps[i], cps[i+1]))
		}
		cps = next
	}
	return cps
}

// Sum returns the hex SHA-256 of the trace so far.
func (h *Hasher) Sum() string { return hex.EncodeToString(h.all.Sum(nil)) }

// Count returns the number of events hashed.
func (h *Hasher) Count() uint64 { return h.n }

// Every returns how many events each checkpoint covers.
func (h *Hasher) Every() uint64 { return CheckpointEvery << h.level }

// Checkpoints returns the hashes of the complete blocks so far.
func (h *Hasher) Checkpoints() []string { return append([]string(nil), h.checkpoints...) }
