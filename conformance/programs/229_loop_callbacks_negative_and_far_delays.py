# Loop callbacks with odd delays, as a learner tries them: call_later(-0.5) and call_at in the past
# are due before a call_later(0) scheduled first (the heap orders by deadline, no clamping to
# now); a timer 1e10 s away never fires; wait_for(sleep(1e300), 0.1) times out; wait(timeout=
# 0.1 + 0.2) is due after a sleep(0.3) started after it, wait(timeout=0.3) ties and comes first.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    far = loop.call_later(1e10, vt.say, "far", "fired")
    for timeout in (0.3, 0.1 + 0.2):
        w = asyncio.create_task(asyncio.sleep(0.3))
        done, pending = await asyncio.wait([w], timeout=timeout)
        vt.say("main", f"wait(timeout={timeout}) on a sleep(0.3): done={len(done)} pending={len(pending)}")
        await w
    await asyncio.sleep(1)
    loop.call_later(0, vt.say, "cb", "call_later(0)")
    loop.call_later(-0.5, vt.say, "cb", "call_later(-0.5)")
    loop.call_at(loop.time() - 2, vt.say, "cb", "call_at(now - 2)")
    loop.call_later(-0.25, vt.say, "cb", "call_later(-0.25)")
    loop.call_soon(vt.say, "cb", "call_soon")
    await asyncio.sleep(0)
    vt.say("main", "after one yield")
    for delay in (0.1, -1e-12, 0):
        loop.call_later(delay, vt.say, "cb2", f"call_later({delay})")
    loop.call_at(loop.time(), vt.say, "cb2", "call_at(now)")
    await asyncio.sleep(0.1)
    try:
        await asyncio.wait_for(asyncio.sleep(1e300), 0.1)
    except TimeoutError:
        vt.say("main", f"sleep(1e300) timed out, far cancelled={far.cancelled()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
