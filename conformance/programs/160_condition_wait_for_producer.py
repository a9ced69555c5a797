# Condition.wait_for(predicate) with a producer that notify_all()s after each item: consumers
# whose predicate is false go back to waiting; the predicate's value is returned.
import asyncio

import vtloop as vt


async def consumer(name, cond, stock, need):
    async with cond:
        got = await cond.wait_for(lambda: len(stock) >= need and stock[:need])
        del stock[:need]
        vt.say(name, f"took {got}")


async def producer(cond, stock):
    for i in range(5):
        await asyncio.sleep(0.5)
        async with cond:
            stock.append(f"bean{i}")
            vt.say("producer", f"stock={len(stock)}")
            cond.notify_all()


async def main():
    cond = asyncio.Condition()
    stock = []
    cs = [asyncio.create_task(consumer(n, cond, stock, need)) for n, need in (("big", 3), ("small", 1))]
    await asyncio.gather(producer(cond, stock), *cs)
    vt.say("main", f"left {stock}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
