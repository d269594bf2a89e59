# async_stream on the BEAM: Task.async_stream over 1,000,000 items of trivial work (each maps to
# itself), max_concurrency = schedulers online (the harness sets +S to the JVM's cores), consumed
# to the end, ordered then unordered. Checked: ordered, the i-th result is i; unordered, every
# item's result arrives exactly once.
Code.require_file("beam_bench.exs", __DIR__)

defmodule AsyncStreamRun do
  def ordered(n, concurrency) do
    start = BeamBench.now()

    count =
      0..(n - 1)
      |> Task.async_stream(fn i -> i end, max_concurrency: concurrency, ordered: true)
      |> Enum.reduce(0, fn {:ok, value}, index ->
        BeamBench.check!(value == index, fn -> "async_stream: result #{index} was #{value}" end)
        index + 1
      end)

    elapsed = BeamBench.now() - start
    BeamBench.check!(count == n, fn -> "async_stream: #{count} results for #{n} items" end)
    elapsed
  end

  def unordered(n, concurrency) do
    seen = :atomics.new(n, signed: false)
    start = BeamBench.now()

    count =
      0..(n - 1)
      |> Task.async_stream(fn i -> i end, max_concurrency: concurrency, ordered: false)
      |> Enum.reduce(0, fn {:ok, value}, count ->
        BeamBench.check!(value in 0..(n - 1) and :atomics.exchange(seen, value + 1, 1) == 0, fn ->
          "async_stream: unexpected or repeated result #{value}"
        end)

        count + 1
      end)

    elapsed = BeamBench.now() - start
    BeamBench.check!(count == n, fn -> "async_stream: #{count} results for #{n} items" end)
    elapsed
  end
end

BeamBench.run("async_stream", fn opts ->
  n = BeamBench.count(1_000_000, opts)
  concurrency = System.schedulers_online()
  ordered = AsyncStreamRun.ordered(n, concurrency)
  unordered = AsyncStreamRun.unordered(n, concurrency)

  label = fn mode ->
    "async_stream #{mode} (Amanah Task.asyncStream; floor Gatherers.mapConcurrent): " <>
      "#{BeamBench.label(n)} items, maxConcurrency #{concurrency} (items/s)"
  end

  [BeamBench.rate(label.("ordered"), n, ordered), BeamBench.rate(label.("unordered"), n, unordered)]
end)
