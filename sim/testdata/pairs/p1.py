import asyncio, sys
sys.path.insert(0, '/tmp/vt')
from vt import VTLoop, say
async def main():
    async def a():
        for _ in range(3): await asyncio.sleep(0.1)
        say("a", "three 0.1")
    async def b():
        await asyncio.sleep(0.3); say("b", "one 0.3")
    async def c():
        await asyncio.sleep(0.2); await asyncio.sleep(0.1); say("c", "0.2+0.1")
    await asyncio.gather(asyncio.create_task(a()), asyncio.create_task(b()), asyncio.create_task(c()))
    # shared future with two waiters, one cancelled
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    async def w(n):
        try:
            await f; say(n, "got")
        except asyncio.CancelledError:
            say(n, "cancelled")
    t1 = asyncio.create_task(w("w1")); t2 = asyncio.create_task(w("w2"))
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    say("main", f"f cancelled {f.cancelled()}")
    await asyncio.sleep(1)
    # self cancel then await done future
    async def selfc():
        asyncio.current_task().cancel()
        g = loop.create_future(); g.set_result(1)
        await g
        say("selfc", "after done future")
        try:
            await asyncio.sleep(0.5)
        except asyncio.CancelledError:
            say("selfc", "cancelled at sleep")
            return 7
    t = asyncio.create_task(selfc())
    r = await t
    say("main", f"selfc returned {r}")
asyncio.run(main(), loop_factory=VTLoop)
