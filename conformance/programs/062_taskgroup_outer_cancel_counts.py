# Class 10: cancel-request counting. The task running the group is cancelled from outside at the
# instant a child fails. The group still raises the ExceptionGroup (errors win over the outer
# cancel), and the outer cancel request stays counted: cancelling() is 1 afterwards.
import asyncio

import vtloop as vt


async def child(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        vt.say(name, "fails")
        raise ValueError(name)
    vt.say(name, "finished")


async def host():
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("c1", 1))
            tg.create_task(child("c2", 2, fail=True))
            tg.create_task(child("c3", 3))
            await asyncio.sleep(10)
    except BaseException as e:
        vt.say("host", f"group raised {vt.err(e)}, cancelling()={me.cancelling()}")
        raise


async def main():
    t = asyncio.create_task(host())
    await asyncio.sleep(2)
    t.cancel()
    vt.say("main", f"cancelled host, cancelling()={t.cancelling()}")
    try:
        await t
    except asyncio.CancelledError:
        vt.say("main", f"host cancelled={t.cancelled()}")
    except ExceptionGroup as eg:
        vt.say("main", f"host raised {vt.err(eg)}: {vt.err(eg.exceptions[0])}")
        vt.say("main", f"host cancelled={t.cancelled()} cancelling()={t.cancelling()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
