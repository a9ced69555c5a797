# wait(timeout=1) on a task that ends at 1: which timer comes out of the heap first decides it.
# When the wait's timer is pushed first, the task is still pending when the caller resumes; when
# the task's sleep timer is pushed first, its step runs before the caller's and it is done.
# Classes 1, 6, API.
import asyncio

import vtloop as vt


async def brew(name, seconds):
    await asyncio.sleep(seconds)
    vt.say(name, "done")


async def main():
    late = asyncio.create_task(brew("late", 1), name="late")
    done, pending = await asyncio.wait([late], timeout=1)
    vt.say("main", f"wait timer first: done={len(done)} pending={len(pending)}")
    await late
    early = asyncio.create_task(brew("early", 1), name="early")
    await asyncio.sleep(0)
    done, pending = await asyncio.wait([early], timeout=1)
    vt.say("main", f"sleep timer first: done={len(done)} pending={len(pending)}")
    a = asyncio.create_task(brew("a", 1), name="a")
    b = asyncio.create_task(brew("b", 0.5 + 0.5), name="b")
    await asyncio.sleep(0)
    done, pending = await asyncio.wait([a, b], timeout=0.1 + 0.9, return_when=asyncio.FIRST_COMPLETED)
    vt.say("main", f"FIRST_COMPLETED at 1: done={sorted(t.get_name() for t in done)}")
    await asyncio.gather(a, b)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
