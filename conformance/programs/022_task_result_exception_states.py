# Task results: result() and exception() of a pending, finished, failed and cancelled task, and
# InvalidStateError for asking too early. Exceptions are shown by type name and message.
import asyncio

import vtloop as vt


async def ok():
    await asyncio.sleep(1)
    return 42


async def bad():
    await asyncio.sleep(1)
    raise ValueError("milk ran out")


async def main():
    t_ok = asyncio.create_task(ok())
    t_bad = asyncio.create_task(bad())
    t_slow = asyncio.create_task(asyncio.sleep(9))
    try:
        t_ok.result()
    except asyncio.InvalidStateError as e:
        vt.say("main", f"result() too early: {vt.err(e)}")
    await asyncio.sleep(2)
    t_slow.cancel()
    await asyncio.sleep(0)
    vt.say("main", f"ok: done={t_ok.done()} result={t_ok.result()} exception={t_ok.exception()}")
    vt.say("main", f"bad: done={t_bad.done()} exception={vt.err(t_bad.exception())}")
    try:
        t_bad.result()
    except ValueError as e:
        vt.say("main", f"bad.result() raised {vt.err(e)}")
    vt.say("main", f"slow: cancelled={t_slow.cancelled()}")
    try:
        t_slow.exception()
    except asyncio.CancelledError as e:
        vt.say("main", f"slow.exception() raised {vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
