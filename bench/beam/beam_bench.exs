# Shared by the BEAM twins of the harness's scenarios (bench/beam/<scenario>.exs), loaded with
# Code.require_file("beam_bench.exs", __DIR__). Not a scenario itself.
#
# A twin is run by the Java harness (dev.amanah.bench.beam.Beam) as
#   elixir --erl "+S 2:2 <the script's # beam-flags:>" <script> --divisor D --reps R [--size N] [--warm-up-divisor W]
# and can be run by hand the same way. It runs one warm-up (its counts divided by W more, default 1)
# and R measured repetitions in this BEAM and prints, per sample, one stdout line
# "sample<TAB>rep<TAB>unit<TAB>value<TAB>label" (unit: /s, ms or bytes; label: the Java row's label,
# so the two pair up), then the medians on stderr. A wrong result raises, which exits with status 1
# and fails the harness's run.
defmodule BeamBench do
  @moduledoc "Options, timing, checks and output for the BEAM twins of the benchmark scenarios."

  @doc """
  The command-line options: divisor (--quick is 10), reps, size (0: the script's default), and
  warm_up_divisor (1: the warm-up at the measured sizes; --all's 10: at a tenth of them).
  """
  def options do
    {opts, _rest, invalid} =
      OptionParser.parse(System.argv(),
        strict: [divisor: :integer, reps: :integer, size: :integer, warm_up_divisor: :integer]
      )

    if invalid != [], do: raise(ArgumentError, "unknown options: #{inspect(invalid)}")
    warm_up_divisor = Keyword.get(opts, :warm_up_divisor, 1)
    if warm_up_divisor < 1, do: raise(ArgumentError, "--warm-up-divisor must be at least 1, was #{warm_up_divisor}")

    %{
      divisor: Keyword.get(opts, :divisor, 1),
      reps: Keyword.get(opts, :reps, 5),
      size: Keyword.get(opts, :size, 0),
      warm_up_divisor: warm_up_divisor
    }
  end

  @doc "The options of the warm-up run: the counts, or the curve point's size, divided by warm_up_divisor."
  def warm_up_options(%{warm_up_divisor: 1} = opts), do: opts

  def warm_up_options(%{warm_up_divisor: by, divisor: divisor, size: size} = opts) do
    %{opts | divisor: divisor * by, size: if(size > 0, do: max(1, div(size, by)), else: 0)}
  end

  @doc "`full` at this divisor, never below 1: the Java Scale.count."
  def count(full, %{divisor: divisor}), do: max(1, div(full, divisor))

  @doc "`--size` when given, else `full` at this divisor: the main count of a scaling-curve point."
  def sized(full, %{size: size} = opts), do: if(size > 0, do: size, else: count(full, opts))

  @doc "A count as the Java Counts.label prints it: 1M, 100k, 10,000."
  def label(count) when count >= 1_000_000 and rem(count, 1_000_000) == 0, do: "#{div(count, 1_000_000)}M"
  def label(count) when count >= 100_000 and rem(count, 1_000) == 0, do: "#{div(count, 1_000)}k"
  def label(count), do: count |> Integer.to_string() |> group()

  defp group(digits) do
    digits |> String.reverse() |> String.to_charlist() |> Enum.chunk_every(3) |> Enum.join(",") |> String.reverse()
  end

  @doc """
  Runs `fun` once to warm up (with `warm_up_options/1`), then `opts.reps` times, printing each
  run's samples. The BEAM compiles a module to machine code when it loads it, so its warm-up has no
  compiler to wait for: it primes the allocators and the schedulers, which a tenth of the work does.
  """
  def run(name, fun) do
    opts = options()
    # This process collects many replies (:ready, :done, ...): kept off its heap, a long mailbox is
    # not scanned by each of its garbage collections.
    Process.flag(:message_queue_data, :off_heap)
    which = if opts.warm_up_divisor == 1, do: "warm-up", else: "warm-up (1/#{opts.warm_up_divisor})"
    log("#{name}: #{which}: #{describe(fun.(warm_up_options(opts)))}")

    all =
      for rep <- 1..opts.reps do
        samples = fun.(opts)
        for {label, unit, value} <- samples, do: IO.puts("sample\t#{rep}\t#{unit}\t#{value}\t#{label}")
        log("#{name}: run #{rep}/#{opts.reps}: #{describe(samples)}")
        samples
      end

    medians =
      all |> List.flatten() |> Enum.group_by(fn {label, unit, _} -> {label, unit} end, fn {_, _, v} -> v end)

    for {{label, unit}, values} <- medians, do: log("#{name}: median #{label} = #{format(median(values), unit)}")
    :ok
  end

  @doc "Monotonic nanoseconds, for timing."
  def now, do: System.monotonic_time(:nanosecond)

  @doc "A rate sample: `ops` done in `nanos`."
  def rate(label, ops, nanos), do: {label, "/s", ops * 1.0e9 / nanos}

  @doc "A duration sample, in milliseconds."
  def millis(label, nanos), do: {label, "ms", nanos / 1.0e6}

  @doc "A size sample, in bytes."
  def bytes(label, bytes), do: {label, "bytes", bytes * 1.0}

  @doc "The three rows of a seed scenario, named as the Java twin's SeedMetrics names them."
  def seed_samples(prefix, items, count, nanos, peak_bytes) do
    [
      millis(prefix <> ": wall time (ms)", nanos),
      rate(prefix <> ": throughput (#{items}/s)", count, nanos),
      bytes(prefix <> ": peak memory above start (bytes)", peak_bytes)
    ]
  end

  @doc "Raises with `message` (a function, so the hot path builds no string) unless `condition`."
  def check!(true, _message), do: :ok
  def check!(false, message), do: raise("check failed: " <> message.())

  @doc "Waits for `count` messages equal to `tag` (the receive is selective), at most 3 minutes each."
  def await_count(0, _tag), do: :ok

  def await_count(count, tag) do
    receive do
      ^tag -> await_count(count - 1, tag)
    after
      180_000 -> raise "check failed: #{count} #{inspect(tag)} messages missing after 3 minutes"
    end
  end

  @doc "Bytes the whole BEAM uses (processes, ETS, atoms, binaries, code) after collecting this process."
  def memory do
    :erlang.garbage_collect()
    :erlang.memory(:total)
  end

  @doc "Starts a peak memory sampler (every 10 ms); `stop_peak/1` returns the highest :erlang.memory(:total) seen."
  def start_peak do
    parent = self()
    spawn_link(fn -> peak_loop(parent, :erlang.memory(:total)) end)
  end

  def stop_peak(sampler) do
    send(sampler, {:stop, self()})

    receive do
      {:peak, peak} -> peak
    end
  end

  defp peak_loop(parent, peak) do
    receive do
      {:stop, ^parent} -> send(parent, {:peak, max(peak, :erlang.memory(:total))})
    after
      10 -> peak_loop(parent, max(peak, :erlang.memory(:total)))
    end
  end

  defp median(values) do
    sorted = Enum.sort(values)
    n = length(sorted)
    if rem(n, 2) == 1, do: Enum.at(sorted, div(n, 2)), else: (Enum.at(sorted, div(n, 2) - 1) + Enum.at(sorted, div(n, 2))) / 2
  end

  defp describe(samples), do: Enum.map_join(samples, "; ", fn {l, u, v} -> "#{l} = #{format(v, u)}" end)

  defp format(v, "/s") when v >= 1.0e6, do: :io_lib.format("~.2fM", [v / 1.0e6]) |> to_string()
  defp format(v, "/s") when v >= 1.0e3, do: "#{round(v / 1.0e3)}k"
  defp format(v, "/s"), do: "#{round(v)}"
  defp format(v, "ms"), do: :io_lib.format("~.1f", [v]) |> to_string()
  defp format(v, "bytes"), do: "#{round(v)}"

  defp log(line), do: IO.puts(:stderr, line)
end
