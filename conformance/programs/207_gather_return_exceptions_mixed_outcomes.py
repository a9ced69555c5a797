# gather(return_exceptions=True) at one instant: a result, a failure, a task cancelled with a
# message, one that catches its cancel and returns, a coroutine failing before its first await.
import asyncio

import vtloop as vt


async def ok(secs):
    await asyncio.sleep(secs)
    return f"ok@{secs}"


async def fail(secs):
    await asyncio.sleep(secs)
    raise ValueError(f"fail@{secs}")


async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        return "stubborn kept going"


async def instant_fail():
    raise LookupError("no await")


async def canceller(victims):
    await asyncio.sleep(0.2)
    victims[0].cancel("too slow")
    victims[1].cancel()
    vt.say("canceller", "cancelled two")


async def main():
    slow = asyncio.create_task(ok(1), name="slow")
    stub = asyncio.create_task(stubborn(), name="stub")
    c = asyncio.create_task(canceller([slow, stub]))
    res = await asyncio.gather(ok(0.2), fail(0.2), slow, stub, instant_fail(), c, return_exceptions=True)
    for r in res:
        vt.say("main", vt.err(r) if isinstance(r, BaseException) else repr(r))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
