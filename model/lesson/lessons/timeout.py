# timeout: wait_for gives up on a slow brew: the brew is cancelled, the customer leaves.
import asyncio

from say import run, say  # say(text) prints the loop time, the task's name and text


async def brew():
    say("brewing a slow coffee (5 s)")
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        say("brew cancelled")
        raise
    say("coffee ready")


async def customer():
    say("I'll wait 2 s for my coffee")
    try:
        await asyncio.wait_for(brew(), timeout=2)
    except TimeoutError:
        say("waited 2 s: leaving without coffee")
    else:
        say("got my coffee")


async def main():
    await asyncio.create_task(customer(), name="customer")


run(main)
