# Waiters with wait_for(event.wait(), timeout) whose deadlines fall on the instant the event is set:
# round 1 sets it from call_later(0.2) against timeouts 0.1, 0.2 and 0.1 + 0.1; round 2 sets it
# from a task after sleep(0.1 + 0.2) against timeouts 0.3 and 0.1 + 0.2.
import asyncio

import vtloop as vt


async def waiter(name, ev, timeout):
    try:
        await asyncio.wait_for(ev.wait(), timeout)
        vt.say(name, f"saw the event (timeout {timeout})")
    except TimeoutError:
        vt.say(name, f"timed out (timeout {timeout})")


async def setter(ev, secs):
    await asyncio.sleep(secs)
    ev.set()
    vt.say("setter", "set")


async def main():
    ev1 = asyncio.Event()
    asyncio.get_running_loop().call_later(0.2, ev1.set)
    await asyncio.gather(waiter("a", ev1, 0.1), waiter("b", ev1, 0.2), waiter("c", ev1, 0.1 + 0.1))
    ev2 = asyncio.Event()
    await asyncio.gather(waiter("d", ev2, 0.3), setter(ev2, 0.1 + 0.2), waiter("e", ev2, 0.1 + 0.2),
                         waiter("f", ev2, 0.3))
    vt.say("main", f"t={vt.now()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
