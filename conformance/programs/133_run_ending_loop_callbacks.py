# What runs after main returns when no task is left: the handles queued before main's end, a
# call_later(0) due at that instant, and a call_soon chain that keeps rescheduling itself, for
# as long as asyncio.run keeps the loop going (its shutdown coroutines take four iterations).
# A timer due later never fires. Classes API, 1.
import asyncio

import vtloop as vt


def chain(n):
    vt.say("chain", f"link {n}")
    if n < 10:
        asyncio.get_running_loop().call_soon(chain, n + 1)


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1)
    loop.call_soon(chain, 0)
    loop.call_later(0, vt.say, "later0", "due at once")
    loop.call_later(0.001, vt.say, "later1ms", "never printed")
    vt.say("main", "returns")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
vt.say("after-run", "closed")
