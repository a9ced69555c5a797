# Event.set() then clear() in the same step: the waiters were woken already and return True
# although is_set() is False when they run; a later waiter blocks until the next set().
import asyncio

import vtloop as vt


async def waiter(name, ev):
    ok = await ev.wait()
    vt.say(name, f"woke ok={ok} is_set={ev.is_set()}")


async def main():
    ev = asyncio.Event()
    ws = [asyncio.create_task(waiter(f"w{i}", ev)) for i in range(2)]
    await asyncio.sleep(1)
    ev.set()
    ev.clear()
    vt.say("main", "set and cleared")
    late = asyncio.create_task(waiter("late", ev))
    await asyncio.sleep(1)
    vt.say("main", f"late done={late.done()}")
    ev.set()
    ev.set()
    await asyncio.gather(*ws, late)
    vt.say("main", f"wait on a set event: {await ev.wait()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
