# A Condition handshake: ping and pong take turns through a shared "turn" variable with
# wait_for(predicate) and notify(); then main wakes three waiters with notify_all while a fourth
# task takes the lock in the same step.
import asyncio

import vtloop as vt

turn = "ping"


async def player(me, other, cond):
    global turn
    for i in range(3):
        async with cond:
            await cond.wait_for(lambda: turn == me)
            vt.say(me, f"hit {i}")
            turn = other
            cond.notify()


async def waiter(name, cond):
    async with cond:
        await cond.wait()
        vt.say(name, "woken")
        await asyncio.sleep(0.1)
        vt.say(name, "leaves the lock")


async def main():
    cond = asyncio.Condition()
    await asyncio.gather(player("ping", "pong", cond), player("pong", "ping", cond))
    ws = [asyncio.create_task(waiter(f"w{i}", cond)) for i in range(3)]
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify_all()
        vt.say("main", f"notified all, locked={cond.locked()}")
    async with cond:
        vt.say("main", "got the lock back")
    await asyncio.gather(*ws)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
