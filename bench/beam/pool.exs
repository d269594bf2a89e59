# pool on the BEAM: 1,000 caller processes × 1,000 transactions on a pool of 10 worker GenServers.
# A transaction is checkout, GenServer.call(worker, {:work, n}) (the worker echoes n), checkin.
# The pool is a plain GenServer in the manner of poolboy: idle workers in a queue, callers waiting
# in a queue, each checked-out worker's caller monitored (a caller that dies gives its worker
# back). Transactions per second, from go until every caller is done; checked: every reply echoes
# its request, and the workers served 1M calls in all.
Code.require_file("beam_bench.exs", __DIR__)

defmodule Worker do
  use GenServer
  def init(:ok), do: {:ok, 0}
  def handle_call({:work, n}, _from, served), do: {:reply, n, served + 1}
  def handle_call(:served, _from, served), do: {:reply, served, served}
end

defmodule SimplePool do
  use GenServer

  def start(size) do
    workers = for _ <- 1..size, do: elem(GenServer.start_link(Worker, :ok), 1)
    GenServer.start(__MODULE__, workers)
  end

  def transaction(pool, fun) do
    worker = GenServer.call(pool, :checkout, 30_000)

    try do
      fun.(worker)
    after
      GenServer.cast(pool, {:checkin, worker, self()})
    end
  end

  def init(workers) do
    Process.flag(:trap_exit, true)
    {:ok, %{idle: :queue.from_list(workers), waiting: :queue.new(), out: %{}, workers: workers}}
  end

  def handle_call(:checkout, {caller, _} = from, state) do
    case :queue.out(state.idle) do
      {{:value, worker}, idle} -> {:reply, worker, lend(%{state | idle: idle}, worker, caller)}
      {:empty, _} -> {:noreply, %{state | waiting: :queue.in(from, state.waiting)}}
    end
  end

  def handle_call(:workers, _from, state), do: {:reply, state.workers, state}

  def handle_cast({:checkin, worker, caller}, state) do
    {ref, out} = Map.pop(state.out, {worker, caller})
    Process.demonitor(ref, [:flush])
    {:noreply, give_back(%{state | out: out}, worker)}
  end

  def handle_info({:DOWN, _ref, :process, caller, _}, state) do
    {[{{worker, ^caller}, _}], out} = Enum.split_with(state.out, fn {{_, c}, _} -> c == caller end)
    {:noreply, give_back(%{state | out: Map.new(out)}, worker)}
  end

  def terminate(_reason, state), do: Enum.each(state.workers, &GenServer.stop/1)

  defp lend(state, worker, caller), do: %{state | out: Map.put(state.out, {worker, caller}, Process.monitor(caller))}

  defp give_back(state, worker) do
    case :queue.out(state.waiting) do
      {{:value, {caller, _} = from}, waiting} ->
        GenServer.reply(from, worker)
        lend(%{state | waiting: waiting}, worker, caller)

      {:empty, _} ->
        %{state | idle: :queue.in(worker, state.idle)}
    end
  end
end

defmodule PoolCallers do
  def transactions(_pool, 0), do: :ok

  def transactions(pool, n) do
    reply = SimplePool.transaction(pool, fn worker -> GenServer.call(worker, {:work, n}) end)
    BeamBench.check!(reply == n, fn -> "pool: transaction #{n} got #{inspect(reply)}" end)
    transactions(pool, n - 1)
  end
end

BeamBench.run("pool", fn opts ->
  callers = 1_000
  per_caller = BeamBench.count(1_000, opts)
  workers = 10
  {:ok, pool} = SimplePool.start(workers)
  parent = self()

  pids =
    for _ <- 1..callers do
      spawn(fn ->
        send(parent, :ready)
        receive do: (:go -> PoolCallers.transactions(pool, per_caller))
        send(parent, :done)
      end)
    end

  BeamBench.await_count(callers, :ready)
  start = BeamBench.now()
  Enum.each(pids, &send(&1, :go))
  BeamBench.await_count(callers, :done)
  elapsed = BeamBench.now() - start
  served = GenServer.call(pool, :workers) |> Enum.map(&GenServer.call(&1, :served)) |> Enum.sum()
  BeamBench.check!(served == callers * per_caller, fn -> "pool: the workers served #{served} of #{callers * per_caller}" end)
  GenServer.stop(pool)

  [BeamBench.rate("pool: #{BeamBench.label(callers)} callers × #{BeamBench.label(per_caller)} transactions " <>
      "on #{workers} workers (transactions/s)", callers * per_caller, elapsed)]
end)
