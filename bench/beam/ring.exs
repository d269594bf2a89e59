# beam-flags: +P 4000000
# ring on the BEAM: N processes (10,000; --size for the scaling curve) pass one token around;
# plain send/receive. Each learns its successor before the clock starts (spawning is not timed);
# timed from the first send until every process has forwarded its last token and ended.
# Process i must receive hops i+1, i+1+n, ...; a lost or misrouted token fails the check.
Code.require_file("beam_bench.exs", __DIR__)

defmodule Ring do
  def member(index, n, rounds, total, parent) do
    receive do
      {:next, next} ->
        send(parent, :ready)
        loop(index, n, rounds, total, next, parent)
    end
  end

  defp loop(_index, _n, 0, _total, _next, parent), do: send(parent, :ended)

  defp loop(index, n, rounds, total, next, parent) do
    receive do
      {:token, hops} ->
        BeamBench.check!(rem(hops - 1, n) == index, fn -> "ring: process #{index} got the token at hop #{hops}" end)
        if hops != total, do: send(next, {:token, hops + 1})
        loop(index, n, rounds - 1, total, next, parent)
    end
  end
end

BeamBench.run("ring", fn opts ->
  # As the Java twins, --quick scales the rounds, not the ring; the curve (--size N) keeps the
  # messages near 1M at every N (at least one round), as Ring.CURVE_MESSAGES.
  n = if opts.size > 0, do: opts.size, else: 10_000
  rounds = if opts.size > 0, do: max(1, div(1_000_000, n)), else: BeamBench.count(1_000, opts)
  total = n * rounds
  parent = self()
  pids = for i <- 0..(n - 1), do: spawn(fn -> Ring.member(i, n, rounds, total, parent) end)
  Enum.zip(pids, tl(pids) ++ [hd(pids)]) |> Enum.each(fn {pid, next} -> send(pid, {:next, next}) end)
  BeamBench.await_count(n, :ready)
  start = BeamBench.now()
  send(hd(pids), {:token, 1})
  BeamBench.await_count(n, :ended)
  elapsed = BeamBench.now() - start
  [BeamBench.rate("ring: #{BeamBench.label(n)} processes × #{BeamBench.label(rounds)} rounds (msgs/s)", total, elapsed)]
end)
