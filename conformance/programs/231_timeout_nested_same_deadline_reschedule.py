# Nested asyncio.timeout blocks: the inner one expires and is caught (cancelling() back to 0);
# the outer is rescheduled; then the inner is rescheduled to the outer's exact deadline, both fire
# in one iteration, and only the outer raises TimeoutError. Class 6, API.
import asyncio

import vtloop as vt


async def main():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    async with asyncio.timeout(5) as outer:
        try:
            async with asyncio.timeout(1):
                await asyncio.sleep(3)
        except TimeoutError:
            vt.say("main", f"inner TimeoutError, cancelling={me.cancelling()}")
        outer.reschedule(loop.time() + 1)
        vt.say("main", f"outer when={outer.when()}")
    vt.say("main", f"outer left early, expired={outer.expired()}")
    try:
        async with asyncio.timeout(2) as outer:
            try:
                async with asyncio.timeout(None) as inner:
                    inner.reschedule(outer.when())
                    await asyncio.sleep(5)
            except asyncio.CancelledError:
                vt.say("main", f"inner passed CancelledError on, cancelling={me.cancelling()}, "
                       f"expired={inner.expired()}")
                raise
    except TimeoutError:
        vt.say("main", f"outer TimeoutError, cancelling={me.cancelling()}, expired={outer.expired()}")
    try:
        async with asyncio.timeout(1) as outer:
            async with asyncio.timeout(1) as inner:
                await asyncio.sleep(5)
    except TimeoutError:
        vt.say("main", f"same delay: outer={outer.expired()}, inner={inner.expired()}, "
               f"cancelling={me.cancelling()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
