# A task cancelled before it ever ran never executes its body; its done-callbacks still run and
# its awaiter gets CancelledError. cancel() on a done task returns False.
import asyncio

import vtloop as vt


async def never():
    vt.say("never", "body ran")


async def main():
    t = asyncio.create_task(never())
    t.add_done_callback(lambda f: vt.say("callback", f"cancelled={f.cancelled()}"))
    vt.say("main", f"cancel -> {t.cancel()}")
    try:
        await t
    except asyncio.CancelledError:
        vt.say("main", "await -> CancelledError")
    vt.say("main", f"cancel again -> {t.cancel()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
