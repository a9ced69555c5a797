// Package model is the coffee shop on sim: the shop and its actors, and the one way to
// run a shop and change its controls.
//
//   - shop.go builds a Shop from a config.Config and holds the arrivals and customer
//     actors; barista.go holds the barista of each brew mode and the brew tasks;
//     overload.go stops a shop whose customers outgrow it.
//   - player.go is the Player that every run goes through (the TUI, headless runs,
//     replay, verify and seek): it advances the shop and applies recorded control
//     changes at their instants; controls.go has the typed Control values and how the
//     shop applies them.
//   - snapshot.go and view.go are the read-only Snapshot the TUI draws; metrics.go
//     counts what happens; summary.go is the end-of-run Summary (the JSON of run
//     --json).
//
// The rest of the domain lives in packages of their own, one job each: config (loading
// and checking configuration, scenarios), dist (distributions), stats (quantile
// sketches, time averages, batch means), theory (queueing formulas), lesson (the
// asyncio lessons), replay (recordings, trace hashes, verification) and perfetto (the
// Chrome trace exporter). The headless runner is package headless, at the top.
package model
