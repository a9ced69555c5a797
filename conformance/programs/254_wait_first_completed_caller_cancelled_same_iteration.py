# asyncio.wait(FIRST_COMPLETED) whose caller is cancelled by a timer in the iteration a task
# completes: if the completion came first, the waiter future is already set, the cancel becomes
# _must_cancel and the caller still gets CancelledError; the task's result stays there. Class 2, 1.
import asyncio

import vtloop as vt


async def brew(name, d):
    await asyncio.sleep(d)
    return name


async def caller(label, tasks):
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        vt.say(label, f"done {sorted(t.get_name() for t in done)}")
    except asyncio.CancelledError as e:
        vt.say(label, f"{vt.err(e)}; done already: {sorted(t.get_name() for t in tasks if t.done())}")


async def main():
    loop = asyncio.get_running_loop()
    for label, cancel_first in (("completion-first", False), ("cancel-first", True)):
        if cancel_first:
            h = loop.call_later(1, lambda: c.cancel(f"{label} stop"))
        tasks = [asyncio.create_task(brew(f"{label}-{n}", d), name=f"{label}-{n}") for n, d in (("a", 1), ("b", 2))]
        c = asyncio.create_task(caller(label, tasks), name=label)
        await asyncio.sleep(0)
        if not cancel_first:
            h = loop.call_later(1, lambda: c.cancel(f"{label} stop"))
        await c
        vt.say("main", f"{label}: a -> {tasks[0].result()}, handle cancelled={h.cancelled()}")
        tasks[1].cancel()


asyncio.run(main(), loop_factory=vt.VirtualLoop)
