# restart on the BEAM: a Supervisor (one_for_one, restart intensity high enough never to give up)
# with one permanent GenServer child that crashes (raises) in handle_continue right after init,
# 10,000 times in a row; generation 10,001 stays up. Restarts per second, from the first
# generation's start to the start of generation 10,001, as the Java twins. Checked: exactly 10,001
# generations started, and the supervisor's one child is the last of them.
Code.require_file("beam_bench.exs", __DIR__)
# OTP would log every crash report: the Java twins log nothing either.
Logger.configure(level: :none)

defmodule Crashy do
  use GenServer
  def start_link({parent, generations, crashes}), do: GenServer.start_link(__MODULE__, {parent, generations, crashes})

  def init({parent, generations, crashes}) do
    :counters.add(generations, 1, 1)
    generation = :counters.get(generations, 1)
    send(parent, {:started, generation, self(), BeamBench.now()})
    if generation <= crashes, do: {:ok, parent, {:continue, :crash}}, else: {:ok, parent}
  end

  def handle_continue(:crash, _parent), do: raise("planned crash")
end

BeamBench.run("restart", fn opts ->
  n = BeamBench.count(10_000, opts)
  parent = self()
  generations = :counters.new(1, [])
  child = %{id: :crashy, start: {Crashy, :start_link, [{parent, generations, n}]}, restart: :permanent}
  {:ok, sup} = Supervisor.start_link([child], strategy: :one_for_one, max_restarts: 1_000_000_000, max_seconds: 1)
  first = receive do: ({:started, 1, _, at} -> at)

  {last_pid, last} =
    Enum.reduce(2..(n + 1), nil, fn generation, _ ->
      receive do
        {:started, ^generation, pid, at} -> {pid, at}
      after
        60_000 -> raise "check failed: restart: generation #{generation} did not start within a minute"
      end
    end)

  [{:crashy, running, :worker, _}] = Supervisor.which_children(sup)
  started = :counters.get(generations, 1)
  BeamBench.check!(running == last_pid and started == n + 1, fn ->
    "restart: #{started} generations started, expected #{n + 1}, or the running child is not the last"
  end)

  Process.unlink(sup)
  Supervisor.stop(sup)
  [BeamBench.rate("restart: #{BeamBench.label(n)} crash/restart cycles of a supervised child (restarts/s)", n, last - first)]
end)
