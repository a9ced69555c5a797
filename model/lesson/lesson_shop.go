package lesson

// PanelFor returns what the TUI's lesson panel shows for a scenario: its lesson,
// or for the coffee-shop scenario (a lesson too, but the shop itself rather than a
// scripted program) a description of the shop. It is nil for other shops.
func PanelFor(scenario string) *Lesson {
	if l, ok := Lookup(scenario); ok {
		return l
	}
	if scenario != "coffee-shop" {
		return nil
	}
	return &Lesson{
		Name:    "coffee-shop",
		Summary: "the asyncio tutorial's coffee shop",
		About: prose(`The asyncio tutorial's coffee shop. Customers arrive every 1-3 s and queue an
order; two baristas take orders and, in async mode, start a brew task for each and
go straight back to the queue, so one barista keeps several drinks brewing. Each brew
holds one of three espresso machines (a semaphore) for 1-5 s, then the customer's
drink is ready.

Press x to change the brew mode: hands-on (the barista brews each drink: the M/M/c
queue), blocking (time.sleep inside a coroutine: the whole loop freezes) and
executor (asyncio.to_thread: the brew runs in a worker thread).`),
		Python: python("coffee-shop"),
		Watch: prose(`In async mode the baristas are idle almost all the time: taking an order costs no
time, and brew-N tasks sleep on the machines. In the Tasks pane, customers wait on
"drink", brew tasks sleep until their coffee is ready. Switch to blocking mode and
watch the header warn that the loop is blocked, the clock of every other task stop,
and the wake events arrive late.`),
	}
}
