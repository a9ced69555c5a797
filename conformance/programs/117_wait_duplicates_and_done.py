# asyncio.wait makes a set of what it is given: wait([t, t]) counts t once. wait on futures that
# are already done still suspends: their callbacks come through call_soon, so the caller resumes
# an iteration later, after handles already queued. Class 5, API.
import asyncio

import vtloop as vt


async def brew(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(brew(1), name="t")
    done, pending = await asyncio.wait([t, t])
    vt.say("main", f"wait([t, t]): done={len(done)} pending={len(pending)}")
    u = asyncio.create_task(brew(2), name="u")
    done, pending = await asyncio.wait([t, u, t], return_when=asyncio.FIRST_COMPLETED)
    vt.say("main", f"FIRST_COMPLETED with t done: done={len(done)} pending={len(pending)}")
    loop.call_soon(vt.say, "soon", "queued before the wait")
    done, pending = await asyncio.wait([u, u, u], timeout=5)
    vt.say("main", f"wait([u, u, u]): done={len(done)} pending={len(pending)}")
    f = loop.create_future()
    f.set_result("ready")
    loop.call_soon(vt.say, "soon", "queued before the wait")
    done, _ = await asyncio.wait([f], return_when=asyncio.FIRST_EXCEPTION)
    vt.say("main", f"wait on a done future: done={len(done)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
