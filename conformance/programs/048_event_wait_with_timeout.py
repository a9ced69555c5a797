# Event with wait_for: a waiter that times out leaves; the others are woken by set() later; a
# waiter whose deadline is the instant of set() loses to the timer scheduled first.
import asyncio

import vtloop as vt


async def guest(name, opened, patience):
    try:
        await asyncio.wait_for(opened.wait(), patience)
        vt.say(name, "went in")
    except TimeoutError:
        vt.say(name, "gave up")


async def main():
    loop = asyncio.get_running_loop()
    opened = asyncio.Event()
    loop.call_later(2, opened.set)
    guests = [guest("ann", opened, 1), guest("bob", opened, 2), guest("cy", opened, 3)]
    await asyncio.gather(*guests)
    vt.say("main", f"is_set={opened.is_set()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
