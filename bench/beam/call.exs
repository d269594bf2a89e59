# call on the BEAM: GenServer.call to one server; 1 client × 1M calls, then 1,000 clients ×
# 1,000 calls all at once. Each request carries a number the reply must echo; the server counts
# what it served and the total is checked at the end. The BEAM has no "plain thread": every
# caller is a process, so the third Java row has no BEAM twin.
Code.require_file("beam_bench.exs", __DIR__)

defmodule CallServer do
  use GenServer
  def init(:ok), do: {:ok, 0}
  def handle_call({:get, n}, _from, served), do: {:reply, n, served + 1}
  def handle_call(:served, _from, served), do: {:reply, served, served}
end

defmodule CallClients do
  def call_repeatedly(_server, 0), do: :ok

  def call_repeatedly(server, calls) do
    n = calls
    reply = GenServer.call(server, {:get, n}, 30_000)
    BeamBench.check!(reply == n, fn -> "call: request #{n} got the reply #{inspect(reply)}" end)
    call_repeatedly(server, calls - 1)
  end

  # Starts `count` clients that wait for :go; returns nanoseconds from the first :go until all done.
  def clients(server, count, calls) do
    parent = self()

    pids =
      for _ <- 1..count do
        spawn(fn ->
          send(parent, :ready)
          receive do: (:go -> call_repeatedly(server, calls))
          send(parent, :done)
        end)
      end

    BeamBench.await_count(count, :ready)
    start = BeamBench.now()
    Enum.each(pids, &send(&1, :go))
    BeamBench.await_count(count, :done)
    BeamBench.now() - start
  end
end

BeamBench.run("call", fn opts ->
  single = BeamBench.count(1_000_000, opts)
  clients = 1_000
  per_client = BeamBench.count(1_000, opts)
  {:ok, server} = GenServer.start(CallServer, :ok)
  single_nanos = CallClients.clients(server, 1, single)
  concurrent_nanos = CallClients.clients(server, clients, per_client)
  served = GenServer.call(server, :served)
  expected = single + clients * per_client
  BeamBench.check!(served == expected, fn -> "call: the server served #{served} requests of #{expected}" end)
  GenServer.stop(server)
  prefix = "call (Amanah GenServer.call; Pekko actor to actor): "

  [
    BeamBench.rate(prefix <> "1 client × #{BeamBench.label(single)} calls (calls/s)", single, single_nanos),
    BeamBench.rate(prefix <> "#{BeamBench.label(clients)} clients × #{BeamBench.label(per_client)} calls (calls/s)",
      clients * per_client, concurrent_nanos)
  ]
end)
