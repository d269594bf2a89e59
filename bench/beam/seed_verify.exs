# beam-flags: +P 4000000
# seed_verify on the BEAM, the seed's BatchProcessor.verify_donations at scale: 100,000 donations,
# each verified by a simulated external check of 1 to 10 ms (the same pseudo-random delay per
# donation as the Java twin), Task.async_stream with max_concurrency 1,000, ordered, 30 s each.
# Every 100th donation has amount zero and is rejected. Checked: results in order, the verified
# total (minor units) and the rejected count are exactly those computed independently.
Code.require_file("beam_bench.exs", __DIR__)

defmodule Verify do
  def delay(i), do: 1 + rem(i * 7919 + 13, 10)
  def amount(i), do: if(rem(i, 100) == 99, do: 0, else: 500 + rem(i * 31, 100_000))

  def verify(i) do
    Process.sleep(delay(i))
    if amount(i) > 0, do: {:ok, i, amount(i)}, else: {:error, i, :invalid_amount}
  end

  def expected(n) do
    Enum.reduce(0..(n - 1), {0, 0}, fn i, {total, rejected} ->
      if amount(i) > 0, do: {total + amount(i), rejected}, else: {total, rejected + 1}
    end)
  end
end

BeamBench.run("seed_verify", fn opts ->
  n = BeamBench.count(100_000, opts)
  base = BeamBench.memory()
  peak = BeamBench.start_peak()
  start = BeamBench.now()

  {count, total, rejected} =
    0..(n - 1)
    |> Task.async_stream(&Verify.verify/1, max_concurrency: 1_000, timeout: 30_000)
    |> Enum.reduce({0, 0, 0}, fn {:ok, result}, {next, total, rejected} ->
      case result do
        {:ok, ^next, amount} -> {next + 1, total + amount, rejected}
        {:error, ^next, :invalid_amount} -> {next + 1, total, rejected + 1}
        other -> raise "check failed: seed_verify: #{inspect(other)} came as number #{next}"
      end
    end)

  elapsed = BeamBench.now() - start
  peak_bytes = BeamBench.stop_peak(peak) - base
  {expected_total, expected_rejected} = Verify.expected(n)

  BeamBench.check!(count == n and total == expected_total and rejected == expected_rejected, fn ->
    "seed_verify: #{count} results, verified #{total} in #{rejected} rejections, expected #{expected_total} in #{expected_rejected}"
  end)

  prefix = "seed verify: #{BeamBench.label(n)} donations, 1–10 ms check, maxConcurrency 1,000"
  BeamBench.seed_samples(prefix, "donations", n, elapsed, peak_bytes)
end)
