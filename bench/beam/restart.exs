# restart on the BEAM: a Supervisor (one_for_one, restart intensity high enough never to give up)
# with one GenServer child; 10,000 cycles of: the child is told to crash (it stops with an abnormal
# reason), the supervisor restarts it, the new child reports from init. Restarts per second, from
# the first crash until the 10,000th restarted child is up. Checked: every restart is a new pid,
# and the supervisor's restart count (its child is still the last one reported) adds up.
Code.require_file("beam_bench.exs", __DIR__)
# OTP would log every crash report: the Java twins log nothing either.
Logger.configure(level: :none)

defmodule Crashy do
  use GenServer
  def start_link(parent), do: GenServer.start_link(__MODULE__, parent)

  def init(parent) do
    send(parent, {:started, self()})
    {:ok, parent}
  end

  def handle_cast(:crash, parent), do: {:stop, :crash, parent}
end

defmodule RestartLoop do
  def cycles(_first, last, 0), do: last

  def cycles(first, current, remaining) do
    GenServer.cast(current, :crash)

    receive do
      {:started, next} ->
        BeamBench.check!(next != current, fn -> "restart: the child was not replaced" end)
        cycles(first, next, remaining - 1)
    after
      60_000 -> raise "check failed: restart: no child started within a minute"
    end
  end
end

BeamBench.run("restart", fn opts ->
  n = BeamBench.count(10_000, opts)
  parent = self()
  child = %{id: :crashy, start: {Crashy, :start_link, [parent]}, restart: :permanent}
  {:ok, sup} = Supervisor.start_link([child], strategy: :one_for_one, max_restarts: 1_000_000_000, max_seconds: 1)
  first = receive do: ({:started, pid} -> pid)
  start = BeamBench.now()
  last = RestartLoop.cycles(first, first, n)
  elapsed = BeamBench.now() - start
  [{:crashy, now, :worker, _}] = Supervisor.which_children(sup)
  BeamBench.check!(now == last, fn -> "restart: the supervisor's child is not the last one started" end)
  Process.unlink(sup)
  Supervisor.stop(sup)
  [BeamBench.rate("restart: #{BeamBench.label(n)} crash/restart cycles of a supervised child (restarts/s)", n, elapsed)]
end)
