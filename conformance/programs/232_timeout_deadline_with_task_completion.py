# timeout(1) around work that ends at 1 s, the same iteration as the deadline: a task created
# before the block (its timer first), one created inside it (the deadline's timer first), and a
# shielded task, which finishes anyway. Classes 6, 1, 2.
import asyncio

import vtloop as vt


async def brew(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise
    vt.say(name, "done")
    return name


async def attempt(label, make_before, shield=False):
    task = asyncio.create_task(brew(label), name=label) if make_before else None
    await asyncio.sleep(0)
    try:
        async with asyncio.timeout(1):
            if task is None:
                task = asyncio.create_task(brew(label), name=label)
            r = await (asyncio.shield(task) if shield else task)
            vt.say(label, f"got {r}")
    except TimeoutError:
        vt.say(label, f"TimeoutError, task done={task.done()}")
    await asyncio.sleep(0)
    vt.say(label, f"after: cancelled={task.cancelled()}")


async def main():
    await attempt("before", True)
    await attempt("inside", False)
    await attempt("shielded", True, shield=True)
    await attempt("shielded-in", False, shield=True)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
