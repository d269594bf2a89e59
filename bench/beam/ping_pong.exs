# ping_pong on the BEAM: two processes, send and receive, {:ping, n, self()} answered by {:pong, n}.
# Timed from spawning the pinger until both processes have ended, as the Java twins.
Code.require_file("beam_bench.exs", __DIR__)

defmodule PingPong do
  def ponger(parent) do
    receive do
      {:ping, n, from} ->
        send(from, {:pong, n})
        ponger(parent)

      :stop ->
        send(parent, :ended)
    end
  end

  def pinger(ponger, round_trips, parent), do: ping(ponger, 0, round_trips, parent)

  defp ping(ponger, n, n, parent) do
    send(ponger, :stop)
    send(parent, :ended)
  end

  defp ping(ponger, n, round_trips, parent) do
    send(ponger, {:ping, n, self()})

    receive do
      {:pong, m} ->
        BeamBench.check!(m == n, fn -> "ping_pong: pong #{m} answered ping #{n}" end)
        ping(ponger, n + 1, round_trips, parent)
    end
  end
end

BeamBench.run("ping_pong", fn opts ->
  round_trips = BeamBench.sized(1_000_000, opts)
  parent = self()
  ponger = spawn(fn -> PingPong.ponger(parent) end)
  start = BeamBench.now()
  spawn(fn -> PingPong.pinger(ponger, round_trips, parent) end)
  BeamBench.await_count(2, :ended)
  elapsed = BeamBench.now() - start
  [BeamBench.rate("ping-pong: #{BeamBench.label(round_trips)} round trips (round trips/s)", round_trips, elapsed)]
end)
