# asyncio.run's ending when pending tasks resist: one catches the cancel and sleeps again, one
# uncancel()s and keeps working through two more rounds, one catches it and waits for the first;
# asyncio.run waits for all of them. Distinct waits avoid the set order of the cancel. API, 3.
import asyncio

import vtloop as vt


async def stubborn(name, pause, other=None):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        await asyncio.sleep(pause)
        vt.say(name, "caught the cancel")
    if other is not None:
        vt.say(name, f"{other.get_name()} -> {await other}")
        return
    await asyncio.sleep(1)
    vt.say(name, "done anyway")
    return "cup"


async def worker():
    rounds = 0
    while rounds < 3:
        try:
            await asyncio.sleep(0.7)
        except asyncio.CancelledError:
            vt.say("worker", f"cancelled at round {rounds}, uncancel -> {asyncio.current_task().uncancel()}")
            continue
        rounds += 1
        vt.say("worker", f"round {rounds}, cancelling={asyncio.current_task().cancelling()}")


async def main():
    s = asyncio.create_task(stubborn("stubborn", 0.1), name="stubborn")
    asyncio.create_task(worker(), name="worker")
    asyncio.create_task(stubborn("follower", 0.2, s), name="follower")
    await asyncio.sleep(1)
    vt.say("main", "returning")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
vt.say("after", "asyncio.run returned")
