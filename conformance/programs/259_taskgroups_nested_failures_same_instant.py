# An inner TaskGroup whose body raises at 1 s while, at the same instant, a sibling in the outer
# group fails: the outer ExceptionGroup holds the sibling's error and the inner group's own
# ExceptionGroup (body error first); a grandchild cleaning up is waited for. Class 10.
import asyncio

import vtloop as vt


def show(e):
    if isinstance(e, BaseExceptionGroup):
        return vt.err(e) + " [" + ", ".join(show(x) for x in e.exceptions) + "]"
    return vt.err(e)


async def grandchild():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        await asyncio.sleep(0.5)
        vt.say("grandchild", "cleaned up")
        raise


async def inner_worker():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(grandchild(), name="grandchild")
        await asyncio.sleep(1)
        raise ValueError("inner body")


async def sibling():
    await asyncio.sleep(1)
    raise OSError("sibling")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_worker(), name="inner")
            tg.create_task(sibling(), name="sibling")
    except ExceptionGroup as eg:
        vt.say("main", show(eg))


asyncio.run(main(), loop_factory=vt.VirtualLoop)
