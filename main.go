// Command brewloop shows cooperative concurrency through a coffee shop: customers,
// baristas and brew tasks are coroutines on one event loop with a virtual clock.
package main

import (
	"context"
	"os"

	"github.com/charmbracelet/fang"
	"github.com/spf13/cobra"
)

// version is the brewloop version, set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func newRootCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "brewloop",
		Short: "A coffee shop that makes cooperative concurrency visible",
		Long: "brewloop runs customers, baristas and brew tasks as cooperative tasks on one\n" +
			"event loop with a virtual clock, and shows the queue, every task's state and\n" +
			"the stream of sleep/resume events live.",
		SilenceUsage: true,
	}
}

func main() {
	if err := fang.Execute(context.Background(), newRootCmd(), fang.WithVersion(version)); err != nil {
		os.Exit(1)
	}
}
