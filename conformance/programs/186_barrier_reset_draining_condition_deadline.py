# Class 8, 9, 6: Barrier.reset() as four parties arrive (the one waiting raises); Condition.wait_for
# already true; wait_for(cond.wait(), 1) against a notifier task made by a timer at the deadline.
import asyncio

import vtloop as vt


async def party(name, b, delay):
    await asyncio.sleep(delay)
    try:
        vt.say(name, f"index {await b.wait()}")
    except asyncio.BrokenBarrierError as e:
        vt.say(name, vt.err(e))


async def cwaiter(name, cond, patience):
    async with cond:
        try:
            await asyncio.wait_for(cond.wait(), patience)
            vt.say(name, "notified")
        except TimeoutError:
            vt.say(name, f"timed out locked={cond.locked()}")


async def main():
    b = asyncio.Barrier(2)
    ps = [asyncio.create_task(party(f"p{i}", b, d)) for i, d in enumerate([0, 1, 1, 1, 1])]
    await asyncio.sleep(1)
    await b.reset()
    vt.say("main", f"reset n_waiting={b.n_waiting}")
    await asyncio.gather(*ps)
    vt.say("main", f"after n_waiting={b.n_waiting}")
    cond = asyncio.Condition()
    async with cond:
        vt.say("main", f"wait_for true -> {await cond.wait_for(lambda: 42)}")
    cs = [asyncio.create_task(cwaiter(f"c{i}", cond, 1)) for i in range(3)]
    async def notifier():
        async with cond:
            cond.notify(2)
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_later(1, lambda: asyncio.ensure_future(notifier()))
    await asyncio.gather(*cs)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
