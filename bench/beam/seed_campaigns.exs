# beam-flags: +P 4000000
# seed_campaigns on the BEAM, the seed's StatsAggregator at scale: 1,000 campaign GenServers (count
# and total each); 1,000 donor processes at once each GenServer.cast 1,000 donations, donor d's j-th
# to campaign rem(d + j, 1000) (1,000,000 casts, one per donor per campaign); then one
# GenServer.call per campaign reads its stats. Checked: every campaign counted one donation per
# donor, and the totals add up to the sum of every donation (integer cents).
Code.require_file("beam_bench.exs", __DIR__)

defmodule Campaign do
  use GenServer
  def init(:ok), do: {:ok, {0, 0}}
  def handle_cast({:donation, amount}, {count, total}), do: {:noreply, {count + 1, total + amount}}
  def handle_call(:read, _from, stats), do: {:reply, stats, stats}
end

defmodule Donors do
  def amount(d, j), do: 100 + rem(d * 1_000 + j, 997)

  def donor(campaigns, d, casts, parent) do
    send(parent, :ready)
    receive do: (:go -> :ok)
    for j <- 0..(casts - 1), do: GenServer.cast(elem(campaigns, rem(d + j, 1_000)), {:donation, amount(d, j)})
    send(parent, :donated)
  end
end

BeamBench.run("seed_campaigns", fn opts ->
  donors = 1_000
  casts = BeamBench.count(1_000, opts)
  campaigns = (for _ <- 1..1_000, do: elem(GenServer.start(Campaign, :ok), 1)) |> List.to_tuple()
  parent = self()
  base = BeamBench.memory()
  peak = BeamBench.start_peak()
  pids = for d <- 0..(donors - 1), do: spawn(fn -> Donors.donor(campaigns, d, casts, parent) end)
  BeamBench.await_count(donors, :ready)
  start = BeamBench.now()
  Enum.each(pids, &send(&1, :go))
  BeamBench.await_count(donors, :donated)
  stats = for c <- 0..999, do: GenServer.call(elem(campaigns, c), :read, 60_000)
  elapsed = BeamBench.now() - start
  peak_bytes = BeamBench.stop_peak(peak) - base
  campaigns |> Tuple.to_list() |> Enum.each(&GenServer.stop/1)
  expected_count = div(donors * casts, 1_000)

  stats
  |> Enum.with_index()
  |> Enum.each(fn {{count, _}, c} ->
    BeamBench.check!(count == expected_count, fn -> "seed_campaigns: campaign #{c} counted #{count}, expected #{expected_count}" end)
  end)

  total = stats |> Enum.map(&elem(&1, 1)) |> Enum.sum()
  expected = Enum.sum(for d <- 0..(donors - 1), j <- 0..(casts - 1), do: Donors.amount(d, j))
  BeamBench.check!(total == expected, fn -> "seed_campaigns: the totals add up to #{total}, expected #{expected}" end)
  prefix = "seed campaigns: #{BeamBench.label(donors * casts)} casts over 1,000 campaign servers, then read every total"
  BeamBench.seed_samples(prefix, "casts", donors * casts, elapsed, peak_bytes)
end)
