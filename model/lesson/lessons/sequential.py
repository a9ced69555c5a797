# sequential: the same coroutines awaited in turn: hello(3) waits for world().
import asyncio

from say import run, say  # say(text) prints the loop time, the task's name and text


async def hello(n):
    say(f"{n} Hello")


async def world():
    await asyncio.sleep(3)
    say("world!")


async def main():
    await hello(1)
    await world()
    await hello(3)


run(main)
