# Coffee shop, blocking mode (the classic mistake): the barista brews with time.sleep, so the
# whole loop freezes; the arrival timer and the customer's patience timer fire late.
import asyncio

import vtloop as vt


async def customer(name, drink, patience):
    try:
        await asyncio.wait_for(asyncio.shield(drink), patience)
        vt.say(name, "got the drink")
    except TimeoutError:
        vt.say(name, "left, too slow")


async def barista(drinks):
    for name, drink in drinks:
        vt.say("barista", f"brewing for {name} with time.sleep(2)")
        vt.block(2)
        drink.set_result(name)
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    drinks = [(n, loop.create_future()) for n in ("ann", "bob", "cy")]
    waits = [asyncio.create_task(customer(n, d, p)) for (n, d), p in zip(drinks, (3, 3, 3))]
    loop.call_later(1, vt.say, "door", "bell rings (due at 1 s)")
    await asyncio.sleep(0.5)
    await barista(drinks)
    await asyncio.gather(*waits)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
