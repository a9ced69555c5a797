# Class 10: a failure in an inner TaskGroup cancels the inner siblings, leaves the inner group as
# an ExceptionGroup, which fails its task in the outer group, which then cancels the outer ones.
import asyncio

import vtloop as vt


async def step(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        vt.say(name, "cancelled")
        raise
    if fail:
        raise ValueError(f"{name} failed")
    vt.say(name, "finished")


async def inner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(step("inner-ok", 0.5))
        tg.create_task(step("inner-bad", 1, fail=True))
        tg.create_task(step("inner-slow", 4))


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner())
            tg.create_task(step("outer-slow", 5))
    except ExceptionGroup as eg:
        nested = eg.exceptions[0]
        vt.say("main", f"{vt.err(eg)} -> {vt.err(nested)} -> {vt.err(nested.exceptions[0])}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
