# wait(FIRST_EXCEPTION) returns at the first failure (or when all are done); wait(timeout=)
# returns what is done by then and cancels nothing.
import asyncio

import vtloop as vt


def names(tasks):
    return ",".join(sorted(t.get_name() for t in tasks)) or "-"


async def job(seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise OSError("boiler tripped")
    return seconds


async def main():
    tasks = [asyncio.create_task(job(1), name="a"), asyncio.create_task(job(2, True), name="b"),
             asyncio.create_task(job(4), name="c")]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    vt.say("main", f"FIRST_EXCEPTION done={names(done)} pending={names(pending)}")
    vt.say("main", f"b: {vt.err(tasks[1].exception())}")
    done, pending = await asyncio.wait(pending, timeout=1)
    vt.say("main", f"timeout=1 done={names(done)} pending={names(pending)}")
    done, pending = await asyncio.wait(tasks, timeout=5, return_when=asyncio.ALL_COMPLETED)
    vt.say("main", f"ALL_COMPLETED done={names(done)} pending={names(pending)}")
    ok = [asyncio.create_task(job(1), name="d"), asyncio.create_task(job(2), name="e")]
    done, pending = await asyncio.wait(ok, return_when=asyncio.FIRST_EXCEPTION)
    vt.say("main", f"no failure: done={names(done)} pending={names(pending)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
