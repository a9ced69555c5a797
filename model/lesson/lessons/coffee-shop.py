# coffee-shop: customers every 1-3 s, two baristas, brews of 1-5 s on three machines.
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
