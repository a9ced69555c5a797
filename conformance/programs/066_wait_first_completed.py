# wait(FIRST_COMPLETED): returns (done, pending) sets as soon as one finishes; two finishing in
# the same iteration are both done. Sets are printed sorted by task name (set order is identity).
import asyncio

import vtloop as vt


def names(tasks):
    return ",".join(sorted(t.get_name() for t in tasks)) or "-"


async def job(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    tasks = [asyncio.create_task(job(s), name=f"j{s}") for s in (3, 1, 2, 1)]
    tasks[3].set_name("j1b")
    pending = set(tasks)
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        vt.say("main", f"done={names(done)} pending={names(pending)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
