# Nested deadlines: wait_for(wait_for(x, inner), outer). The one that expires raises
# TimeoutError from its own level; the other passes the error through. When both expire in
# the same iteration, the task gets two cancel requests: the inner level sees one still
# pending and lets CancelledError through, the outer turns it into TimeoutError. Classes 6, 2.
import asyncio

import vtloop as vt


async def work(seconds):
    await asyncio.sleep(seconds)
    return "finished"


async def nested(label, inner, outer):
    me = asyncio.current_task()

    async def inner_level():
        try:
            return await asyncio.wait_for(work(5), inner)
        except BaseException as e:
            vt.say(label, f"inner level raises {vt.err(e)}, cancelling()={me.cancelling()}")
            raise

    try:
        await asyncio.wait_for(inner_level(), outer)
    except TimeoutError:
        vt.say(label, f"outer level: TimeoutError, cancelling()={me.cancelling()}")


async def main():
    await nested("outer-first", 2, 1)
    await nested("inner-first", 1, 2)
    await nested("same-instant", 1, 1)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
