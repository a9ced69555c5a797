# Hedged requests: start a request; if it is not done within 0.2 (asyncio.wait with timeout),
# start a second; take the first completed (FIRST_COMPLETED) and cancel the other, whose finally
# prints. In the second round both finish at the same instant.
import asyncio

import vtloop as vt


async def request(name, secs):
    try:
        await asyncio.sleep(secs)
        return name
    finally:
        if asyncio.current_task().cancelled() or asyncio.current_task().cancelling():
            vt.say(name, "cancelled")


async def hedged(label, first_secs, second_secs):
    a = asyncio.create_task(request(f"{label}-a", first_secs), name=f"{label}-a")
    done, _ = await asyncio.wait([a], timeout=0.2)
    if done:
        return a.result()
    b = asyncio.create_task(request(f"{label}-b", second_secs), name=f"{label}-b")
    vt.say(label, "hedging")
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    for t in pending:
        t.cancel()
    winners = sorted(t.get_name() for t in done)
    vt.say(label, f"done={winners} pending={sorted(t.get_name() for t in pending)}")
    return a.result() if a in done else b.result()


async def main():
    vt.say("main", f"got {await hedged('r1', 0.1, 1)}")
    vt.say("main", f"got {await hedged('r2', 0.5, 0.2)}")
    vt.say("main", f"got {await hedged('r3', 0.4, 0.2)}")
    await asyncio.sleep(0)
    vt.say("main", f"t={vt.now()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
