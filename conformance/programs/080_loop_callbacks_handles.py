# Loop callbacks: call_soon (FIFO), call_later and call_at (timer heap), Handle.cancel() before
# it runs, cancelled() and TimerHandle.when(); a callback scheduling another one.
import asyncio

import vtloop as vt


def chain(loop, n):
    vt.say("chain", f"link {n}")
    if n < 3:
        loop.call_soon(chain, loop, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    h1 = loop.call_soon(vt.say, "soon", "one")
    h2 = loop.call_soon(vt.say, "soon", "two")
    loop.call_soon(chain, loop, 1)
    h2.cancel()
    t1 = loop.call_later(1.5, vt.say, "later", "1.5 s")
    t2 = loop.call_at(1.0, vt.say, "at", "1.0")
    t3 = loop.call_later(1.2, vt.say, "later", "never")
    t3.cancel()
    vt.say("main", f"h1 cancelled={h1.cancelled()} h2 cancelled={h2.cancelled()}")
    vt.say("main", f"when: {t1.when()} {t2.when()} {t3.when()}")
    await asyncio.sleep(2)
    t1.cancel()
    vt.say("main", f"cancelling a fired timer: cancelled={t1.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
