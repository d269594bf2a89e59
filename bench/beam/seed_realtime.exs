# beam-flags: +P 4000000
# seed_realtime on the BEAM, the seed's RealtimeProcessor at scale: 10,000 caller processes at once
# each GenServer.call one processor with one donation; for each call the processor starts a task
# under a Task.Supervisor and returns {:noreply, ...}; the task runs the seed's four validations as
# four Task.async (amount at once; campaign 50 ms, fraud 100 ms, donor 75 ms), Task.await_many, and
# GenServer.reply to the caller: {:processed, amount} or {:rejected, ...} (every 100th donation has
# amount zero). Checked: the processed total and the rejected count are exactly those expected.
Code.require_file("beam_bench.exs", __DIR__)

defmodule RealtimeProcessor do
  use GenServer
  def init(tasks), do: {:ok, tasks}

  def handle_call({:process, amount}, from, tasks) do
    {:ok, _} = Task.Supervisor.start_child(tasks, fn -> GenServer.reply(from, validate_and_process(amount)) end)
    {:noreply, tasks}
  end

  defp validate_and_process(amount) do
    validations = [
      Task.async(fn -> amount > 0 end),
      Task.async(fn -> validation(50) end),
      Task.async(fn -> validation(100) end),
      Task.async(fn -> validation(75) end)
    ]

    if Enum.all?(Task.await_many(validations, 30_000)), do: {:processed, amount}, else: {:rejected, 0}
  end

  defp validation(millis) do
    Process.sleep(millis)
    true
  end
end

defmodule RealtimeCallers do
  def amount(i), do: if(rem(i, 100) == 99, do: 0, else: 500 + rem(i * 31, 100_000))

  def caller(processor, i, parent) do
    send(parent, :ready)
    receive do: (:go -> :ok)
    send(parent, {:answer, GenServer.call(processor, {:process, amount(i)}, 60_000)})
  end

  def collect(0, acc), do: acc

  def collect(n, {total, rejected}) do
    receive do
      {:answer, {:processed, amount}} -> collect(n - 1, {total + amount, rejected})
      {:answer, {:rejected, _}} -> collect(n - 1, {total, rejected + 1})
    after
      180_000 -> raise "check failed: seed_realtime: #{n} callers without an answer"
    end
  end
end

BeamBench.run("seed_realtime", fn opts ->
  n = BeamBench.count(10_000, opts)
  {:ok, tasks} = Task.Supervisor.start_link()
  {:ok, processor} = GenServer.start(RealtimeProcessor, tasks)
  parent = self()
  base = BeamBench.memory()
  peak = BeamBench.start_peak()
  callers = for i <- 0..(n - 1), do: spawn(fn -> RealtimeCallers.caller(processor, i, parent) end)
  BeamBench.await_count(n, :ready)
  start = BeamBench.now()
  Enum.each(callers, &send(&1, :go))
  {total, rejected} = RealtimeCallers.collect(n, {0, 0})
  elapsed = BeamBench.now() - start
  peak_bytes = BeamBench.stop_peak(peak) - base
  GenServer.stop(processor)
  Process.unlink(tasks)
  Supervisor.stop(tasks)

  {expected_total, expected_rejected} =
    Enum.reduce(0..(n - 1), {0, 0}, fn i, {t, r} ->
      a = RealtimeCallers.amount(i)
      if a > 0, do: {t + a, r}, else: {t, r + 1}
    end)

  BeamBench.check!(total == expected_total and rejected == expected_rejected, fn ->
    "seed_realtime: processed #{total} with #{rejected} rejections, expected #{expected_total} with #{expected_rejected}"
  end)

  prefix = "seed realtime: #{BeamBench.label(n)} concurrent callers × 4 concurrent validations"
  BeamBench.seed_samples(prefix, "donations", n, elapsed, peak_bytes)
end)
