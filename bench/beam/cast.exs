# cast on the BEAM: one client process sends 1M GenServer.cast {:inc, n} to a server, then one
# GenServer.call that returns how many it handled; timed from spawning the client until the reply.
# The server checks that the casts arrive in the order sent, the client that the count is 1M.
Code.require_file("beam_bench.exs", __DIR__)

defmodule CastServer do
  use GenServer
  def init(:ok), do: {:ok, 0}

  def handle_cast({:inc, n}, handled) do
    BeamBench.check!(n == handled, fn -> "cast: cast #{n} arrived after #{handled} casts" end)
    {:noreply, handled + 1}
  end

  def handle_call(:count, _from, handled), do: {:reply, handled, handled}
end

defmodule CastClient do
  def cast_all(server, n, n), do: server
  def cast_all(server, i, n), do: (GenServer.cast(server, {:inc, i}); cast_all(server, i + 1, n))
end

BeamBench.run("cast", fn opts ->
  casts = BeamBench.count(1_000_000, opts)
  {:ok, server} = GenServer.start(CastServer, :ok)
  parent = self()
  start = BeamBench.now()

  spawn(fn ->
    CastClient.cast_all(server, 0, casts)
    count = GenServer.call(server, :count, 60_000)
    BeamBench.check!(count == casts, fn -> "cast: the server counted #{count} casts of #{casts}" end)
    send(parent, :done)
  end)

  BeamBench.await_count(1, :done)
  elapsed = BeamBench.now() - start
  GenServer.stop(server)
  [BeamBench.rate("cast (Amanah GenServer.cast + GenServer.call): #{BeamBench.label(casts)} casts then 1 call (msgs/s)", casts + 1, elapsed)]
end)
