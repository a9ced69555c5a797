# gather(return_exceptions=True) whose caller is cancelled with a message: the children are
# cancelled, and the gather raises CancelledError (not a list) once all have ended, built from
# its last child: that child's own error (with the message) if it ended cancelled; if it caught
# it and returned, a new one with the task's message, which it has none of (the cancel went to
# the sleep it awaited, not to _must_cancel). Classes 2, 3.
import asyncio

import vtloop as vt


async def child(name, catch):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        vt.say(name, f"caught {vt.err(e)}")
        if not catch:
            raise
        await asyncio.sleep(0.5)
        return f"{name} kept going"


async def caller(label, last_catches):
    a = asyncio.create_task(child(f"{label}-a", True), name=f"{label}-a")
    b = asyncio.create_task(child(f"{label}-b", last_catches), name=f"{label}-b")
    try:
        await asyncio.gather(a, b, return_exceptions=True)
    except asyncio.CancelledError as e:
        vt.say(label, f"gather raised {vt.err(e)}; a -> {a.result()}")
        raise


async def main():
    for label, last_catches in (("ends", False), ("catches", True)):
        c = asyncio.create_task(caller(label, last_catches), name=label)
        await asyncio.sleep(1)
        c.cancel(f"{label} cancelled")
        await asyncio.gather(c, return_exceptions=True)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
