# gather: hello(1), world() and hello(3) run concurrently; world() sleeps.
import asyncio

from say import run, say  # say(text) prints the loop time, the task's name and text


async def hello(n):
    say(f"{n} Hello")


async def world():
    await asyncio.sleep(3)
    say("world!")


async def main():
    # gather(hello(1), world(), hello(3)), with the tasks named.
    await asyncio.gather(
        asyncio.create_task(hello(1), name="hello-1"),
        asyncio.create_task(world(), name="world"),
        asyncio.create_task(hello(3), name="hello-3"),
    )


run(main)
