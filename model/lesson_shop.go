package model

// coffeeShopPython is docs/lessons/coffee-shop.py: the asyncio program the default
// shop corresponds to.
const coffeeShopPython = `# coffee-shop: customers every 1-3 s, two baristas, brews of 1-5 s on three machines.
import asyncio
import random

from say import run, say  # say(text) prints the loop time, the task's name and text

CUSTOMERS = 4
random.seed(42)


def seconds(s):
    return f"{s:.1f}".removesuffix(".0")


async def brew(order, brew_time, machines, ready):
    async with machines:
        await asyncio.sleep(brew_time)
        say(f"Order {order}: Coffee is ready!")
    ready.set()


async def barista(orders, machines):
    while True:
        order, brew_time, ready = await orders.get()
        say(f"Order {order}: Brewing coffee... (takes {seconds(brew_time)} seconds)")
        asyncio.create_task(brew(order, brew_time, machines, ready), name=f"brew-{order}")


async def customer(order, brew_time, orders):
    say(f"Order {order}: Customer arrived!")
    ready = asyncio.Event()
    await orders.put((order, brew_time, ready))
    await ready.wait()


async def main():
    orders, machines = asyncio.Queue(), asyncio.Semaphore(3)
    baristas = [asyncio.create_task(barista(orders, machines), name=f"barista-{i}") for i in (1, 2)]
    customers = []
    for order in range(1, CUSTOMERS + 1):
        await asyncio.sleep(random.uniform(1, 3))
        brew_time = random.uniform(1, 5)
        customers.append(asyncio.create_task(customer(order, brew_time, orders), name=f"customer-{order}"))
    await asyncio.gather(*customers)
    for b in baristas:
        b.cancel()


run(main)
`

// PanelFor returns what the TUI's lesson panel shows for a scenario: its lesson,
// or for the coffee-shop scenario (a lesson too, but the shop itself rather than a
// scripted program) a description of the shop. It is nil for other shops.
func PanelFor(scenario string) *Lesson {
	if l, ok := LookupLesson(scenario); ok {
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
		Python: coffeeShopPython,
		Watch: prose(`In async mode the baristas are idle almost all the time: taking an order costs no
time, and brew-N tasks sleep on the machines. In the Tasks pane, customers wait on
"drink", brew tasks sleep until their coffee is ready. Switch to blocking mode and
watch the header warn that the loop is blocked, the clock of every other task stop,
and the wake events arrive late.`),
	}
}
