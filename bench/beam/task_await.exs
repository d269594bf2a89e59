# beam-flags: +P 4000000
# task_await on the BEAM: one process starts 100,000 Task.async of trivial work (each returns its
# own index), then Task.await_many; timed from the first start until every result is in. Checked:
# one result per task, in task order, each its task's index.
Code.require_file("beam_bench.exs", __DIR__)

BeamBench.run("task_await", fn opts ->
  n = BeamBench.count(100_000, opts)
  start = BeamBench.now()
  tasks = for i <- 0..(n - 1), do: Task.async(fn -> i end)
  results = Task.await_many(tasks, 120_000)
  elapsed = BeamBench.now() - start
  BeamBench.check!(results == Enum.to_list(0..(n - 1)), fn -> "task_await: results out of order or missing" end)

  [BeamBench.rate("task_await (Amanah Task.async + awaitMany; floor VT executor submit + get): " <>
      "#{BeamBench.label(n)} tasks (tasks/s)", n, elapsed)]
end)
