# Coffee shop, executor mode: brews run on 2 worker threads (run_in_executor) while the loop goes
# on serving; a customer who gives up cancels its brew, which is skipped if still queued.
import asyncio

import vtloop as vt


async def customer(name, pool, seconds, patience):
    loop = asyncio.get_running_loop()
    vt.say(name, "orders")
    brew = loop.run_in_executor(pool, vt.job(seconds, f"{name}'s flat white"))
    try:
        vt.say(name, f"got {await asyncio.wait_for(brew, patience)}")
    except TimeoutError:
        vt.say(name, "gives up")


async def ticker():
    for _ in range(4):
        await asyncio.sleep(1)
        vt.say("till", "still serving")


async def main():
    pool = vt.Executor(2)
    await asyncio.gather(ticker(), customer("ann", pool, 2, 5), customer("bob", pool, 3, 5),
                         customer("cy", pool, 1, 1.5), customer("dee", pool, 1, 5))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
