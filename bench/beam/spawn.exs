# beam-flags: +P 4000000
# spawn on the BEAM: 1M processes (--size for the scaling curve), each tells the parent it is about
# to wait, then waits in receive for {:go, its index}; three figures as the Java twins:
#   spawn time until all wait; finish time from the first :go until all ended; memory per idle
#   process: :erlang.memory(:total) with all waiting minus before, over N (everything the BEAM
#   allocated for them: process control block, heap and stack, plus 8 bytes each of the tuple of
#   pids the benchmark holds, as the Java twins hold an array of handles).
Code.require_file("beam_bench.exs", __DIR__)

defmodule SpawnWait do
  def member(index, parent) do
    send(parent, :waiting)

    receive do
      message ->
        BeamBench.check!(message == {:go, index}, fn -> "spawn: process #{index} received #{inspect(message)}" end)
        send(parent, :ended)
    end
  end

  def spawn_all(n, parent), do: spawn_all(0, n, parent, [])
  defp spawn_all(n, n, _parent, acc), do: acc |> :lists.reverse() |> List.to_tuple()
  defp spawn_all(i, n, parent, acc), do: spawn_all(i + 1, n, parent, [spawn(fn -> member(i, parent) end) | acc])
end

BeamBench.run("spawn", fn opts ->
  n = BeamBench.sized(1_000_000, opts)
  parent = self()
  before = BeamBench.memory()
  start = BeamBench.now()
  pids = SpawnWait.spawn_all(n, parent)
  BeamBench.await_count(n, :waiting)
  spawned = BeamBench.now() - start
  idle = BeamBench.memory()
  start = BeamBench.now()
  for i <- 0..(n - 1), do: send(elem(pids, i), {:go, i})
  BeamBench.await_count(n, :ended)
  finished = BeamBench.now() - start
  count = BeamBench.label(n)

  [
    BeamBench.millis("spawn #{count}, until all wait in receive (ms)", spawned),
    BeamBench.millis("spawn #{count}: send each its message, until all ended (ms)", finished),
    BeamBench.bytes("heap per idle process (bytes)", (idle - before) / n)
  ]
end)
