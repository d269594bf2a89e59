# beam-flags: +P 4000000
# seed_zakat on the BEAM, the seed's ConcurrentDistributor at scale: a pool of 1,234,567,890.12 USD
# (integer cents) split among 100,000 recipients in proportion to weights 1 + i mod 7 by the largest
# remainder method in integers (ties to the earlier recipient, as the finance module's Allocator),
# then one transfer per recipient with Task.async_stream (max_concurrency 1,000): a simulated 1 ms
# payment, then a GenServer.call crediting the recipient on a ledger server. Checked: every
# recipient credited once, the ledger's total is the pool to the cent, each part within one cent of
# its exact share.
Code.require_file("beam_bench.exs", __DIR__)

defmodule Ledger do
  use GenServer
  def init(n), do: {:ok, {:atomics.new(n, signed: false), 0, 0}}

  def handle_call({:credit, recipient, amount}, _from, {credited, credits, total} = state) do
    BeamBench.check!(:atomics.exchange(credited, recipient + 1, 1) == 0, fn ->
      "seed_zakat: recipient #{recipient} credited twice"
    end)

    {:reply, true, put_elem(put_elem(state, 1, credits + 1), 2, total + amount)}
  end

  def handle_call(:read, _from, {_, credits, total} = state), do: {:reply, {credits, total}, state}
end

defmodule Allocate do
  def weight(i), do: 1 + rem(i, 7)

  # Largest remainder: floor(pool × w / W) each, the k units left over to the k largest remainders.
  def by_weights(pool, weights) do
    total_weight = Enum.sum(weights)
    floors = Enum.map(weights, fn w -> {div(pool * w, total_weight), rem(pool * w, total_weight)} end)
    left = pool - Enum.reduce(floors, 0, fn {f, _}, acc -> acc + f end)

    lucky =
      floors
      |> Enum.with_index()
      |> Enum.sort_by(fn {{_, r}, i} -> {-r, i} end)
      |> Enum.take(left)
      |> MapSet.new(fn {_, i} -> i end)

    floors |> Enum.with_index() |> Enum.map(fn {{f, _}, i} -> if MapSet.member?(lucky, i), do: f + 1, else: f end)
  end
end

BeamBench.run("seed_zakat", fn opts ->
  n = BeamBench.count(100_000, opts)
  pool = 123_456_789_012
  weights = Enum.map(0..(n - 1), &Allocate.weight/1)
  {:ok, ledger} = GenServer.start(Ledger, n)
  base = BeamBench.memory()
  peak = BeamBench.start_peak()
  start = BeamBench.now()
  parts = Allocate.by_weights(pool, weights) |> List.to_tuple()

  # Each task gets its own recipient and part as the stream's element. A closure that captured
  # `parts` would copy the whole 100,000-element tuple into every task's heap (the BEAM copies a
  # fun's free variables into the process it spawns): 100,000 copies of ~0.8 MB, about 40 s of
  # copying that the Java side, sharing one array, does not do.
  parts
  |> Tuple.to_list()
  |> Stream.with_index()
  |> Task.async_stream(
    fn {part, i} ->
      Process.sleep(1)
      GenServer.call(ledger, {:credit, i, part}, 30_000)
    end,
    max_concurrency: 1_000,
    timeout: 30_000
  )
  |> Enum.each(fn result -> BeamBench.check!(result == {:ok, true}, fn -> "seed_zakat: a transfer failed: #{inspect(result)}" end) end)

  {credits, total} = GenServer.call(ledger, :read)
  elapsed = BeamBench.now() - start
  peak_bytes = BeamBench.stop_peak(peak) - base
  GenServer.stop(ledger)

  BeamBench.check!(credits == n and total == pool, fn ->
    "seed_zakat: the ledger has #{credits} credits for #{n} recipients, #{total} of #{pool}"
  end)

  total_weight = Enum.sum(weights)

  for i <- 0..(n - 1) do
    gap = abs(elem(parts, i) * total_weight - pool * Allocate.weight(i))
    BeamBench.check!(gap < total_weight, fn -> "seed_zakat: recipient #{i} is not within a cent of its share" end)
  end

  prefix = "seed zakat: #{BeamBench.label(n)} recipients, exact allocation + transfers, maxConcurrency 1,000"
  BeamBench.seed_samples(prefix, "transfers", n, elapsed, peak_bytes)
end)
