# Futures completed by call_soon callbacks: a chain of callbacks each setting the next future,
# a waiter cancelled while the callback that would set its future is already queued (the
# callback checks cancelled()), and call_soon(fut.set_result) racing a task's wake-up. Class 5, 2.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    f1, f2, f3 = (loop.create_future() for _ in range(3))

    def link(src, dst, label):
        def cb(f):
            vt.say("cb", f"{label} sees {f.result()}")
            loop.call_soon(dst.set_result, f.result() + 1)
        src.add_done_callback(cb)

    link(f1, f2, "f1")
    link(f2, f3, "f2")

    async def waiter(name, f):
        vt.say(name, f"got {await f}")

    ws = [asyncio.create_task(waiter(f"w{i}", f), name=f"w{i}") for i, f in enumerate((f3, f2, f1), 1)]
    await asyncio.sleep(0)
    loop.call_soon(f1.set_result, 10)
    await asyncio.gather(*ws)
    g = loop.create_future()
    t = asyncio.create_task(waiter("victim", g), name="victim")
    await asyncio.sleep(0)
    loop.call_soon(lambda: vt.say("cb", "skip" if g.cancelled() else g.set_result(1)))
    t.cancel()
    r = await asyncio.gather(t, return_exceptions=True)
    vt.say("main", f"victim -> {vt.err(r[0])}, g cancelled={g.cancelled()}")
    h = loop.create_future()
    loop.call_soon(h.set_result, "soon")
    vt.say("main", f"h -> {await h}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
