# cancelling() counts cancel requests; uncancel() takes one back. A task that swallows one
# cancellation of two keeps running until it uncancels both, then can sleep again normally.
import asyncio

import vtloop as vt


async def stubborn():
    me = asyncio.current_task()
    for round_ in range(3):
        try:
            await asyncio.sleep(2)
            vt.say("stubborn", f"round {round_} slept, cancelling()={me.cancelling()}")
        except asyncio.CancelledError as e:
            vt.say("stubborn", f"round {round_} {vt.err(e)}, cancelling()={me.cancelling()}")
            left = me.uncancel()
            vt.say("stubborn", f"uncancel() -> {left}")
    return "survived"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    vt.say("main", f"cancel -> {t.cancel('one')}")
    vt.say("main", f"cancel -> {t.cancel('two')}")
    vt.say("main", f"cancelling()={t.cancelling()}")
    vt.say("main", f"result {await t}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
