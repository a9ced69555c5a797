# Coffee shop, async mode: two baristas take orders from a Queue and start a brew task per drink;
# brews share two machines (Semaphore); customers await their drink (a future) with patience.
import asyncio

import vtloop as vt

ORDERS = [("ann", 3, 10), ("bob", 2, 10), ("cy", 4, 3), ("dee", 1, 10), ("eve", 2, 2.5)]


async def brew(name, seconds, machines, drink):
    async with machines:
        vt.say("brew", f"{name}'s drink on a machine")
        await asyncio.sleep(seconds)
    if not drink.done():
        drink.set_result(f"drink for {name}")


async def barista(me, orders, machines, brews):
    while True:
        name, seconds, drink = await orders.get()
        await asyncio.sleep(0.5)
        vt.say(me, f"took {name}'s order")
        brews.append(asyncio.create_task(brew(name, seconds, machines, drink)))


async def customer(name, seconds, patience, orders):
    drink = asyncio.get_running_loop().create_future()
    await orders.put((name, seconds, drink))
    try:
        vt.say(name, f"got {await asyncio.wait_for(drink, patience)}")
    except TimeoutError:
        vt.say(name, "ran out of patience")


async def main():
    orders, machines, brews = asyncio.Queue(), asyncio.Semaphore(2), []
    staff = [asyncio.create_task(barista(f"barista{i}", orders, machines, brews)) for i in (1, 2)]
    await asyncio.gather(*(customer(n, s, p, orders) for n, s, p in ORDERS))
    await asyncio.gather(*brews)
    vt.say("main", "closing")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
